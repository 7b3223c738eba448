import ControlAPI
import ControlCore
import RPC
import Testing

/// Members outside the in-sync set that the primary catches up: how their progress shows, and when
/// the control core puts them back in the in-sync set.
@Suite struct CatchUpTests {
    func catchUp(
        _ node: String, copied: UInt64, total: UInt64, caughtUpAt sequence: UInt64? = nil
    ) -> Blockfence_Control_V1_MemberCatchUp {
        var progress = Blockfence_Control_V1_CatchUpProgress()
        progress.bytesCopied = copied
        progress.bytesTotal = total
        progress.bytesPerSecond = 1 << 20
        progress.secondsLeft = (total - copied) >> 20
        var member = Blockfence_Control_V1_MemberCatchUp()
        member.nodeName = node
        member.progress = progress
        member.caughtUp = sequence != nil
        member.caughtUpSequence = sequence ?? 0
        return member
    }

    /// A two-replica volume whose member n2 the primary n1 reported failed: epoch, volume id.
    func volumeWithFailedMember(
        _ harness: ControlHarness, _ nodes: [FakeStorageNode]
    ) async throws -> (UInt64, String) {
        let created = try await harness.createVolume("data")
        let volumeID = created.id
        let assignment = try await nodes[0].reportMemberFailure(
            volumeID: volumeID, epoch: created.assignment!.epoch, failed: ["n2"])
        #expect(assignment.inSyncMembers == ["n1"])
        #expect(assignment.replicaNodes == ["n1", "n2"])
        nodes[0].setServing(epoch: assignment.epoch, volumeID: volumeID)
        return (assignment.epoch, volumeID)
    }

    @Test func catchingUpMemberShowsProgressAndIsNotInSync() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let (epoch, volumeID) = try await volumeWithFailedMember(harness, nodes)
        nodes[0].setCatchingUp([catchUp("n2", copied: 1 << 20, total: 4 << 20)], volumeID: volumeID)
        try await nodes[0].heartbeat()
        let volume = try await harness.volume("data")
        #expect(volume.assignment?.epoch == epoch)
        #expect(volume.assignment?.inSyncMembers == ["n1"])
        let member = try #require(volume.replicas.first { $0.nodeName == "n2" })
        #expect(member.state == .syncing)
        #expect(member.catchUp?.bytesCopied == 1 << 20)
        #expect(member.catchUp?.bytesTotal == 4 << 20)
        #expect(member.catchUp?.secondsLeft == 3)
        #expect(volume.health == .degraded)
        await harness.stop()
    }

    @Test func catchUpWhosePrimaryStoppedShowsNoRateOrTimeLeft() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let (_, volumeID) = try await volumeWithFailedMember(harness, nodes)
        nodes[0].setCatchingUp([catchUp("n2", copied: 1 << 20, total: 4 << 20)], volumeID: volumeID)
        try await nodes[0].heartbeat()
        // The primary's lease runs out; its last report is all there is.
        try await harness.advance(by: 6_000, keepingAlive: [nodes[1]], checkingLeases: false)
        let volume = try await harness.volume("data")
        let member = try #require(volume.replicas.first { $0.nodeName == "n2" })
        #expect(volume.replicas.first { $0.nodeName == "n1" }?.nodeAlive == false)
        #expect(member.catchUp?.bytesCopied == 1 << 20)
        #expect(member.catchUp?.bytesPerSecond == 0)
        #expect(member.catchUp?.secondsLeft == 0)
        await harness.stop()
    }

    @Test func caughtUpMemberJoinsOnlyOnceItConfirmsTheSequenceItself() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let (epoch, volumeID) = try await volumeWithFailedMember(harness, nodes)
        nodes[0].setCatchingUp([catchUp("n2", copied: 4096, total: 4096, caughtUpAt: 40)], volumeID: volumeID)

        // The member still reports an older sequence: the primary's word alone changes nothing.
        nodes[1].setAppliedSequence(30, volumeID: volumeID)
        nodes[1].setLevel(true, volumeID: volumeID)
        try await nodes[1].heartbeat()
        try await nodes[0].heartbeat()
        #expect(try await harness.volume("data").assignment?.epoch == epoch)

        // At the sequence, but not level (still being repaired): nothing either.
        nodes[1].setAppliedSequence(45, volumeID: volumeID)
        nodes[1].setLevel(false, volumeID: volumeID)
        try await nodes[1].heartbeat()
        try await nodes[0].heartbeat()
        #expect(try await harness.volume("data").assignment?.epoch == epoch)

        // A report from a node that is not the primary counts for nothing.
        nodes[1].setLevel(true, volumeID: volumeID)
        nodes[1].setCatchingUp([catchUp("n2", copied: 0, total: 0, caughtUpAt: 40)], volumeID: volumeID)
        try await nodes[1].heartbeat()
        #expect(try await harness.volume("data").assignment?.epoch == epoch)

        try await nodes[0].heartbeat()
        let volume = try await harness.volume("data")
        #expect(volume.assignment?.epoch == epoch + 1)
        #expect(volume.assignment?.primaryNode == "n1")
        #expect(volume.assignment?.inSyncMembers == ["n1", "n2"])
        #expect(volume.assignment?.reason == "n2 caught up at sequence 40")
        #expect(volume.replicas.map(\.state) == [.inSync, .inSync])
        #expect(volume.health == .healthy)
        await harness.stop()
    }

    @Test func memberStillCatchingUpIsNeverPromoted() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let (epoch, volumeID) = try await volumeWithFailedMember(harness, nodes)
        nodes[0].setCatchingUp([catchUp("n2", copied: 1, total: 2)], volumeID: volumeID)
        try await nodes[0].heartbeat()
        // n2 says it is level far ahead; it is still outside the in-sync set.
        nodes[1].setAppliedSequence(1_000, volumeID: volumeID)
        nodes[1].setLevel(true, volumeID: volumeID)
        try await harness.advance(by: 6_000, keepingAlive: [nodes[1]])
        let volume = try await harness.volume("data")
        #expect(volume.assignment?.epoch == epoch)
        #expect(volume.assignment?.primaryNode == "n1")
        #expect(volume.health == .unavailable)
        await harness.stop()
    }

    @Test func primaryOfAnOlderEpochCannotPutAMemberBack() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let (epoch, volumeID) = try await volumeWithFailedMember(harness, nodes)
        nodes[0].setServing(epoch: epoch - 1, volumeID: volumeID)
        nodes[0].setCatchingUp([catchUp("n2", copied: 1, total: 1, caughtUpAt: 10)], volumeID: volumeID)
        nodes[1].setAppliedSequence(10, volumeID: volumeID)
        nodes[1].setLevel(true, volumeID: volumeID)
        try await nodes[1].heartbeat()
        try await nodes[0].heartbeat()
        #expect(try await harness.volume("data").assignment?.inSyncMembers == ["n1"])
        await harness.stop()
    }
}
