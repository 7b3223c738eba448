import ControlAPI
import ControlCore
import RPC
import Testing

/// Cordon, uncordon and drain.
@Suite struct NodeMaintenanceTests {
    func cordon(_ harness: ControlHarness, _ node: String) async throws -> Blockfence_Control_V1_NodeInfo {
        var request = Blockfence_Control_V1_CordonNodeRequest()
        request.node = node
        return try await harness.control.cordonNode(request, options: CallOptions(timeout: .seconds(10))).node!
    }

    func uncordon(_ harness: ControlHarness, _ node: String) async throws -> Blockfence_Control_V1_NodeInfo {
        var request = Blockfence_Control_V1_UncordonNodeRequest()
        request.node = node
        return try await harness.control.uncordonNode(request, options: CallOptions(timeout: .seconds(10))).node!
    }

    func drain(_ harness: ControlHarness, _ node: String) async throws -> Blockfence_Control_V1_DrainNodeResponse {
        var request = Blockfence_Control_V1_DrainNodeRequest()
        request.node = node
        return try await harness.control.drainNode(request, options: CallOptions(timeout: .seconds(10)))
    }

    @Test func cordonedNodesGetNoNewReplicas() async throws {
        let harness = try ControlHarness(timerRuns: false)
        _ = try await harness.registeredNodes(["n1", "n2", "n3"])
        #expect(try await cordon(harness, "n1").schedulable == false)
        #expect(try await cordon(harness, "n1").schedulable == false)
        let created = try await harness.createVolume("data")
        #expect(created.assignment?.replicaNodes == ["n2", "n3"])
        await expectStatus(.resourceExhausted) { try await harness.createVolume("three", replicas: 3) }
        #expect(try await uncordon(harness, "n1").schedulable == true)
        #expect(try await harness.createVolume("three", replicas: 3).assignment?.replicaNodes == ["n1", "n2", "n3"])
        await expectStatus(.notFound) { try await cordon(harness, "n9") }
        await harness.stop()
    }

    @Test func drainWithNowhereToGoChangesNothing() async throws {
        let harness = try ControlHarness(timerRuns: false)
        _ = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("data")
        let message = await expectStatus(.failedPrecondition) { try await drain(harness, "n2") }
        #expect(message?.contains("volume data: no alive, schedulable node without a replica of it") == true)
        #expect(message?.contains("nothing was changed") == true)
        let nodes = try await harness.control.listNodes(
            Blockfence_Control_V1_ListNodesRequest(), options: CallOptions(timeout: .seconds(10))
        ).nodes
        #expect(nodes.map(\.schedulable) == [true, true])
        #expect(try await harness.volume("data").assignment?.epoch == created.assignment?.epoch)
        await harness.stop()
    }

    @Test func drainHandsOverPrimariesAndMovesReplicasThenIsANoOp() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        let created = try await harness.createVolume("data")
        #expect(created.assignment?.primaryNode == "n1")
        let epoch = created.assignment!.epoch
        let watch = nodes[0].startWatching()
        defer { watch.cancel() }
        // n1, the primary, confirms the hand-over when it is asked for.
        let confirming = Task {
            let found = await eventually {
                nodes[0].watched.last?.handOvers.first { $0.volumeID == created.id } != nil
            }
            guard found, let handOver = nodes[0].watched.last?.handOvers.first else { return false }
            try? await nodes[0].confirmHandOver(volumeID: created.id, epoch: handOver.epoch)
            return true
        }
        let response = try await drain(harness, "n1")
        #expect(await confirming.value)
        #expect(response.node?.schedulable == false)
        #expect(response.moves.map(\.volume) == ["data"])
        #expect(response.moves.first?.newPrimary == "n2")
        #expect(response.moves.first?.targetNode == "n3")
        let moving = try await harness.volume("data")
        #expect(moving.assignment?.primaryNode == "n2")
        #expect(moving.assignment?.epoch == epoch + 2)
        #expect(moving.assignment?.inSyncMembers == ["n1", "n2"])
        #expect(moving.assignment?.replicaNodes == ["n1", "n2", "n3"])

        // The same drain again starts nothing new.
        let again = try await drain(harness, "n1")
        #expect(again.moves.first?.targetNode == "n3")
        #expect(try await harness.volume("data").assignment?.epoch == epoch + 2)

        // n2 catches n3 up; n1's replica goes.
        var member = Blockfence_Control_V1_MemberCatchUp()
        member.nodeName = "n3"
        member.caughtUp = true
        member.caughtUpSequence = 3
        nodes[1].setServing(epoch: epoch + 2, volumeID: created.id)
        nodes[1].setCatchingUp([member], volumeID: created.id)
        nodes[2].setAppliedSequence(3, volumeID: created.id)
        nodes[2].setLevel(true, volumeID: created.id)
        try await nodes[2].heartbeat()
        try await nodes[1].heartbeat()
        let moved = try await harness.volume("data")
        #expect(moved.assignment?.replicaNodes == ["n2", "n3"])
        #expect(moved.assignment?.inSyncMembers == ["n2", "n3"])
        let empty = try await drain(harness, "n1")
        #expect(empty.moves.isEmpty)
        #expect(empty.node?.replicas == 0)
        #expect(empty.node?.primaries == 0)
        await harness.stop()
    }

    @Test func aSecondDrainWhileOneIsUnderWayIsRefusedBeforeItChangesAnything() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        let created = try await harness.createVolume("data")
        #expect(created.assignment?.primaryNode == "n1")
        let watch = nodes[0].startWatching()
        defer { watch.cancel() }
        // The first drain waits for n1 to confirm its hand-over.
        let first = Task { try await drain(harness, "n1") }
        #expect(
            await eventually { nodes[0].watched.last?.handOvers.first { $0.volumeID == created.id } != nil })
        let second = await expectStatus(.failedPrecondition) { try await drain(harness, "n1") }
        #expect(second?.contains("a drain of it is under way") == true)
        #expect(second?.contains("nothing was changed") == true)
        let handOver = try #require(nodes[0].watched.last?.handOvers.first)
        try await nodes[0].confirmHandOver(volumeID: created.id, epoch: handOver.epoch)
        let response = try await first.value
        #expect(response.moves.first?.newPrimary == "n2")
        #expect(response.moves.first?.targetNode == "n3")
        // Once it returned, a drain again goes on where it left off.
        #expect(try await drain(harness, "n1").moves.first?.targetNode == "n3")
        await harness.stop()
    }

    @Test func drainRefusesAVolumeWithAnotherRebuildUnderWayAndLeavesTheNodeSchedulable() async throws {
        let harness = try ControlHarness(timerRuns: false)
        _ = try await harness.registeredNodes(["n1", "n2", "n3"])
        let created = try await harness.createVolume("data")
        #expect(created.assignment?.replicaNodes == ["n1", "n2"])
        var request = Blockfence_Control_V1_RebuildReplicaRequest()
        request.volume = "data"
        request.node = "n2"
        _ = try await harness.control.rebuildReplica(request, options: CallOptions(timeout: .seconds(10)))
        let refused = await expectStatus(.failedPrecondition) { try await drain(harness, "n1") }
        #expect(refused?.contains("volume data: a rebuild of its replica on n2 is under way") == true)
        let listed = try await harness.control.listNodes(
            Blockfence_Control_V1_ListNodesRequest(), options: CallOptions(timeout: .seconds(10))
        ).nodes
        #expect(listed.map(\.schedulable) == [true, true, true])
        await harness.stop()
    }
}
