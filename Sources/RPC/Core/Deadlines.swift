import CGRPC

/// Conversions between gpr_timespec, the C core's time, and Swift's clocks.
enum Deadlines {
    /// A deadline `timeout` from now on the monotonic clock, or the infinite future for nil.
    static func timespec(after timeout: Duration?) -> gpr_timespec {
        guard let timeout else { return gpr_inf_future(GPR_CLOCK_MONOTONIC) }
        let (seconds, attoseconds) = timeout.components
        let milliseconds = max(0, seconds * 1_000 + attoseconds / 1_000_000_000_000_000)
        return gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC), gpr_time_from_millis(milliseconds, GPR_TIMESPAN))
    }

    /// The instant a C core deadline names, or nil for the infinite future.
    static func instant(_ deadline: gpr_timespec) -> ContinuousClock.Instant? {
        let infinite = gpr_inf_future(deadline.clock_type)
        guard deadline.tv_sec != infinite.tv_sec else { return nil }
        let monotonic = gpr_convert_clock_type(deadline, GPR_CLOCK_MONOTONIC)
        let remaining = gpr_time_sub(monotonic, gpr_now(GPR_CLOCK_MONOTONIC))
        let duration = Duration.seconds(remaining.tv_sec) + Duration.nanoseconds(Int64(remaining.tv_nsec))
        return ContinuousClock.now + duration
    }
}
