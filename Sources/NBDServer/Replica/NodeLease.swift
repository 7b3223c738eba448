import Synchronization

/// This node's lease from the control core, on the node's own monotonic clock. A primary serves
/// only while it holds one; it is counted from the moment the renewing heartbeat was sent, so the
/// node gives up before the control core could think otherwise.
public final class NodeLease: Sendable {
    private let deadlineNanoseconds = Atomic<UInt64>(0)

    public init() {}

    @inline(__always)
    public var isValid: Bool { monotonicNanoseconds() < deadlineNanoseconds.load(ordering: .acquiring) }

    /// Milliseconds left, 0 when expired.
    public var remainingMilliseconds: UInt64 {
        let deadline = deadlineNanoseconds.load(ordering: .acquiring)
        let now = monotonicNanoseconds()
        return deadline > now ? (deadline - now) / 1_000_000 : 0
    }

    /// Extends the lease to `sentAt + duration`; a late answer never shortens it.
    public func renew(sentAtNanoseconds sentAt: UInt64, durationMilliseconds: UInt64) {
        let candidate = sentAt + durationMilliseconds * 1_000_000
        var current = deadlineNanoseconds.load(ordering: .relaxed)
        while candidate > current {
            let (exchanged, original) = deadlineNanoseconds.compareExchange(
                expected: current, desired: candidate, ordering: .acquiringAndReleasing)
            if exchanged { return }
            current = original
        }
    }

    /// Drops the lease at once, for tests and for a node that learns it was replaced.
    public func revoke() {
        deadlineNanoseconds.store(0, ordering: .releasing)
    }

    public static func now() -> UInt64 { monotonicNanoseconds() }
}
