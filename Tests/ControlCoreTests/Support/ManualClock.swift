import ControlCore
import Synchronization

/// A monotonic clock that moves only when a test says so, so that lease expiry is exact.
final class ManualClock: MonotonicClock {
    private let milliseconds: Mutex<UInt64>

    init(startingAt start: UInt64 = 1_000_000) {
        milliseconds = Mutex(start)
    }

    func nowMilliseconds() -> UInt64 {
        milliseconds.withLock { $0 }
    }

    func advance(by step: UInt64) {
        milliseconds.withLock { $0 += step }
    }
}
