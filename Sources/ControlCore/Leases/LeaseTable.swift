/// What the control core knows, in memory, about each node's lease.
///
/// The lease math, all on the control core's monotonic clock:
///
/// - A node counts its lease from when it *sent* a heartbeat; the control core notes when that
///   heartbeat *arrived*, which is later. So the node's lease has ended by
///   `arrival + lease`, and the control core treats it as **certainly over** only at
///   `arrival + lease + margin`, the margin covering clocks that run at slightly different rates.
/// - After the control core starts it cannot know which leases a previous run granted, so no
///   lease is certainly over before `start + lease + margin`.
/// - A node is **alive** while `arrival + lease` has not passed: a lease is current as far as the
///   control core can tell. Only alive nodes are promoted or given new replicas.
/// - A node whose lease is **withheld** (an unconfirmed hand-over) still has its heartbeats
///   counted as signs of life, but they no longer renew its lease, so its lease ends.
struct LeaseTable {
    struct Entry {
        var incarnation: String
        /// When the latest Register or Heartbeat arrived in this run of the control core.
        var lastArrivalMilliseconds: UInt64?
        /// When the latest request that was answered with a lease arrived.
        var grantedArrivalMilliseconds: UInt64?
        var withheld = false
        var reports: [String: ReplicaReport] = [:]
        var capacityBytes: UInt64 = 0
        var availableBytes: UInt64 = 0
        var maxFileSizeBytes: UInt64 = 0
        var lastHeartbeatUnixMilliseconds: Int64 = 0
    }

    let configuration: ControlConfiguration
    let startMilliseconds: UInt64
    private(set) var entries: [String: Entry] = [:]

    init(configuration: ControlConfiguration, startMilliseconds: UInt64) {
        self.configuration = configuration
        self.startMilliseconds = startMilliseconds
    }

    /// A node known from the database, not heard from in this run.
    mutating func remember(node: String, incarnation: String) {
        guard entries[node] == nil else { return }
        entries[node] = Entry(incarnation: incarnation)
    }

    func incarnation(of node: String) -> String? { entries[node]?.incarnation }

    /// A new process on the node: nothing it reported before counts.
    mutating func replaceIncarnation(of node: String, with incarnation: String) {
        entries[node] = Entry(incarnation: incarnation)
    }

    /// Records a Register or Heartbeat that arrived at `now`; returns the lease it grants, 0 when
    /// the node's lease is withheld.
    mutating func arrival(
        of node: String, at now: UInt64, reports: [ReplicaReport], capacityBytes: UInt64, availableBytes: UInt64,
        maxFileSizeBytes: UInt64 = 0
    ) -> UInt64 {
        var entry = entries[node] ?? Entry(incarnation: "")
        entry.lastArrivalMilliseconds = now
        entry.lastHeartbeatUnixMilliseconds = unixMilliseconds()
        entry.reports = Dictionary(reports.map { ($0.volumeID, $0) }, uniquingKeysWith: { _, last in last })
        entry.capacityBytes = capacityBytes
        entry.availableBytes = availableBytes
        entry.maxFileSizeBytes = maxFileSizeBytes
        defer { entries[node] = entry }
        guard !entry.withheld else { return 0 }
        entry.grantedArrivalMilliseconds = now
        return configuration.leaseMilliseconds
    }

    /// A request from the node's name that is refused a lease (a new process waiting for the
    /// previous one's lease to end): a sign that the node is there, so it does not count as gone,
    /// but no lease.
    mutating func signOfLife(of node: String, at now: UInt64) {
        entries[node]?.lastArrivalMilliseconds = now
    }

    mutating func updateReport(_ report: ReplicaReport, of node: String) {
        entries[node]?.reports[report.volumeID] = report
    }

    mutating func setWithheld(_ withheld: Bool, for node: String) {
        entries[node]?.withheld = withheld
    }

    mutating func forget(node: String) {
        entries.removeValue(forKey: node)
    }

    func isWithheld(_ node: String) -> Bool { entries[node]?.withheld ?? false }

    /// The lease is current as the control core sees it.
    func isAlive(_ node: String, now: UInt64) -> Bool {
        guard let granted = entries[node]?.grantedArrivalMilliseconds else { return false }
        return now < granted + configuration.leaseMilliseconds
    }

    /// Every lease the node may hold has ended, even on a clock running somewhat slow.
    func isLeaseCertainlyOver(_ node: String, now: UInt64) -> Bool {
        now >= leaseCertainlyOverAt(node)
    }

    /// The instant from which the node's lease is certainly over.
    func leaseCertainlyOverAt(_ node: String) -> UInt64 {
        let granted = max(entries[node]?.grantedArrivalMilliseconds ?? startMilliseconds, startMilliseconds)
        return granted + configuration.leaseMilliseconds + configuration.leaseMarginMilliseconds
    }

    /// The node has neither a lease nor sent anything for a whole lease and margin: gone, as far
    /// as the control core can tell. A withheld node that still heartbeats is not gone.
    func isGone(_ node: String, now: UInt64) -> Bool {
        guard isLeaseCertainlyOver(node, now: now) else { return false }
        let lastArrival = max(entries[node]?.lastArrivalMilliseconds ?? startMilliseconds, startMilliseconds)
        return now >= lastArrival + configuration.leaseMilliseconds + configuration.leaseMarginMilliseconds
    }

    /// Milliseconds left of the node's lease as the control core sees it; 0 when expired.
    func remainingMilliseconds(_ node: String, now: UInt64) -> UInt64 {
        guard let granted = entries[node]?.grantedArrivalMilliseconds else { return 0 }
        let end = granted + configuration.leaseMilliseconds
        return end > now ? end - now : 0
    }

    /// The largest replica the node can hold: its filesystem's capacity and largest file, as it
    /// last reported them. Nil while it reported neither. Free space does not count: replicas are
    /// sparse, so a volume may be larger than what is free.
    func largestReplica(on node: String) -> UInt64? {
        guard let entry = entries[node] else { return nil }
        let limits = [entry.capacityBytes, entry.maxFileSizeBytes].filter { $0 > 0 }
        return limits.min()
    }

    func report(of node: String, volumeID: String) -> ReplicaReport? {
        entries[node]?.reports[volumeID]
    }

    func reportedVolumeIDs(of node: String) -> Set<String> {
        Set(entries[node]?.reports.keys.map { $0 } ?? [])
    }
}
