import Dispatch
import Synchronization

/// Runs jobs one at a time, in order, on a dedicated thread: work that blocks (fsync, connect)
/// and must not interleave, kept off Swift's cooperative pool.
public final class SerialWorker: Sendable {
    private let jobs = Mutex<(queue: [@Sendable () -> Void], stopping: Bool)>(([], false))
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    public init(name: String) throws(SystemError) {
        try startThread(name: name) { [self] in run() }
    }

    /// Queues `job`; it runs after every job queued before it.
    public func enqueue(_ job: @escaping @Sendable () -> Void) {
        let accepted = jobs.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.queue.append(job)
            return true
        }
        if accepted { wake.signal() }
    }

    /// Runs the jobs already queued, then ends the thread.
    public func stop() {
        jobs.withLock { $0.stopping = true }
        wake.signal()
        finished.wait()
    }

    private func run() {
        while true {
            wake.wait()
            let (batch, stopping) = jobs.withLock { state -> ([@Sendable () -> Void], Bool) in
                defer { state.queue.removeAll() }
                return (state.queue, state.stopping)
            }
            for job in batch { job() }
            if stopping { break }
        }
        finished.signal()
    }
}
