import ControlAPI
import ControlCore
import RPC
import Testing

/// Watch streams and heartbeat answers carry each node's complete directives.
@Suite struct WatchTests {
    @Test func watchSendsTheCurrentStateThenEveryPublishThatConcernsTheNode() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2", "n3"])
        let watch = nodes[1].startWatching()
        defer { watch.cancel() }
        #expect(await eventually { nodes[1].watched.count == 1 })
        #expect(nodes[1].watched[0].assignments.isEmpty)

        let volume = try await harness.createVolume("data", replicas: 2)
        #expect(await eventually { nodes[1].watched.last?.assignments.count == 1 })
        let published = try #require(nodes[1].watched.last?.assignments.first)
        #expect(published == volume.assignment)

        // A volume on other nodes is not n2's business.
        let before = nodes[1].watched.count
        _ = try await harness.createVolume("elsewhere", replicas: 1)
        try await Task.sleep(for: .milliseconds(100))
        #expect(nodes[1].watched.count == before)

        // The same directives come with every heartbeat answer.
        let answer = try await nodes[1].heartbeat(knownVolumes: [volume.id])
        #expect(answer.directives == nodes[1].watched.last)
        #expect(answer.leaseMs == 3_000)
        await harness.stop()
    }

    @Test func deletedVolumesAreSentUntilTheNodeStopsReportingThem() async throws {
        let harness = try ControlHarness()
        let nodes = try await harness.registeredNodes(["n1", "n2"])
        let volume = try await harness.createVolume("data")
        let watch = nodes[0].startWatching()
        defer { watch.cancel() }
        var delete = Blockfence_Control_V1_DeleteVolumeRequest()
        delete.volume = "data"
        _ = try await harness.control.deleteVolume(delete)
        #expect(await eventually { nodes[0].watched.last?.deletedVolumeIDs == [volume.id] })
        #expect(nodes[0].watched.last?.assignments.isEmpty == true)

        // Still reported: still to delete.
        #expect(try await nodes[0].heartbeat(knownVolumes: [volume.id]).directives?.deletedVolumeIDs == [volume.id])
        // Gone from the node's report: forgotten.
        #expect(try await nodes[0].heartbeat().directives?.deletedVolumeIDs.isEmpty == true)
        #expect(try await nodes[0].heartbeat(knownVolumes: [volume.id]).directives?.deletedVolumeIDs.isEmpty == true)
        #expect(try await nodes[1].heartbeat().directives?.deletedVolumeIDs.isEmpty == true)
        await harness.stop()
    }

    @Test func registeringAgainEndsTheStreamsOfThePreviousProcess() async throws {
        let harness = try ControlHarness(timerRuns: false)
        let node = try await harness.registeredNodes(["n1"])[0]
        let watch = node.startWatching()
        #expect(await eventually { node.watched.count == 1 })
        try await harness.advance(by: 4_000, keepingAlive: [], checkingLeases: false)
        try await node.register(restarted: true)
        // The stream of the old incarnation ends by itself.
        let ended = Task {
            await watch.value
            return true
        }
        #expect(await ended.value)
        await harness.stop()
    }

    @Test func stoppingTheControlCoreEndsWatchStreamsPromptly() async throws {
        let harness = try ControlHarness()
        let node = try await harness.registeredNodes(["n1"])[0]
        let watch = node.startWatching()
        #expect(await eventually { node.watched.count == 1 })
        let started = ContinuousClock.now
        await harness.stop()
        await watch.value
        #expect(ContinuousClock.now - started < .seconds(2))
    }
}
