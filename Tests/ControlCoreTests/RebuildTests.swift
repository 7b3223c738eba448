import ControlAPI
import ControlCore
import RPC
import Testing

/// Rebuilding a replica in place or on another node, and what is refused.
@Suite struct RebuildTests {
    func rebuild(
        _ harness: ControlHarness, _ volume: String, node: String, target: String = ""
    ) async throws -> Blockfence_Control_V1_Volume {
        var request = Blockfence_Control_V1_RebuildReplicaRequest()
        request.volume = volume
        request.node = node
        request.targetNode = target
        return try await harness.control.rebuildReplica(request, options: CallOptions(timeout: .seconds(10))).volume!
    }

    func caughtUp(_ node: String, at sequence: UInt64) -> Blockfence_Control_V1_MemberCatchUp {
        var member = Blockfence_Control_V1_MemberCatchUp()
        member.nodeName = node
        member.progress = Blockfence_Control_V1_CatchUpProgress()
        member.caughtUp = true
        member.caughtUpSequence = sequence
        return member
    }

    @Test func inPlaceRebuildTakesTheReplicaOutAndAsksThePrimaryForAFullCopy() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("data")
        let epoch = created.assignment!.epoch
        let started = try await rebuild(harness, "data", node: "n2")
        #expect(started.assignment?.epoch == epoch + 1)
        #expect(started.assignment?.inSyncMembers == ["n1"])
        #expect(started.assignment?.replicaNodes == ["n1", "n2"])
        #expect(started.assignment?.reason == "rebuild of n2's replica in place")
        let directives = try #require(try await nodes[0].heartbeat().directives)
        #expect(directives.fullCopies.map(\.nodeName) == ["n2"])
        #expect(directives.fullCopies.first?.requestedEpoch == epoch)
        // The same request again is answered as it stands; another one is refused meanwhile.
        #expect(try await rebuild(harness, "data", node: "n2").assignment?.epoch == epoch + 1)
        let another = await expectStatus(.failedPrecondition) {
            try await rebuild(harness, "data", node: "n2", target: "n1")
        }
        #expect(another?.contains("under way") == true)

        nodes[0].setServing(epoch: epoch + 1, volumeID: created.id)
        nodes[0].setCatchingUp([caughtUp("n2", at: 7)], volumeID: created.id)
        nodes[1].setAppliedSequence(7, volumeID: created.id)
        nodes[1].setLevel(true, volumeID: created.id)
        try await nodes[1].heartbeat()
        let after = try #require(try await nodes[0].heartbeat().directives)
        #expect(after.fullCopies.isEmpty)
        let volume = try await harness.volume("data")
        #expect(volume.assignment?.epoch == epoch + 2)
        #expect(volume.assignment?.inSyncMembers == ["n1", "n2"])
        await harness.stop()
    }

    @Test func rebuildOnAnotherNodeRemovesTheOldReplicaOnceTheNewOneIsInSync() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        let created = try await harness.createVolume("data")
        #expect(created.assignment?.replicaNodes == ["n1", "n2"])
        let epoch = created.assignment!.epoch
        let started = try await rebuild(harness, "data", node: "n2", target: "n3")
        #expect(started.assignment?.epoch == epoch + 1)
        // The old replica stays in sync while the new one is copied.
        #expect(started.assignment?.inSyncMembers == ["n1", "n2"])
        #expect(started.assignment?.replicaNodes == ["n1", "n2", "n3"])
        #expect(started.replicas.map(\.nodeName) == ["n1", "n2", "n3"])
        #expect(try await nodes[0].heartbeat().directives?.fullCopies.isEmpty == true)

        nodes[0].setServing(epoch: epoch + 1, volumeID: created.id)
        nodes[0].setCatchingUp([caughtUp("n3", at: 12)], volumeID: created.id)
        nodes[2].setAppliedSequence(12, volumeID: created.id)
        nodes[2].setLevel(true, volumeID: created.id)
        try await nodes[2].heartbeat()
        try await nodes[0].heartbeat()
        let volume = try await harness.volume("data")
        #expect(volume.assignment?.epoch == epoch + 2)
        #expect(volume.assignment?.inSyncMembers == ["n1", "n3"])
        #expect(volume.assignment?.replicaNodes == ["n1", "n3"])
        #expect(volume.replicas.map(\.nodeName) == ["n1", "n3"])
        // n2 is told to delete its replica.
        let old = try #require(try await nodes[1].heartbeat(knownVolumes: [created.id]).directives)
        #expect(old.deletedVolumeIDs == [created.id])
        #expect(old.assignments.isEmpty)
        await harness.stop()
    }

    @Test func aRebuildOnAnotherNodeSurvivesAControlCoreRestart() async throws {
        var harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        let created = try await harness.createVolume("data")
        let epoch = created.assignment!.epoch
        _ = try await rebuild(harness, "data", node: "n2", target: "n3")
        harness = try await harness.restarted(timerRuns: false)
        let primary = try harness.node("n1", incarnation: nodes[0].incarnation)
        let target = try harness.node("n3", incarnation: nodes[2].incarnation)
        // The same request again is answered as it stands: the restarted control core knows it.
        #expect(try await rebuild(harness, "data", node: "n2", target: "n3").assignment?.epoch == epoch + 1)

        primary.setServing(epoch: epoch + 1, volumeID: created.id)
        primary.setCatchingUp([caughtUp("n3", at: 12)], volumeID: created.id)
        target.setAppliedSequence(12, volumeID: created.id)
        target.setLevel(true, volumeID: created.id)
        try await target.heartbeat()
        try await primary.heartbeat()
        let volume = try await harness.volume("data")
        #expect(volume.assignment?.inSyncMembers == ["n1", "n3"])
        #expect(volume.assignment?.replicaNodes == ["n1", "n3"])
        #expect(volume.replicas.map(\.nodeName) == ["n1", "n3"])
        await harness.stop()
    }

    @Test func rebuildsThatCannotWorkAreRefused() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        let created = try await harness.createVolume("data")
        let primaryRefusal = await expectStatus(.failedPrecondition) { try await rebuild(harness, "data", node: "n1") }
        #expect(primaryRefusal?.contains("it is the primary") == true)
        let noReplica = await expectStatus(.failedPrecondition) { try await rebuild(harness, "data", node: "n3") }
        #expect(noReplica?.contains("holds no replica") == true)
        let sameNode = await expectStatus(.failedPrecondition) {
            try await rebuild(harness, "data", node: "n2", target: "n1")
        }
        #expect(sameNode?.contains("already holds a replica") == true)
        // An unknown node is NOT_FOUND, whether it is the replica's node or the target.
        let unknown = await expectStatus(.notFound) {
            try await rebuild(harness, "data", node: "n2", target: "n9")
        }
        #expect(unknown?.contains("no node named n9") == true)
        let unknownReplica = await expectStatus(.notFound) { try await rebuild(harness, "data", node: "n9") }
        #expect(unknownReplica?.contains("no node named n9") == true)
        await expectStatus(.notFound) { try await rebuild(harness, "nothing", node: "n2") }

        // n2 leaves the in-sync set: n1 holds the only in-sync copy.
        _ = try await nodes[0].reportMemberFailure(
            volumeID: created.id, epoch: created.assignment!.epoch, failed: ["n2"])
        let onlyCopy = await expectStatus(.failedPrecondition) { try await rebuild(harness, "data", node: "n1") }
        #expect(onlyCopy?.contains("the only in-sync copy") == true)
        await harness.stop()
    }
}
