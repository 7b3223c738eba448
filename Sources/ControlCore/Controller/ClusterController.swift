import BlockfenceBase
import ControlAPI
import Foundation

/// The control core's state machine: volumes, nodes, replicas, leases and hand-overs, with the
/// database under them.
///
/// Threading: every method that touches the state takes one lock and runs to the end on the
/// calling thread, blocking calls (SQLite commits with their fsync) included. The callers are
/// the RPC layer's handler threads and the controller's own lease timer thread, all dedicated
/// operating-system threads, so a blocked call never stalls Swift's cooperative pool. One lock
/// rather than an actor keeps each step, such as "mint, commit, then tell the nodes", atomic
/// without suspension points inside it, and SQLite allows one writer at a time anyway. The only
/// waits that span time, a Failover waiting for its hand-over, happen outside the lock, as
/// suspended tasks.
public final class ClusterController: @unchecked Sendable {
    public let configuration: ControlConfiguration
    let clock: any MonotonicClock
    let logger: Logger
    private let lock = NSLock()
    let volumeLocks = VolumeLocks()
    let startedAt = ContinuousClock.now

    // Everything below is guarded by `lock`.
    let store: ClusterStore
    let publisher: AssignmentPublisher
    var leases: LeaseTable
    let hub = DirectiveHub()
    var handOvers: [String: PendingHandOver] = [:]
    /// Rebuilds asked for and not finished, by volume id; kept in the database as well, in the
    /// transaction that starts or ends each, so that a restarted control core finishes them.
    var rebuilds: [String: PendingRebuild] = [:]
    /// Nodes a drain is moving off right now: a second drain of one of them is refused while it
    /// plans, before it changes anything, rather than racing the first one's hand-overs and
    /// rebuilds.
    var drainsUnderWay: Set<String> = []
    /// Volumes already logged as having no alive in-sync member, by volume and epoch.
    var reportedUnavailable: Set<String> = []
    var stopped = false
    private var timerRunning = false

    /// Opens (or creates) the database at `databasePath`. Leases start counting now: no lease
    /// granted by a previous run is certainly over before now + lease + margin.
    public init(
        databasePath: String, configuration: ControlConfiguration = ControlConfiguration(),
        clock: any MonotonicClock = SystemMonotonicClock(), logger: Logger
    ) throws {
        if let problem = configuration.problem { throw ControlError.invalidParameters(reason: problem) }
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        store = try ClusterStore(path: databasePath)
        publisher = try AssignmentPublisher(store: store)
        leases = LeaseTable(configuration: configuration, startMilliseconds: clock.nowMilliseconds())
        for node in try store.nodes() { leases.remember(node: node.name, incarnation: node.incarnation) }
        rebuilds = Dictionary(
            try store.rebuilds().filter { publisher.current[$0.volumeID] != nil }.map { ($0.volumeID, $0) },
            uniquingKeysWith: { _, last in last })
        publisher.onPublish = { [unowned self] assignments in published(assignments) }
        let epoch = try publisher.highestEpoch()
        logger.info(
            "State loaded.",
            [
                "database": databasePath, "volumes": publisher.current.count, "epoch": epoch,
                "rebuilds": rebuilds.count,
                "lease_milliseconds": configuration.leaseMilliseconds,
                "margin_milliseconds": configuration.leaseMarginMilliseconds,
            ])
    }

    /// Runs `body` under the state lock.
    func locked<Result>(_ body: () throws -> Result) throws -> Result {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { throw ControlError.stopping }
        return try body()
    }

    // MARK: Lifecycle

    /// Starts the lease timer on a thread of its own. It runs every `timerIntervalMilliseconds`
    /// until `stop`, so a node that stops heartbeating is noticed without waiting for anything
    /// else to happen.
    public func startTimer() throws {
        let start = try locked { () -> Bool in
            defer { timerRunning = true }
            return !timerRunning
        }
        guard start else { return }
        try startThread(name: "control-leases") { [self] in
            while true {
                usleep(UInt32(configuration.timerIntervalMilliseconds * 1_000))
                do {
                    try checkLeases()
                } catch ControlError.stopping {
                    return
                } catch {
                    logger.error("Lease check failed.", ["error": error])
                }
            }
        }
    }

    /// Ends Watch streams, answers waiting Failovers UNAVAILABLE and refuses further calls, so
    /// that an RPC server shutting down is not held by them.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        hub.finishAll()
        for volumeID in Array(handOvers.keys) { resolveHandOver(volumeID, .refused(.stopping)) }
        logger.info("Controller stopped.")
    }

    // MARK: Publishing to nodes

    /// After a commit that minted: every node holding a replica of a changed volume, and every
    /// node of its previous assignment, gets its complete directives again.
    private func published(_ assignments: [Assignment]) {
        for assignment in assignments {
            logger.info(
                "Assignment published.",
                [
                    "volume": assignment.volumeName, "epoch": assignment.epoch, "primary": assignment.primaryNode,
                    "in_sync": assignment.inSyncMembers.joined(separator: ","), "reason": assignment.reason,
                ])
        }
        pushDirectives(to: Set(assignments.flatMap(\.replicaNodes)))
    }

    /// Sends the current directives to every open Watch stream of `nodes`.
    func pushDirectives(to nodes: Set<String>) {
        let watched = Set(hub.watchedNodes)
        for node in nodes.intersection(watched) {
            do {
                hub.push(try directives(for: node), to: node)
            } catch {
                logger.error("Directives could not be built.", ["node": node, "error": error])
            }
        }
    }

    /// Everything a node should act on, complete: the current assignment of every volume it holds
    /// a replica of, the hand-overs it should perform, and the deleted volumes it still holds.
    func directives(for node: String) throws -> Blockfence_Control_V1_NodeDirectives {
        var directives = Blockfence_Control_V1_NodeDirectives()
        for replica in try store.replicas(onNode: node) {
            if let assignment = publisher.current[replica.volumeID] {
                directives.assignments.append(assignment.message)
            }
        }
        for rebuild in rebuilds.values.sorted(by: { $0.volumeID < $1.volumeID }) where rebuild.target == nil {
            guard publisher.current[rebuild.volumeID]?.primaryNode == node else { continue }
            var message = Blockfence_Control_V1_FullCopy()
            message.volumeID = rebuild.volumeID
            message.nodeName = rebuild.node
            message.requestedEpoch = rebuild.requestedEpoch
            directives.fullCopies.append(message)
        }
        for handOver in handOvers.values.sorted(by: { $0.volumeID < $1.volumeID }) where handOver.primary == node {
            var message = Blockfence_Control_V1_HandOver()
            message.volumeID = handOver.volumeID
            message.epoch = handOver.epoch
            message.successor = handOver.successor
            directives.handOvers.append(message)
        }
        directives.deletedVolumeIDs = try store.deletedVolumeIDs(onNode: node)
        // The addresses of every node the assignments name, so a primary can dial its members.
        let named = Set(directives.assignments.flatMap { $0.replicaNodes + [$0.primaryNode] })
        for peer in try store.nodes() where named.contains(peer.name) {
            var address = Blockfence_Control_V1_NodeAddress()
            address.nodeName = peer.name
            address.nbdAddress = peer.nbdAddress
            address.replicationAddress = peer.replicationAddress
            directives.peers.append(address)
        }
        return directives
    }

    // MARK: Audit

    /// Records a refused or failed request in a write of its own: nothing else changed.
    func auditFailure(caller: String, method: String, request: String, error: any Error) {
        do {
            try store.audit(caller: caller, method: method, request: request, outcome: "refused: \(error)")
        } catch {
            logger.error("Audit record could not be written.", ["method": method, "error": error])
        }
    }

    /// Runs a mutating step under the lock; a failure is written to the audit log before it is
    /// rethrown. The step writes its own success record inside its transaction.
    func audited<Result>(
        caller: String, method: String, request: String, _ body: () throws -> Result
    ) throws(ControlError) -> Result {
        do {
            return try locked {
                do {
                    return try body()
                } catch {
                    auditFailure(caller: caller, method: method, request: request, error: error)
                    throw error
                }
            }
        } catch {
            throw ControlError.from(error)
        }
    }

    var nowMilliseconds: UInt64 { clock.nowMilliseconds() }
}
