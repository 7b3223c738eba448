/// The timing rules of the control core. The defaults are the ones the contract between the
/// control core and the storage servers names; tests shorten them.
public struct ControlConfiguration: Sendable, Equatable {
    /// How long a lease lasts, counted by a node from the moment it sent the request that
    /// renewed it.
    public var leaseMilliseconds: UInt64
    /// How often a node should send a heartbeat.
    public var heartbeatIntervalMilliseconds: UInt64
    /// Added to a lease before the control core treats it as certainly over, for clocks that run
    /// at slightly different rates.
    public var leaseMarginMilliseconds: UInt64
    /// How often the lease timer looks for nodes whose lease has certainly ended.
    public var timerIntervalMilliseconds: UInt64
    /// How long a primary has to confirm a hand-over before the control core falls back to
    /// waiting for its lease to end.
    public var handOverTimeoutMilliseconds: UInt64
    /// Reported by GetStatus.
    public var version: String

    public init(
        leaseMilliseconds: UInt64 = 3_000, heartbeatIntervalMilliseconds: UInt64 = 500,
        leaseMarginMilliseconds: UInt64 = 1_000, timerIntervalMilliseconds: UInt64 = 200,
        handOverTimeoutMilliseconds: UInt64 = 2_000, version: String = "unknown"
    ) {
        self.leaseMilliseconds = leaseMilliseconds
        self.heartbeatIntervalMilliseconds = heartbeatIntervalMilliseconds
        self.leaseMarginMilliseconds = leaseMarginMilliseconds
        self.timerIntervalMilliseconds = timerIntervalMilliseconds
        self.handOverTimeoutMilliseconds = handOverTimeoutMilliseconds
        self.version = version
    }

    /// Why a configuration cannot work, or nil when it can.
    public var problem: String? {
        // A zero lease would make every node expire the moment it renewed.
        guard leaseMilliseconds > 0 else { return "the lease must last at least 1 ms" }
        // A node that renews less often than its lease lasts would lose it between heartbeats.
        guard heartbeatIntervalMilliseconds > 0, heartbeatIntervalMilliseconds < leaseMilliseconds else {
            return "the heartbeat interval must be above 0 and shorter than the lease"
        }
        // Bounded so that the arithmetic on monotonic milliseconds cannot overflow.
        guard leaseMilliseconds <= 3_600_000, leaseMarginMilliseconds <= 3_600_000 else {
            return "the lease and its margin must each be at most one hour"
        }
        guard timerIntervalMilliseconds > 0 else { return "the timer interval must be above 0" }
        return nil
    }
}
