import ControlAPI
import ControlCore
import RPC
import Testing

/// Leases, unplanned and planned failover, member failures and re-registration, driven by fake
/// storage nodes through a real server, on a manual clock (lease 3 s, margin 1 s).
@Suite struct FailoverTests {
    @Test func primaryIsReplacedOnlyOnceItsLeaseIsCertainlyOver() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        let created = try await harness.createVolume("data", replicas: 3)
        #expect(created.assignment?.primaryNode == "n1")
        let volumeID = created.id
        nodes[1].setAppliedSequence(5, volumeID: volumeID)
        nodes[2].setAppliedSequence(9, volumeID: volumeID)
        // n1 falls silent; 3.5 s is past its lease but not past lease + margin.
        try await harness.advance(by: 3_500, keepingAlive: [nodes[1], nodes[2]])
        let before = try await harness.volume("data")
        #expect(before.assignment?.epoch == created.assignment?.epoch)
        #expect(before.assignment?.primaryNode == "n1")
        #expect(before.nbdURI == "")
        #expect(before.health == .degraded)
        #expect(before.leaseRemainingMs == 0)

        // Nothing but the timer thread notices: no request from n1 arrives.
        try await harness.advance(by: 500, keepingAlive: [nodes[1], nodes[2]], checkingLeases: false)
        #expect(try await eventually { try await harness.volume("data").assignment?.primaryNode == "n3" })
        let after = try await harness.volume("data")
        // n3 reported the highest applied sequence.
        #expect(after.assignment?.epoch == created.assignment!.epoch + 1)
        #expect(after.assignment?.inSyncMembers == ["n2", "n3"])
        #expect(after.assignment?.reason == "failover: node n1 lease expired")
        #expect(after.replicas.map(\.state) == [.failed, .inSync, .inSync])
        #expect(after.replicas.map(\.appliedSequence) == [0, 5, 9])
        #expect(after.health == .degraded)
        await harness.stop()
    }

    @Test func memberWhoseLeaseEndsLeavesTheInSyncSet() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("data")
        try await harness.advance(by: 4_000, keepingAlive: [nodes[0]])
        #expect(try await eventually { try await harness.volume("data").assignment?.inSyncMembers == ["n1"] })
        let after = try await harness.volume("data")
        #expect(after.assignment?.primaryNode == "n1")
        #expect(after.assignment?.epoch == created.assignment!.epoch + 1)
        #expect(after.assignment?.reason == "members n2 lease expired")
        await harness.stop()
    }

    @Test func volumeWithoutAnAliveInSyncMemberStaysAndIsUnavailable() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("solo", replicas: 1)
        try await harness.advance(by: 6_000, keepingAlive: [nodes[1]])
        let after = try await harness.volume("solo")
        #expect(after.assignment?.epoch == created.assignment?.epoch)
        #expect(after.health == .unavailable)
        // Its node comes back with the same process: it serves again under the same assignment.
        try await nodes[0].heartbeat()
        #expect(try await harness.volume("solo").health == .healthy)
        await harness.stop()
    }

    @Test func noFailoverBeforeRestartPlusLeasePlusMargin() async throws {
        var harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("data")
        harness = try await harness.restarted()
        let survivor = try harness.node("n2", incarnation: nodes[1].incarnation)
        // The restarted control core never saw n1's last heartbeat; it must assume it came just
        // before the restart.
        try await harness.advance(by: 3_900, keepingAlive: [survivor])
        #expect(try await harness.volume("data").assignment?.epoch == created.assignment?.epoch)
        try await harness.advance(by: 100, keepingAlive: [survivor])
        #expect(try await eventually { try await harness.volume("data").assignment?.primaryNode == "n2" })
        #expect(try await harness.volume("data").assignment!.epoch == created.assignment!.epoch + 1)
        await harness.stop()
    }

    @Test func plannedFailoverWithConfirmationIsFast() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("data")
        let watch = nodes[0].startWatching()
        defer { watch.cancel() }
        let confirming = Task {
            // The primary sees the hand-over on its Watch stream and confirms it.
            let found = await eventually {
                nodes[0].watched.last?.handOvers.first { $0.volumeID == created.id } != nil
            }
            guard found, let handOver = nodes[0].watched.last?.handOvers.first else { return false }
            #expect(handOver.successor == "n2")
            #expect(handOver.epoch == created.assignment?.epoch)
            try? await nodes[0].confirmHandOver(volumeID: created.id, epoch: handOver.epoch, appliedSequence: 42)
            return true
        }
        // The control core's clock stands still here, so a failover that waited for the old
        // lease or for the hand-over timeout would never finish: answering at all, handed over,
        // is what makes it fast. Wall time is not measured; this machine's load would decide it.
        let response = try await harness.failover("data", target: "n2")
        #expect(await confirming.value)
        #expect(response.handedOver)
        #expect(response.previousEpoch == created.assignment?.epoch)
        #expect(response.previousPrimary == "n1")
        #expect(response.volume?.assignment?.primaryNode == "n2")
        #expect(response.volume?.assignment?.inSyncMembers == ["n1", "n2"])
        #expect(response.volume?.assignment?.epoch == created.assignment!.epoch + 1)
        // The hand-over is no longer asked for.
        #expect(try await nodes[0].heartbeat().directives?.handOvers.isEmpty == true)
        await harness.stop()
    }

    /// A control core that restarts between sending a hand-over and hearing its confirmation has
    /// no hand-over pending; the old primary, alive and dark, says on every heartbeat that it
    /// handed its epoch over.
    @Test func handOverConfirmedToAnEarlierControlCoreIsCompleted() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        let created = try await harness.createVolume("data", replicas: 3)
        let epoch = try #require(created.assignment?.epoch)
        nodes[2].setAppliedSequence(7, volumeID: created.id)
        // A hand-over of an older epoch is history, not a request: nothing happens.
        nodes[0].setHandedOver(epoch: epoch - 1, volumeID: created.id)
        try await harness.advance(by: 500, keepingAlive: nodes)
        #expect(try await harness.volume("data").assignment?.epoch == epoch)

        nodes[0].setHandedOver(epoch: epoch, volumeID: created.id)
        try await harness.advance(by: 500, keepingAlive: nodes)
        let after = try await harness.volume("data")
        #expect(after.assignment?.epoch == epoch + 1)
        #expect(after.assignment?.primaryNode == "n3")
        #expect(after.assignment?.inSyncMembers == ["n1", "n2", "n3"])
        #expect(after.assignment?.reason.contains("confirmed before a control core restart") == true)
        await harness.stop()
    }

    @Test func soleMemberThatHandedOverServesAgainAtANewEpoch() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1"])
        let created = try await harness.createVolume("data", replicas: 1)
        let epoch = try #require(created.assignment?.epoch)
        nodes[0].setHandedOver(epoch: epoch, volumeID: created.id)
        try await harness.advance(by: 500, keepingAlive: nodes)
        let after = try await harness.volume("data")
        #expect(after.assignment?.epoch == epoch + 1)
        #expect(after.assignment?.primaryNode == "n1")
        await harness.stop()
    }

    @Test func plannedFailoverWithoutConfirmationWaitsForTheOldLease() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("data")
        let failover = Task { try await harness.failover("data") }
        #expect(try await eventually { try await nodes[0].heartbeat().directives?.handOvers.count == 1 })
        // The confirmation deadline passes; n1's heartbeats no longer renew its lease.
        try await harness.advance(by: 2_000, keepingAlive: [nodes[1]])
        #expect(try await nodes[0].heartbeat().leaseMs == 0)
        #expect(try await nodes[1].heartbeat().leaseMs == 3_000)
        // n1 heartbeated just now, but its last lease was granted up to 2 s ago: 2 s to go.
        try await harness.advance(by: 1_500, keepingAlive: [nodes[0], nodes[1]])
        #expect(try await harness.volume("data").assignment?.epoch == created.assignment?.epoch)
        try await harness.advance(by: 500, keepingAlive: [nodes[0], nodes[1]])
        let response = try await failover.value
        #expect(!response.handedOver)
        #expect(response.previousPrimary == "n1")
        #expect(response.volume?.assignment?.primaryNode == "n2")
        #expect(response.volume?.assignment?.epoch == created.assignment!.epoch + 1)
        // The old primary stays a member and gets leases again.
        #expect(response.volume?.assignment?.inSyncMembers == ["n1", "n2"])
        #expect(try await nodes[0].heartbeat().leaseMs == 3_000)
        await harness.stop()
    }

    @Test func failoverRefusesTargetsThatCannotTakeOver() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        _ = try await harness.createVolume("data", replicas: 2)
        _ = try await harness.createVolume("solo", replicas: 1)
        for target in ["n1", "n3", "nobody"] {
            await expectStatus(.failedPrecondition) { try await harness.failover("data", target: target) }
        }
        await expectStatus(.failedPrecondition) { try await harness.failover("solo") }
        await expectStatus(.notFound) { try await harness.failover("missing") }
        _ = nodes
        await harness.stop()
    }

    @Test func memberFailureCountsOnlyFromThePrimaryOfTheCurrentEpoch() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        let created = try await harness.createVolume("data", replicas: 3)
        let epoch = created.assignment!.epoch
        // (reporter, epoch, failed members): none of these may change anything.
        let ignored: [(Int, UInt64, [String])] = [
            (1, epoch, ["n3"]),  // not the primary
            (0, epoch - 1, ["n3"]),  // a stale epoch
            (0, epoch, ["n1"]),  // the primary itself
            (0, epoch, ["elsewhere"]),  // not a member
        ]
        for (reporter, reportedEpoch, failed) in ignored {
            let answer = try await nodes[reporter].reportMemberFailure(
                volumeID: created.id, epoch: reportedEpoch, failed: failed)
            #expect(answer.epoch == epoch)
            #expect(answer.inSyncMembers == ["n1", "n2", "n3"])
        }
        let answer = try await nodes[0].reportMemberFailure(volumeID: created.id, epoch: epoch, failed: ["n3", "n1"])
        #expect(answer.epoch == epoch + 1)
        #expect(answer.primaryNode == "n1")
        #expect(answer.inSyncMembers == ["n1", "n2"])
        let volume = try await harness.volume("data")
        #expect(volume.replicas.map(\.state) == [.inSync, .inSync, .failed])
        // The old epoch's primary is no longer current: a report for it changes nothing.
        let stale = try await nodes[0].reportMemberFailure(volumeID: created.id, epoch: epoch, failed: ["n2"])
        #expect(stale.epoch == epoch + 1)
        await expectStatus(.notFound) {
            try await nodes[0].reportMemberFailure(volumeID: "missing", epoch: epoch, failed: ["n2"])
        }
        await harness.stop()
    }

    /// A new process under a node's name while the previous one's lease may still run could be a
    /// second server with that name, or the first one only frozen: it still completes reads, so
    /// the new one is refused until that lease is certainly over, and nothing moves meanwhile.
    @Test func newIncarnationWaitsUntilThePreviousLeaseIsCertainlyOver() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("data")
        await expectStatus(.failedPrecondition) { try await nodes[0].register(restarted: true) }
        try await harness.advance(by: 3_500, keepingAlive: [nodes[1]], checkingLeases: false)
        await expectStatus(.failedPrecondition) { try await nodes[0].register(restarted: true) }
        #expect(try await harness.volume("data").assignment?.epoch == created.assignment?.epoch)
        // The refused process's heartbeats do not count for the name: the first one may still
        // heartbeat and keep the name.
        try await harness.advance(by: 500, keepingAlive: [nodes[1]], checkingLeases: false)
        let answer = try await nodes[0].register(restarted: true)
        #expect(answer.directives?.assignments.first?.primaryNode == "n2")
        await harness.stop()
    }

    /// Everything restarts at once, as `blockfence up` does after a clean stop: the servers'
    /// new processes are refused until no lease of the previous control core can still run, and
    /// retry. Their retries are signs of life, so when registration opens the lease timer does
    /// not take them for gone, and the cleanly stopped replicas stay in sync.
    @Test func serversRetryingRegistrationAreNotTakenForGone() async throws {
        let first = try ControlHarness(timerRuns: false)
        _ = try await first.registeredNodes(["n1", "n2"])
        let created = try await first.createVolume("data")
        let harness = try await first.restarted(timerRuns: false)
        let nodes = try ["n1", "n2"].map { try harness.node($0) }
        for _ in 0..<8 {
            for node in nodes {
                await expectStatus(.failedPrecondition) { try await node.register(cleanVolumes: [created.id]) }
            }
            harness.clock.advance(by: 500)
        }
        // n1 is first through; the timer looks before n2's next retry arrives.
        try await nodes[0].register(cleanVolumes: [created.id])
        try harness.server.controller.checkLeases()
        try await nodes[1].register(cleanVolumes: [created.id])
        let volume = try await harness.volume("data")
        #expect(volume.assignment?.inSyncMembers == ["n1", "n2"])
        #expect(volume.replicas.map(\.state) == [.inSync, .inSync])
        await harness.stop()
    }

    @Test func restartedNodeLeavesTheInSyncSetWhenOthersAreAlive() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("data")
        #expect(created.assignment?.primaryNode == "n1")
        try await harness.advance(by: 4_000, keepingAlive: [nodes[1]], checkingLeases: false)
        // The restarted server still has its replica, but not the replication state in memory.
        nodes[0].setReportedVolumes([created.id])
        let answer = try await nodes[0].register(restarted: true)
        let assignment = try #require(answer.directives?.assignments.first)
        #expect(assignment.epoch == created.assignment!.epoch + 1)
        #expect(assignment.primaryNode == "n2")
        #expect(assignment.inSyncMembers == ["n2"])
        #expect(assignment.reason.contains("restarted"))
        #expect(try await harness.volume("data").replicas.map(\.state) == [.failed, .inSync])
        await harness.stop()
    }

    @Test func cleanlyRestartedPrimaryStaysInSyncAndServesAtANewEpoch() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("data")
        try await harness.advance(by: 4_000, keepingAlive: [nodes[1]], checkingLeases: false)
        let answer = try await nodes[0].register(restarted: true, cleanVolumes: [created.id])
        let assignment = try #require(answer.directives?.assignments.first)
        #expect(assignment.epoch == created.assignment!.epoch + 1)
        #expect(assignment.primaryNode == "n1")
        #expect(assignment.inSyncMembers == ["n1", "n2"])
        #expect(assignment.reason.contains("cleanly"))
        // A member restarted cleanly stays in sync without a new epoch.
        try await harness.advance(by: 4_000, keepingAlive: [nodes[0]], checkingLeases: false)
        let member = try await nodes[1].register(restarted: true, cleanVolumes: [created.id])
        #expect(member.directives?.assignments.first?.epoch == assignment.epoch)
        #expect(try await harness.volume("data").replicas.map(\.state) == [.inSync, .inSync])
        await harness.stop()
    }

    @Test func restartedSoleInSyncMemberIsPromotedAgain() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let created = try await harness.createVolume("solo", replicas: 1)
        try await harness.advance(by: 4_000, keepingAlive: [nodes[1]], checkingLeases: false)
        nodes[0].setReportedVolumes([created.id])
        let answer = try await nodes[0].register(restarted: true)
        let assignment = try #require(answer.directives?.assignments.first)
        #expect(assignment.epoch == created.assignment!.epoch + 1)
        #expect(assignment.primaryNode == "n1")
        #expect(assignment.inSyncMembers == ["n1"])
        #expect(try await harness.volume("solo").replicas.map(\.state) == [.inSync])
        // Registering again with the same incarnation is a repeat, not a restart.
        #expect(try await nodes[0].register().directives?.assignments.first?.epoch == assignment.epoch)
        await harness.stop()
    }

    /// A node that comes back with a new disk (or a wiped data directory) reports no replica of
    /// a volume it held: it is never made primary of it again, and as the only in-sync member
    /// left the volume stays unavailable rather than served from an empty file.
    @Test func nodeBackWithoutItsReplicaIsNotPromoted() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let pair = try await harness.createVolume("pair", replicas: 2)
        let solo = try await harness.createVolume("solo", replicas: 1)
        let lostName = try #require(solo.assignment?.primaryNode)
        let lost = try #require(nodes.first { $0.name == lostName })
        let other = try #require(nodes.first { $0.name != lostName })
        #expect(pair.assignment?.inSyncMembers == ["n1", "n2"])
        #expect(solo.assignment?.firstOfVolume == true)
        try await harness.advance(by: 4_000, keepingAlive: [other], checkingLeases: false)
        lost.setReportedVolumes([])
        _ = try await lost.register(restarted: true)
        let soloAfter = try await harness.volume("solo")
        // A new epoch, not the volume's first: a server without the replica creates none. Epochs
        // come from one counter for the cluster, and the restart mints for both volumes in the
        // order of their (random) identifiers, so only "newer than anything before" is fixed.
        let epochBefore = max(pair.assignment!.epoch, solo.assignment!.epoch)
        #expect(soloAfter.assignment!.epoch > epochBefore)
        #expect(soloAfter.assignment?.firstOfVolume == false)
        #expect(soloAfter.assignment?.primaryNode == lostName)
        #expect(soloAfter.health == .unavailable)
        #expect(soloAfter.nbdURI == "")
        #expect(soloAfter.replicas.map(\.state) == [.failed])
        let pairAfter = try await harness.volume("pair")
        #expect(pairAfter.assignment!.epoch > epochBefore)
        #expect(pairAfter.assignment!.epoch != soloAfter.assignment!.epoch)
        #expect(pairAfter.assignment?.inSyncMembers == [other.name])
        #expect(pairAfter.assignment?.primaryNode == other.name)
        #expect(pairAfter.assignment?.firstOfVolume == false)
        #expect(pairAfter.assignment?.reason.contains("without its replica") == true)

        // The old disk comes back: the replica is in sync again and its node serves the volume.
        try await harness.advance(by: 4_000, keepingAlive: [other], checkingLeases: false)
        lost.setReportedVolumes([solo.id])
        _ = try await lost.register(restarted: true)
        let restored = try await harness.volume("solo")
        #expect(restored.assignment!.epoch > soloAfter.assignment!.epoch)
        #expect(restored.assignment?.primaryNode == lostName)
        #expect(restored.replicas.map(\.state) == [.inSync])
        #expect(restored.health == .healthy)
        // The pair's lost replica stays out: another member took over without it.
        #expect(try await harness.volume("pair").assignment?.inSyncMembers == [other.name])
        await harness.stop()
    }

    @Test func heartbeatsAndWatchesFromAnotherIncarnationMustRegisterAgain() async throws {
        let harness = try ControlHarness()
        let node = try harness.node("n1")
        await expectStatus(.failedPrecondition) { try await node.heartbeat() }
        try await node.register()
        try await node.heartbeat()
        let stale = try harness.node("n1")
        await expectStatus(.failedPrecondition) { try await stale.heartbeat() }
        await expectStatus(.failedPrecondition) {
            var request = Blockfence_Control_V1_WatchRequest()
            request.nodeName = "n1"
            request.incarnation = stale.incarnation
            for try await _ in stale.client.watch(request, options: CallOptions(timeout: .seconds(5))) {}
        }
        let invalid = try harness.node("Not Valid")
        await expectStatus(.invalidArgument) { try await invalid.register() }
        await harness.stop()
    }
}
