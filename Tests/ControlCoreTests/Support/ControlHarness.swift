import BlockfenceBase
import ControlAPI
import ControlCore
import Foundation
import RPC
import Testing

/// A control core in a scratch data directory, served over loopback TCP by a real `RPCServer`,
/// with a manual clock, a fast lease timer, and fake storage nodes.
final class ControlHarness: Sendable {
    static let configuration = ControlConfiguration(
        leaseMilliseconds: 3_000, heartbeatIntervalMilliseconds: 500, leaseMarginMilliseconds: 1_000,
        timerIntervalMilliseconds: 10, handOverTimeoutMilliseconds: 2_000, version: "test")

    static let configurationWithoutTimer = ControlConfiguration(
        leaseMilliseconds: 3_000, heartbeatIntervalMilliseconds: 500, leaseMarginMilliseconds: 1_000,
        timerIntervalMilliseconds: 3_600_000, handOverTimeoutMilliseconds: 2_000, version: "test")

    let dataDirectory: String
    let clock: ManualClock
    let server: ControlServer
    let address: ListenAddress
    let channel: RPCChannel
    let control: Blockfence_Control_V1_ControlClient

    /// `timerRuns: false` leaves lease checks to the test (`advance` and `checkLeases`): for
    /// tests that move the clock past a lease and must act before the timer would.
    init(dataDirectory: String? = nil, clock: ManualClock = ManualClock(), timerRuns: Bool = true) throws {
        self.dataDirectory =
            dataDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "control-tests-\(UUID().uuidString)"
            ).path
        self.clock = clock
        server = try ControlServer(
            dataDirectory: self.dataDirectory,
            configuration: timerRuns ? Self.configuration : Self.configurationWithoutTimer, clock: clock,
            logger: Logger(scope: "control-test", level: .error))
        address = try server.start(listeningOn: [.tcp(host: "127.0.0.1", port: 0)])[0]
        channel = try RPCChannel(target: address)
        control = Blockfence_Control_V1_ControlClient(channel: channel)
    }

    var databasePath: String { dataDirectory + "/control/state.sqlite" }

    /// A fake node talking to this control core; pass `incarnation` to continue a node's process
    /// across a restart of the control core.
    func node(_ name: String, incarnation: String? = nil) throws -> FakeStorageNode {
        FakeStorageNode(name: name, channel: try RPCChannel(target: address), incarnation: incarnation)
    }

    /// Registered nodes, in order.
    func registeredNodes(_ names: [String]) async throws -> [FakeStorageNode] {
        var nodes: [FakeStorageNode] = []
        for name in names {
            let node = try self.node(name)
            try await node.register()
            nodes.append(node)
        }
        return nodes
    }

    func stop() async {
        await server.stop(gracePeriod: .seconds(2))
    }

    /// Stops this control core and starts another on the same directory, as after a crash: the
    /// new one's clock starts where `clock` is now.
    func restarted(timerRuns: Bool = true) async throws -> ControlHarness {
        await stop()
        return try ControlHarness(
            dataDirectory: dataDirectory, clock: ManualClock(startingAt: clock.nowMilliseconds()), timerRuns: timerRuns)
    }

    /// Moves the clock forward in heartbeat-sized steps; `alive` nodes heartbeat before each step,
    /// as running servers would, so only the others can expire. Then the leases are checked once
    /// at the new time, as the timer would, so that what follows does not race the timer thread;
    /// `checkingLeases: false` leaves it to the timer alone.
    func advance(
        by milliseconds: UInt64, keepingAlive alive: [FakeStorageNode], checkingLeases: Bool = true
    ) async throws {
        var left = milliseconds
        while left > 0 {
            for node in alive { try await node.heartbeat() }
            let step = min(left, 500)
            clock.advance(by: step)
            left -= step
        }
        for node in alive { try await node.heartbeat() }
        if checkingLeases { try server.controller.checkLeases() }
    }

    func createVolume(
        _ name: String, sizeBytes: UInt64 = 1 << 30, replicas: UInt32 = 2
    ) async throws -> Blockfence_Control_V1_Volume {
        var request = Blockfence_Control_V1_CreateVolumeRequest()
        request.name = name
        request.sizeBytes = sizeBytes
        request.replicaCount = replicas
        return try await control.createVolume(request, options: CallOptions(timeout: .seconds(10))).volume!
    }

    func volume(_ name: String) async throws -> Blockfence_Control_V1_Volume {
        var request = Blockfence_Control_V1_GetVolumeRequest()
        request.volume = name
        return try await control.getVolume(request, options: CallOptions(timeout: .seconds(10))).volume!
    }

    func failover(_ name: String, target: String = "") async throws -> Blockfence_Control_V1_FailoverResponse {
        var request = Blockfence_Control_V1_FailoverRequest()
        request.volume = name
        request.targetNode = target
        return try await control.failover(request, options: CallOptions(timeout: .seconds(30)))
    }
}

/// Waits until `condition` holds, polling, for at most `timeout`.
func eventually(timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}

/// Runs `body` and checks that it fails with `code`; returns the error's message.
@discardableResult
func expectStatus<Value>(
    _ code: StatusCode, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Value
) async -> String? {
    do {
        _ = try await body()
        Issue.record("expected \(code), but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as RPCError {
        #expect(error.code == code, "\(error.message)", sourceLocation: sourceLocation)
        return error.message
    } catch {
        Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
