import BlockfenceBase
import ControlAPI
import Foundation
import Glibc
import RPC
import Synchronization

/// One storage server (`blockfence server`): it registers with the control core, keeps its lease
/// with heartbeats, follows the assignments it is given, serves NBD for the volumes it is primary
/// of, and accepts replication for the ones it is a member of.
///
/// Threads: control-core calls are async tasks; everything that changes what the node serves
/// (directives, member failures, hand-overs) runs in order on one `SerialWorker` thread, because
/// it blocks (fsync, connects) and must not interleave.
public final class StorageNodeAgent: @unchecked Sendable {
    public let configuration: StorageNodeConfiguration
    public let lease = NodeLease()
    public let nbdServer: NBDServer
    let logger: Logger
    let incarnation = UUID().uuidString.lowercased()
    let directory: NodeDataDirectory
    let worker: SerialWorker
    let control: Blockfence_Control_V1_StorageNodesClient
    private var replication: ReplicationListener?
    private(set) var nbdAddress = ""
    private(set) var replicationAddress = ""

    /// Replicas by volume id; read by replication threads, changed on the worker.
    let replicas = Mutex<[String: VolumeReplica]>([:])
    /// The pipelines of the volumes this node is primary of, for heartbeats; changed on the worker.
    let pipelines = Mutex<[String: ReplicationPipeline]>([:])
    /// On the worker only.
    var roles: [String: VolumeRole] = [:] {
        didSet {
            var current: [String: ReplicationPipeline] = [:]
            for (volumeID, role) in roles {
                if case .primary(let pipeline) = role { current[volumeID] = pipeline }
            }
            pipelines.withLock { $0 = current }
        }
    }
    var knownEpochs: [String: UInt64] = [:]
    var peers: [String: Blockfence_Control_V1_NodeAddress] = [:]
    var confirmedHandOvers: Set<String> = []
    /// Full-copy requests already handed to a pipeline, by volume, member and epoch.
    var handledFullCopies: Set<String> = []
    /// What went wrong creating or growing a replica, by volume id, until an assignment is followed;
    /// changed on the worker, read by heartbeats.
    let replicaProblems = Mutex<[String: String]>([:])
    /// Volumes this node was assigned but holds no replica of, already logged.
    var missingReplicasReported: Set<String> = []
    private var lastRegistrationWarning: UInt64 = 0

    private let heartbeatIntervalMilliseconds = Atomic<UInt64>(500)
    private let registered = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)
    private let tasks = Mutex<[Task<Void, Never>]>([])

    public init(configuration: StorageNodeConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger.with(["node": configuration.nodeName])
        directory = try NodeDataDirectory(path: configuration.dataDirectory)
        worker = try SerialWorker(name: "node-agent")
        nbdServer = NBDServer(catalog: ExportCatalog(), configuration: configuration.nbd, logger: logger.scoped("nbd"))
        control = Blockfence_Control_V1_StorageNodesClient(
            channel: try RPCChannel(target: configuration.controlAddress))
        try loadReplicas()
    }

    /// Listens for NBD and replication, then registers and keeps the lease in the background.
    public func start() throws {
        let nbdBound = try nbdServer.listen(on: configuration.nbdListen)
        let listener = try ReplicationListener(
            address: configuration.replicationListen, findReplica: { [weak self] id in self?.replica(id) },
            logger: logger.scoped("replication"))
        replication = listener
        nbdAddress = configuration.nbdAdvertise ?? Self.dialable(nbdBound)
        replicationAddress = configuration.replicationAdvertise ?? Self.dialable(listener.boundAddress)
        let heartbeats = Task { [self] in await heartbeatLoop() }
        let watch = Task { [self] in await watchLoop() }
        tasks.withLock { $0 += [heartbeats, watch] }
    }

    /// Stops serving: gates closed, pipelines stopped, listeners closed.
    public func stop() {
        stopping.store(true, ordering: .releasing)
        tasks.withLock { tasks in
            for task in tasks { task.cancel() }
        }
        let done = DispatchSemaphore(value: 0)
        worker.enqueue { [self] in
            for volumeID in roles.keys { demote(volumeID, reason: "the server is stopping", draining: true) }
            done.signal()
        }
        done.wait()
        worker.stop()
        replication?.stop()
        nbdServer.stop()
        // What every replica holds now is what the next start reports; nothing changes it after.
        for replica in replicas.withLock({ Array($0.values) }) {
            do {
                try replica.recordCleanStop()
            } catch {
                logger.warning("A clean stop could not be recorded.", ["volume": replica.volumeID, "error": error])
            }
        }
    }

    func replica(_ volumeID: String) -> VolumeReplica? {
        replicas.withLock { $0[volumeID] }
    }

    /// An address peers can dial: a wildcard listen address becomes loopback.
    static func dialable(_ address: ListenAddress) -> String {
        guard case .tcp(let host, let port) = address else { return address.description }
        switch host {
        case "0.0.0.0", "": return "127.0.0.1:\(port)"
        case "::": return "[::1]:\(port)"
        default: return address.description
        }
    }

    private func loadReplicas() throws {
        var loaded: [String: VolumeReplica] = [:]
        for name in directory.replicaDirectories() {
            do {
                let replica = try VolumeReplica.open(directory: directory.replicaPath(volumeID: name), lease: lease)
                loaded[replica.volumeID] = replica
            } catch {
                logger.warning(
                    "A replica could not be opened; it is left as it is.", ["directory": name, "error": error])
            }
        }
        replicas.withLock { $0 = loaded }
        logger.info("Replicas loaded.", ["count": loaded.count])
    }

    // MARK: Talking to the control core

    private var isStopping: Bool { stopping.load(ordering: .acquiring) }

    func reports() -> [Blockfence_Control_V1_ReplicaReport] {
        let catchUps = pipelines.withLock { $0 }.mapValues { $0.catchUpStatus() }
        let problems = replicaProblems.withLock { $0 }
        let held = replicas.withLock { $0.values.sorted { $0.volumeID < $1.volumeID } }
        // A replica that could not be created is reported too, so that the control core does not
        // count the volume as healthy while this node serves or holds nothing of it.
        let absent = problems.keys.filter { id in !held.contains { $0.volumeID == id } }.sorted().map { volumeID in
            var report = Blockfence_Control_V1_ReplicaReport()
            report.volumeID = volumeID
            report.absent = true
            report.problem = problems[volumeID] ?? ""
            return report
        }
        return absent
            + held.map { replica in
                var report = Blockfence_Control_V1_ReplicaReport()
                report.volumeID = replica.volumeID
                report.acceptedEpoch = replica.acceptedEpoch
                report.appliedSequence = replica.lastAppliedSequence
                report.serving = replica.gate.isServing
                // Said on every heartbeat, so a control core that restarted before the confirmation
                // reached it still learns that the hand-over is complete.
                report.handedOver = !report.serving && replica.gate.handedOverEpoch == report.acceptedEpoch
                report.sizeBytes = replica.storage.sizeBytes
                report.cleanRestart = replica.isCleanRestart
                report.level = replica.isLevel
                report.catchingUp = (catchUps[replica.volumeID] ?? []).map(Self.catchUpMessage)
                report.problem = problems[replica.volumeID] ?? ""
                return report
            }
    }

    static func catchUpMessage(_ status: MemberCatchUpStatus) -> Blockfence_Control_V1_MemberCatchUp {
        var progress = Blockfence_Control_V1_CatchUpProgress()
        progress.fullCopy = status.fullCopy
        progress.bytesCopied = status.bytesCopied
        progress.bytesTotal = status.bytesTotal
        progress.bytesPerSecond = status.bytesPerSecond
        if status.bytesPerSecond > 0 && status.bytesTotal > status.bytesCopied {
            progress.secondsLeft =
                (status.bytesTotal - status.bytesCopied + status.bytesPerSecond - 1) / status.bytesPerSecond
        }
        var message = Blockfence_Control_V1_MemberCatchUp()
        message.nodeName = status.nodeName
        message.progress = progress
        message.caughtUp = status.caughtUpSequence != nil
        message.caughtUpSequence = status.caughtUpSequence ?? 0
        return message
    }

    private func register() async -> Bool {
        var request = Blockfence_Control_V1_RegisterRequest()
        request.nodeName = configuration.nodeName
        request.nbdAddress = nbdAddress
        request.replicationAddress = replicationAddress
        request.incarnation = incarnation
        let (total, available) = directory.capacity()
        request.capacityBytes = total
        request.availableBytes = available
        request.maxFileSizeBytes = directory.largestFileBytes
        request.replicas = reports()
        let sentAt = NodeLease.now()
        do {
            let response = try await control.register(request, options: CallOptions(timeout: .seconds(2)))
            lease.renew(sentAtNanoseconds: sentAt, durationMilliseconds: response.leaseMs)
            if response.heartbeatIntervalMs > 0 {
                heartbeatIntervalMilliseconds.store(response.heartbeatIntervalMs, ordering: .relaxed)
            }
            registered.store(true, ordering: .releasing)
            logger.info(
                "Registered with the control core.", ["incarnation": incarnation, "lease_ms": response.leaseMs])
            if let directives = response.directives { apply(directives) }
            return true
        } catch {
            // Refused (another process still holds this node's name) is worth an operator's eye;
            // an unreachable control core is already reported by the heartbeat warnings.
            let now = NodeLease.now()
            if error.code == .failedPrecondition && now - lastRegistrationWarning > 10_000_000_000 {
                lastRegistrationWarning = now
                logger.warning("Registration refused; retrying.", ["error": error])
            } else {
                logger.debug("Registration failed; retrying.", ["error": error])
            }
            return false
        }
    }

    private func heartbeatLoop() async {
        var lastWarning: UInt64 = 0
        while !isStopping && !Task.isCancelled {
            if !registered.load(ordering: .acquiring) {
                if await !register() { try? await Task.sleep(for: .milliseconds(500)) }
                continue
            }
            var request = Blockfence_Control_V1_HeartbeatRequest()
            request.nodeName = configuration.nodeName
            request.incarnation = incarnation
            request.replicas = reports()
            let (total, available) = directory.capacity()
            request.capacityBytes = total
            request.availableBytes = available
            request.maxFileSizeBytes = directory.largestFileBytes
            let interval = heartbeatIntervalMilliseconds.load(ordering: .relaxed)
            let sentAt = NodeLease.now()
            do {
                let response = try await control.heartbeat(
                    request, options: CallOptions(timeout: .milliseconds(Int64(max(interval * 2, 1000)))))
                lease.renew(sentAtNanoseconds: sentAt, durationMilliseconds: response.leaseMs)
                if let directives = response.directives { apply(directives) }
            } catch {
                if error.code == .failedPrecondition || error.code == .notFound {
                    logger.info("The control core asks this node to register again.", ["reason": error.message])
                    registered.store(false, ordering: .releasing)
                    continue
                }
                // Warn at most every ten seconds: an operator must act on a lost control core.
                let now = NodeLease.now()
                if now - lastWarning > 10_000_000_000 {
                    logger.warning("Heartbeat failed.", ["error": error, "lease_left_ms": lease.remainingMilliseconds])
                    lastWarning = now
                }
            }
            let elapsed = (NodeLease.now() - sentAt) / 1_000_000
            if elapsed < interval { try? await Task.sleep(for: .milliseconds(Int64(interval - elapsed))) }
        }
    }

    private func watchLoop() async {
        while !isStopping && !Task.isCancelled {
            guard registered.load(ordering: .acquiring) else {
                try? await Task.sleep(for: .milliseconds(200))
                continue
            }
            var request = Blockfence_Control_V1_WatchRequest()
            request.nodeName = configuration.nodeName
            request.incarnation = incarnation
            do {
                for try await directives in control.watch(request) {
                    apply(directives)
                }
            } catch {
                logger.debug("Watch stream ended; reopening.", ["error": error])
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Hands directives to the worker.
    func apply(_ directives: Blockfence_Control_V1_NodeDirectives) {
        worker.enqueue { [self] in applyOnWorker(directives) }
    }

    /// Asks the control core to remove members a pipeline gave up on, and follows its answer.
    func reportMemberFailure(volumeID: String, epoch: UInt64, members: [String], reason: String) {
        let task = Task { [self] in
            var request = Blockfence_Control_V1_ReportMemberFailureRequest()
            request.nodeName = configuration.nodeName
            request.volumeID = volumeID
            request.epoch = epoch
            request.failedMembers = members
            request.reason = reason
            while !isStopping && !Task.isCancelled {
                do {
                    let response = try await control.reportMemberFailure(
                        request, options: CallOptions(timeout: .seconds(2)))
                    var directives = Blockfence_Control_V1_NodeDirectives()
                    if let assignment = response.assignment { directives.assignments = [assignment] }
                    apply(directives)
                    return
                } catch {
                    logger.warning("Reporting a failed member failed; retrying.", ["volume": volumeID, "error": error])
                    try? await Task.sleep(for: .milliseconds(500))
                }
            }
        }
        tasks.withLock { $0.append(task) }
    }

    /// Tells the control core a hand-over is complete.
    func confirmHandOver(volumeID: String, epoch: UInt64, appliedSequence: UInt64) {
        let task = Task { [self] in
            var request = Blockfence_Control_V1_ConfirmHandOverRequest()
            request.nodeName = configuration.nodeName
            request.volumeID = volumeID
            request.epoch = epoch
            request.appliedSequence = appliedSequence
            for _ in 0..<3 where !isStopping {
                do {
                    _ = try await control.confirmHandOver(request, options: CallOptions(timeout: .seconds(1)))
                    return
                } catch {
                    logger.warning("Confirming a hand-over failed.", ["volume": volumeID, "error": error])
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
        }
        tasks.withLock { $0.append(task) }
    }
}
