import ControlAPI
import ControlCore
import RPC
import Testing

/// Sizes are checked against what the nodes' filesystems can hold, and a replica a node could
/// not create or grow shows in the volume's health.
@Suite struct VolumeSizeTests {
    static let tebibyte: UInt64 = 1 << 40

    @Test func createRefusesSizesNoNodeCanHoldBeforeMintingAnything() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        for node in nodes {
            node.setMaxFileSize(16 * Self.tebibyte)
            try await node.heartbeat()
        }
        // Above every node's largest file, and above their capacity (1 TiB) though below it.
        for size in [UInt64(1) << 50, 2 * Self.tebibyte] {
            let message = await expectStatus(.outOfRange) { try await harness.createVolume("huge", sizeBytes: size) }
            #expect(message?.contains("node n1 holds at most 1099511627776") == true, "\(message ?? "")")
        }
        await expectStatus(.notFound) { try await harness.volume("huge") }
        let status = try await harness.control.getStatus(Blockfence_Control_V1_GetStatusRequest())
        #expect(status.epoch == 0)
        // Thin provisioning: above the free space (512 GiB) but within the capacity is fine.
        let thin = try await harness.createVolume("thin", sizeBytes: 768 << 30)
        #expect(thin.sizeBytes == 768 << 30)
        await harness.stop()
    }

    @Test func createAvoidsNodesWhoseFilesystemIsTooSmall() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        nodes[0].setMaxFileSize(2 << 30)
        try await nodes[0].heartbeat()
        // n1 is the least loaded by name, but cannot hold 4 GiB.
        let volume = try await harness.createVolume("big", sizeBytes: 4 << 30)
        #expect(volume.assignment?.replicaNodes == ["n2", "n3"])
        await expectStatus(.outOfRange) { try await harness.createVolume("bigger", sizeBytes: 4 << 30, replicas: 3) }
        await harness.stop()
    }

    @Test func expandRefusesSizesAReplicaNodeCannotHold() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let volume = try await harness.createVolume("data")
        nodes[1].setMaxFileSize(8 << 30)
        try await nodes[1].heartbeat()
        var request = Blockfence_Control_V1_ExpandVolumeRequest()
        request.volume = "data"
        request.sizeBytes = 16 << 30
        let message = await expectStatus(.outOfRange) { try await harness.control.expandVolume(request) }
        #expect(message?.contains("node n2 holds at most 8589934592") == true, "\(message ?? "")")
        let after = try await harness.volume("data")
        #expect(after.sizeBytes == volume.sizeBytes)
        #expect(after.assignment?.epoch == volume.assignment?.epoch)
        request.sizeBytes = 8 << 30
        #expect(try await harness.control.expandVolume(request).volume?.sizeBytes == 8 << 30)
        await harness.stop()
    }

    @Test func aReplicaItsNodeCouldNotCreateOrGrowIsNotHealthy() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let volume = try await harness.createVolume("data")
        let primary = try #require(nodes.first { $0.name == volume.assignment?.primaryNode })
        let member = try #require(nodes.first { $0.name != primary.name })
        let epoch = try #require(volume.assignment?.epoch)
        primary.setServing(epoch: epoch, volumeID: volume.id)
        try await primary.heartbeat()
        try await member.heartbeat(knownVolumes: [volume.id])
        #expect(try await harness.volume("data").health == .healthy)

        member.setProblem("cannot follow epoch 2: ftruncate: File too large", volumeID: volume.id)
        try await member.heartbeat(knownVolumes: [volume.id])
        let degraded = try await harness.volume("data")
        #expect(degraded.health == .degraded)
        #expect(degraded.replicas.first { $0.nodeName == member.name }?.problem.contains("File too large") == true)

        primary.setProblem("cannot create the replica: File too large", volumeID: volume.id, absent: true)
        try await primary.heartbeat()
        let unavailable = try await harness.volume("data")
        #expect(unavailable.health == .unavailable)
        #expect(unavailable.nbdURI == "")
        await harness.stop()
    }
}
