import Dispatch
import Synchronization

/// Runs async work from a plain thread (a command's main thread) and waits for its result.
/// The work runs on Swift's pool while the calling thread, which is not part of it, blocks.
public func runBlocking<Result: Sendable>(_ body: @escaping @Sendable () async -> Result) -> Result {
    let slot = ResultSlot<Result>()
    let done = DispatchSemaphore(value: 0)
    Task {
        let outcome = await body()
        slot.value.withLock { $0 = outcome }
        done.signal()
    }
    done.wait()
    return slot.value.withLock { $0! }
}

private final class ResultSlot<Value: Sendable>: Sendable {
    let value = Mutex<Value?>(nil)
}
