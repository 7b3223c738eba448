import ControlAPI
import ControlCore
import Foundation
import RPC
import Synchronization

/// A storage server as the control core sees one: it registers, heartbeats, watches, reports
/// failed members and confirms hand-overs, but stores nothing.
final class FakeStorageNode: Sendable {
    let name: String
    let client: Blockfence_Control_V1_StorageNodesClient
    private let state = Mutex(State())

    private struct State {
        var incarnation = UUID().uuidString
        var appliedSequences: [String: UInt64] = [:]
        var servingEpochs: [String: UInt64] = [:]
        var handedOverEpochs: [String: UInt64] = [:]
        var reportedVolumes: Set<String>?
        var levelVolumes: Set<String> = []
        var catchingUp: [String: [Blockfence_Control_V1_MemberCatchUp]] = [:]
        var watched: [Blockfence_Control_V1_NodeDirectives] = []
        var maxFileSizeBytes: UInt64 = 0
        var problems: [String: String] = [:]
        var absentVolumes: Set<String> = []
    }

    init(name: String, channel: RPCChannel, incarnation: String? = nil) {
        self.name = name
        client = Blockfence_Control_V1_StorageNodesClient(channel: channel)
        if let incarnation { state.withLock { $0.incarnation = incarnation } }
    }

    var incarnation: String { state.withLock { $0.incarnation } }

    /// Where the node says it serves NBD; nothing connects to it in these tests.
    var nbdAddress: String { "127.0.0.1:\(10_000 + name.utf8.reduce(0) { $0 + Int($1) })" }

    /// Directives received on the Watch stream, oldest first.
    var watched: [Blockfence_Control_V1_NodeDirectives] { state.withLock { $0.watched } }

    /// Sets the applied sequence the node reports for a volume.
    func setAppliedSequence(_ sequence: UInt64, volumeID: String) {
        state.withLock { $0.appliedSequences[volumeID] = sequence }
    }

    /// Makes the node report that it serves a volume as primary at `epoch`.
    func setServing(epoch: UInt64, volumeID: String) {
        state.withLock { $0.servingEpochs[volumeID] = epoch }
    }

    /// Makes the node report that it handed `epoch` of a volume over, as a primary that
    /// confirmed a hand-over does on every heartbeat.
    func setHandedOver(epoch: UInt64, volumeID: String) {
        state.withLock { $0.handedOverEpochs[volumeID] = epoch }
    }

    /// Makes the node report its replica of a volume as level (or not) with its primary's stream.
    func setLevel(_ level: Bool, volumeID: String) {
        state.withLock { state in
            if level { state.levelVolumes.insert(volumeID) } else { state.levelVolumes.remove(volumeID) }
        }
    }

    /// Makes the node, as primary, report members it is catching up.
    func setCatchingUp(_ members: [Blockfence_Control_V1_MemberCatchUp], volumeID: String) {
        state.withLock { $0.catchingUp[volumeID] = members }
    }

    /// Sets the largest file the node says its filesystem holds (0: unknown).
    func setMaxFileSize(_ bytes: UInt64) {
        state.withLock { $0.maxFileSizeBytes = bytes }
    }

    /// Makes the node report a problem with its replica of a volume; `absent` reports that it
    /// could not create the replica at all.
    func setProblem(_ problem: String, volumeID: String, absent: Bool = false) {
        state.withLock { state in
            state.problems[volumeID] = problem
            if absent { state.absentVolumes.insert(volumeID) }
        }
    }

    /// Limits the volumes the node reports (nil: every volume it was told about, as a server would).
    func setReportedVolumes(_ volumes: Set<String>?) {
        state.withLock { $0.reportedVolumes = volumes }
    }

    /// Registers, with a new incarnation when `restarted`, as a restarted server process would.
    @discardableResult
    /// Registers; `restarted` starts a new incarnation, and `cleanVolumes` are reported as
    /// replicas restored from a clean stop.
    func register(
        restarted: Bool = false, cleanVolumes: Set<String> = []
    ) async throws
        -> Blockfence_Control_V1_RegisterResponse
    {
        var request = Blockfence_Control_V1_RegisterRequest()
        request.nodeName = name
        request.nbdAddress = nbdAddress
        request.replicationAddress = "127.0.0.1:7500"
        request.capacityBytes = 1 << 40
        request.availableBytes = 1 << 39
        request.maxFileSizeBytes = state.withLock { $0.maxFileSizeBytes }
        request.incarnation = state.withLock { state in
            if restarted { state.incarnation = UUID().uuidString }
            return state.incarnation
        }
        request.replicas = reports(Array(cleanVolumes)).map { report in
            var report = report
            report.cleanRestart = cleanVolumes.contains(report.volumeID)
            return report
        }
        return try await client.register(request, options: CallOptions(timeout: .seconds(10)))
    }

    @discardableResult
    func heartbeat(knownVolumes: [String] = []) async throws -> Blockfence_Control_V1_HeartbeatResponse {
        var request = Blockfence_Control_V1_HeartbeatRequest()
        request.nodeName = name
        request.incarnation = incarnation
        request.replicas = reports(knownVolumes)
        request.capacityBytes = 1 << 40
        request.availableBytes = 1 << 39
        request.maxFileSizeBytes = state.withLock { $0.maxFileSizeBytes }
        return try await client.heartbeat(request, options: CallOptions(timeout: .seconds(10)))
    }

    private func reports(_ knownVolumes: [String]) -> [Blockfence_Control_V1_ReplicaReport] {
        state.withLock { state in
            let volumes =
                state.reportedVolumes
                ?? Set(knownVolumes).union(state.appliedSequences.keys).union(state.servingEpochs.keys)
                .union(state.handedOverEpochs.keys)
            return volumes.union(state.problems.keys).sorted().map { volumeID in
                var report = Blockfence_Control_V1_ReplicaReport()
                report.volumeID = volumeID
                report.problem = state.problems[volumeID] ?? ""
                guard !state.absentVolumes.contains(volumeID) else {
                    report.absent = true
                    return report
                }
                report.appliedSequence = state.appliedSequences[volumeID] ?? 0
                report.level = state.levelVolumes.contains(volumeID)
                report.catchingUp = state.catchingUp[volumeID] ?? []
                if let epoch = state.servingEpochs[volumeID] {
                    report.acceptedEpoch = epoch
                    report.serving = true
                }
                if let epoch = state.handedOverEpochs[volumeID] {
                    report.acceptedEpoch = epoch
                    report.serving = false
                    report.handedOver = true
                }
                return report
            }
        }
    }

    /// Opens a Watch stream that records every message until the task is cancelled.
    func startWatching() -> Task<Void, Never> {
        var request = Blockfence_Control_V1_WatchRequest()
        request.nodeName = name
        request.incarnation = incarnation
        return Task { [self] in
            do {
                for try await directives in client.watch(request) {
                    state.withLock { $0.watched.append(directives) }
                }
            } catch {
                return
            }
        }
    }

    func reportMemberFailure(
        volumeID: String, epoch: UInt64, failed: [String]
    ) async throws -> Blockfence_Control_V1_Assignment {
        var request = Blockfence_Control_V1_ReportMemberFailureRequest()
        request.nodeName = name
        request.volumeID = volumeID
        request.epoch = epoch
        request.failedMembers = failed
        request.reason = "no acknowledgement for 3 s"
        let response = try await client.reportMemberFailure(request, options: CallOptions(timeout: .seconds(10)))
        return response.assignment ?? Blockfence_Control_V1_Assignment()
    }

    func confirmHandOver(volumeID: String, epoch: UInt64, appliedSequence: UInt64 = 0) async throws {
        var request = Blockfence_Control_V1_ConfirmHandOverRequest()
        request.nodeName = name
        request.volumeID = volumeID
        request.epoch = epoch
        request.appliedSequence = appliedSequence
        _ = try await client.confirmHandOver(request, options: CallOptions(timeout: .seconds(10)))
    }
}
