import ControlAPI
import ControlCore
import RPC
import Testing

/// The Control service's volume methods, through a real server and the generated client.
@Suite struct VolumeServiceTests {
    @Test func createPlacesOnlyOnAllowedNodesAndPreferredOnesFirst() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2", "n3"])
        var request = Blockfence_Control_V1_CreateVolumeRequest()
        request.name = "placed"
        request.sizeBytes = 1 << 30
        request.replicaCount = 2
        request.allowedNodes = ["n2", "n3"]
        request.preferredNodes = ["n1", "n3"]
        let options = CallOptions(timeout: .seconds(10))
        let placed = try #require(try await harness.control.createVolume(request, options: options).volume)
        // n1 is preferred but not allowed; n3 is preferred and allowed, so it is the primary.
        #expect(placed.assignment?.primaryNode == "n3")
        #expect(placed.assignment?.replicaNodes == ["n2", "n3"])

        request.name = "crowded"
        request.allowedNodes = ["n1"]
        request.preferredNodes = []
        await #expect {
            _ = try await harness.control.createVolume(request, options: options)
        } throws: { error in
            (error as? RPCError)?.code == .resourceExhausted
        }
    }

    @Test func createPlacesReplicasOnTheLeastLoadedNodesAndMintsTheFirstAssignment() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        _ = try await harness.createVolume("first", replicas: 2)
        let volume = try await harness.createVolume("second", replicas: 2)
        let assignment = try #require(volume.assignment)
        // n1 and n2 hold "first" and n1 is its primary: n3 is the least loaded, then n2.
        #expect(assignment.primaryNode == "n3")
        #expect(assignment.inSyncMembers == ["n2", "n3"])
        #expect(assignment.replicaNodes == ["n2", "n3"])
        #expect(assignment.reason == "created")
        #expect(assignment.sizeBytes == 1 << 30)
        #expect(volume.replicas.map(\.state) == [.inSync, .inSync])
        #expect(volume.health == .healthy)
        #expect(volume.leaseRemainingMs == 3_000)
        // No address until the primary says it serves this epoch, then the primary's.
        #expect(volume.nbdURI == "")
        nodes[2].setServing(epoch: assignment.epoch - 1, volumeID: volume.id)
        try await nodes[2].heartbeat()
        #expect(try await harness.volume("second").nbdURI == "")
        nodes[2].setServing(epoch: assignment.epoch, volumeID: volume.id)
        try await nodes[2].heartbeat()
        #expect(try await harness.volume("second").nbdURI == "nbd://\(nodes[2].nbdAddress)/second")
        await harness.stop()
    }

    @Test func createIsIdempotentAndConflictsAreAlreadyExists() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        var request = Blockfence_Control_V1_CreateVolumeRequest()
        request.name = "data"
        request.sizeBytes = 1 << 30
        let first = try await harness.control.createVolume(request)
        let again = try await harness.control.createVolume(request)
        #expect(first.created)
        #expect(!again.created)
        #expect(again.volume?.id == first.volume?.id)
        #expect(again.volume?.assignment?.epoch == first.volume?.assignment?.epoch)
        #expect(again.volume?.replicaCount == 2)

        let conflicts: [(String, (inout Blockfence_Control_V1_CreateVolumeRequest) -> Void)] = [
            ("size", { $0.sizeBytes = 2 << 30 }),
            ("replicas", { $0.replicaCount = 1 }),
            ("parameters", { $0.parameters = ["tier": "fast"] }),
        ]
        for (what, change) in conflicts {
            var conflicting = request
            change(&conflicting)
            let message = await expectStatus(.alreadyExists) { try await harness.control.createVolume(conflicting) }
            #expect(message?.contains("data") == true, "\(what)")
        }
        await harness.stop()
    }

    @Test(arguments: [
        ("", "empty"),
        ("Upper", "lower-case"),
        ("-leading", "start with"),
        (".hidden", "start with"),
        ("has space", "not allowed"),
        ("slash/inside", "not allowed"),
        ("caf\u{e9}", "not allowed"),
        (String(repeating: "a", count: 129), "at most 128"),
        ("0c6b1a3e-5f2d-4e8a-9b7c-1d2e3f405162", "form of a volume id"),
    ])
    func invalidNamesAreInvalidArgument(name: String, reason: String) async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        let message = await expectStatus(.invalidArgument) { try await harness.createVolume(name) }
        #expect(message?.contains(reason) == true, "\(message ?? "")")
        await harness.stop()
    }

    @Test func aNameCannotReachAnotherVolumeThroughItsID() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        let first = try await harness.createVolume("first")
        // Were the id accepted as a name, the lookup by name or id would return "first" instead.
        let message = await expectStatus(.invalidArgument) { try await harness.createVolume(first.id) }
        #expect(message?.contains("form of a volume id") == true, "\(message ?? "")")
        #expect(try await harness.volume("first").id == first.id)
        await harness.stop()
    }

    @Test func validNamesAreAccepted() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        for name in [
            "a", "0db", "pg-data_1.main", String(repeating: "z", count: 128), "0c6b1a3e-5f2d-4e8a-9b7c-1d2e3f40516",
        ] {
            let volume = try await harness.createVolume(name)
            #expect(volume.name == name)
        }
        await harness.stop()
    }

    @Test(arguments: [
        (UInt64(0), "at least 1 MiB"),
        (UInt64(1 << 20) - 4096, "at least 1 MiB"),
        (UInt64(1 << 20) + 512, "multiple of 4096"),
        (UInt64.max - 4095, "at most"),
    ])
    func invalidSizesAreInvalidArgument(sizeBytes: UInt64, reason: String) async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        let message = await expectStatus(.invalidArgument) { try await harness.createVolume("v", sizeBytes: sizeBytes) }
        #expect(message?.contains(reason) == true, "\(message ?? "")")
        await harness.stop()
    }

    @Test func replicaCountsOutsideOneToThreeAreInvalidArgument() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2", "n3", "n4"])
        for count: UInt32 in [4, 100] {
            await expectStatus(.invalidArgument) { try await harness.createVolume("v\(count)", replicas: count) }
        }
        #expect(try await harness.createVolume("default", replicas: 0).replicaCount == 2)
        #expect(try await harness.createVolume("three", replicas: 3).assignment?.inSyncMembers.count == 3)
        await harness.stop()
    }

    @Test func tooFewAliveNodesIsResourceExhausted() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let message = await expectStatus(.resourceExhausted) { try await harness.createVolume("big", replicas: 3) }
        #expect(message?.contains("needs 3 replicas") == true)
        #expect(message?.contains("n1, n2") == true)
        // A node whose lease lapsed is no place for a new replica.
        try await harness.advance(by: 3_000, keepingAlive: [nodes[0]])
        await expectStatus(.resourceExhausted) { try await harness.createVolume("two", replicas: 2) }
        #expect(try await harness.createVolume("one", replicas: 1).assignment?.primaryNode == "n1")
        await harness.stop()
    }

    @Test func deleteRefusesAttachedVolumesUnlessForcedAndUnknownIsNotFound() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        let volume = try await harness.createVolume("data")
        var attach = Blockfence_Control_V1_AttachVolumeRequest()
        attach.volume = "data"
        attach.node = "worker-1"
        _ = try await harness.control.attachVolume(attach)

        var delete = Blockfence_Control_V1_DeleteVolumeRequest()
        delete.volume = "data"
        let message = await expectStatus(.failedPrecondition) { try await harness.control.deleteVolume(delete) }
        #expect(message?.contains("worker-1") == true)
        delete.volume = volume.id
        delete.force = true
        _ = try await harness.control.deleteVolume(delete)
        await expectStatus(.notFound) { try await harness.volume("data") }
        await expectStatus(.notFound) { try await harness.control.deleteVolume(delete) }
        delete.volume = "never-existed"
        await expectStatus(.notFound) { try await harness.control.deleteVolume(delete) }
        await harness.stop()
    }

    @Test func expandGrowsWithANewAssignmentAndRefusesToShrink() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("data", sizeBytes: 1 << 30)
        var request = Blockfence_Control_V1_ExpandVolumeRequest()
        request.volume = "data"
        request.sizeBytes = 2 << 30
        let grown = try #require(try await harness.control.expandVolume(request).volume)
        #expect(grown.sizeBytes == 2 << 30)
        #expect(grown.assignment?.sizeBytes == 2 << 30)
        #expect(grown.assignment?.reason == "expanded")
        #expect(grown.assignment!.epoch > created.assignment!.epoch)
        #expect(grown.assignment?.primaryNode == created.assignment?.primaryNode)

        let same = try #require(try await harness.control.expandVolume(request).volume)
        #expect(same.assignment?.epoch == grown.assignment?.epoch)
        request.sizeBytes = 1 << 30
        await expectStatus(.invalidArgument) { try await harness.control.expandVolume(request) }
        request.sizeBytes = (2 << 30) + 100
        await expectStatus(.invalidArgument) { try await harness.control.expandVolume(request) }
        request.volume = "missing"
        await expectStatus(.notFound) { try await harness.control.expandVolume(request) }
        await harness.stop()
    }

    @Test func listVolumesPagesInNameOrderWithOpaqueTokens() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        let names = ["e", "a", "d", "b", "c"]
        for name in names { _ = try await harness.createVolume(name) }
        var request = Blockfence_Control_V1_ListVolumesRequest()
        request.pageSize = 2
        var pages: [[String]] = []
        repeat {
            let response = try await harness.control.listVolumes(request)
            pages.append(response.volumes.map(\.name))
            request.pageToken = response.nextPageToken
        } while !request.pageToken.isEmpty && pages.count < 10
        #expect(pages == [["a", "b"], ["c", "d"], ["e"]])

        request.pageSize = 0
        request.pageToken = ""
        #expect(try await harness.control.listVolumes(request).volumes.map(\.name) == names.sorted())
        for token in ["not base64!", "aGVsbG8="] {
            request.pageToken = token
            await expectStatus(.invalidArgument) { try await harness.control.listVolumes(request) }
        }
        await harness.stop()
    }

    @Test func aSingleNodeAttachmentExcludesEveryOtherNode() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        _ = try await harness.createVolume("data")
        var first = Blockfence_Control_V1_AttachVolumeRequest()
        first.volume = "data"
        first.node = "worker-1"
        first.singleNode = true
        var second = first
        second.node = "worker-2"
        // Two controllers racing for two nodes: exactly one wins, the other learns whose it is.
        async let one = try? harness.control.attachVolume(first)
        async let two = try? harness.control.attachVolume(second)
        let succeeded = await [one != nil, two != nil]
        #expect(succeeded.count(where: { $0 }) == 1)
        let attached = try await harness.volume("data").attachedNodes
        #expect(attached.count == 1)
        let winner = attached[0] == "worker-1" ? first : second
        let loser = attached[0] == "worker-1" ? second : first
        let message = await expectStatus(.failedPrecondition) { try await harness.control.attachVolume(loser) }
        #expect(message?.contains(winner.node) == true, "\(message ?? "")")
        // Nor may a shared attachment join it.
        var shared = loser
        shared.singleNode = false
        await expectStatus(.failedPrecondition) { try await harness.control.attachVolume(shared) }
        // Again on the same node is idempotent; the other setting is a conflict.
        #expect(try await harness.control.attachVolume(winner).volume?.attachedNodes == [winner.node])
        var changed = winner
        changed.singleNode = false
        await expectStatus(.alreadyExists) { try await harness.control.attachVolume(changed) }
        // Once detached, the other node may have it.
        var detach = Blockfence_Control_V1_DetachVolumeRequest()
        detach.volume = "data"
        detach.node = winner.node
        _ = try await harness.control.detachVolume(detach)
        #expect(try await harness.control.attachVolume(loser).volume?.attachedNodes == [loser.node])
        await harness.stop()
    }

    @Test func aSingleNodeAttachmentIsRefusedWhileAnotherNodeIsAttached() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        _ = try await harness.createVolume("data")
        var shared = Blockfence_Control_V1_AttachVolumeRequest()
        shared.volume = "data"
        shared.node = "worker-1"
        _ = try await harness.control.attachVolume(shared)
        shared.node = "worker-2"
        _ = try await harness.control.attachVolume(shared)
        var exclusive = shared
        exclusive.node = "worker-3"
        exclusive.singleNode = true
        let message = await expectStatus(.failedPrecondition) { try await harness.control.attachVolume(exclusive) }
        #expect(message?.contains("worker-1, worker-2") == true, "\(message ?? "")")
        await harness.stop()
    }

    @Test func attachAndDetachAreIdempotent() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        _ = try await harness.createVolume("data")
        var attach = Blockfence_Control_V1_AttachVolumeRequest()
        attach.volume = "data"
        attach.node = "worker-1"
        #expect(try await harness.control.attachVolume(attach).volume?.attachedNodes == ["worker-1"])
        #expect(try await harness.control.attachVolume(attach).volume?.attachedNodes == ["worker-1"])
        attach.readOnly = true
        await expectStatus(.alreadyExists) { try await harness.control.attachVolume(attach) }
        attach.node = "Bad Node"
        await expectStatus(.invalidArgument) { try await harness.control.attachVolume(attach) }
        attach.volume = "missing"
        attach.node = "worker-1"
        await expectStatus(.notFound) { try await harness.control.attachVolume(attach) }

        var detach = Blockfence_Control_V1_DetachVolumeRequest()
        detach.volume = "data"
        detach.node = "worker-1"
        _ = try await harness.control.detachVolume(detach)
        _ = try await harness.control.detachVolume(detach)
        detach.volume = "missing"
        _ = try await harness.control.detachVolume(detach)
        #expect(try await harness.volume("data").attachedNodes.isEmpty)
        await harness.stop()
    }

    @Test func statusAndNodesDescribeTheCluster() async throws {
        let harness = try ControlHarness()
        _ = try await harness.registeredNodes(["n1", "n2"])
        let volume = try await harness.createVolume("data")
        let status = try await harness.control.getStatus(Blockfence_Control_V1_GetStatusRequest())
        #expect(status.version == "test")
        #expect(status.epoch == volume.assignment?.epoch)
        #expect(status.volumes.map(\.name) == ["data"])
        #expect(status.nodes.map(\.name) == ["n1", "n2"])
        #expect(status.nodes.allSatisfy { $0.alive && $0.schedulable && $0.replicas == 1 })
        #expect(status.nodes.map(\.primaries).reduce(0, +) == 1)
        let nodes = try await harness.control.listNodes(Blockfence_Control_V1_ListNodesRequest()).nodes
        #expect(nodes.map(\.name) == ["n1", "n2"])
        #expect(nodes[0].capacityBytes == 1 << 40)
        await harness.stop()
    }
}
