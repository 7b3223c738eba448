import Glibc

/// A clock that never goes back and does not follow changes of the wall clock: leases are
/// measured on it. Tests inject one they move by hand.
public protocol MonotonicClock: Sendable {
    /// Milliseconds since an arbitrary fixed point.
    func nowMilliseconds() -> UInt64
}

/// `CLOCK_MONOTONIC`: the same clock a storage server measures its side of a lease on.
public struct SystemMonotonicClock: MonotonicClock {
    public init() {}

    public func nowMilliseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000 + UInt64(time.tv_nsec) / 1_000_000
    }
}

/// Milliseconds since the Unix epoch, for timestamps shown to people; never used for leases.
func unixMilliseconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000 + Int64(time.tv_nsec) / 1_000_000
}
