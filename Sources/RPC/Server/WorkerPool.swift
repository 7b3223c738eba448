import BlockfenceBase
import Glibc

/// A fixed set of dedicated threads that run handler tasks.
///
/// Handlers are `async`, but a handler may still block (a SQLite query, an fsync); on Swift's
/// cooperative pool, which has as many threads as cores, two blocked handlers would stall every
/// task in the process. Handler tasks prefer this executor instead, so blocking costs one of its
/// threads and nothing else.
final class WorkerPool: TaskExecutor, @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    /// Jobs waiting for a thread, oldest first from `head`.
    private var jobs: [UnownedJob] = []
    private var head = 0
    /// Set by `stop`; the threads exit once the queue is empty.
    private var stopping = false

    init(threadCount: Int, name: String) throws(SystemError) {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
        for index in 0..<max(threadCount, 1) {
            try startThread(name: "\(name)-\(index)") { [self] in work() }
        }
    }

    /// A job that arrives after `stop` (the last steps of a handler that outlived its server)
    /// runs on the global executor, so that no task is ever stranded.
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        pthread_mutex_lock(&mutex)
        let stopped = stopping
        if !stopped {
            jobs.append(unowned)
            pthread_cond_signal(&condition)
        }
        pthread_mutex_unlock(&mutex)
        if stopped { globalConcurrentExecutor.enqueue(ExecutorJob(unowned)) }
    }

    /// Lets the threads finish the queued jobs and exit.
    func stop() {
        pthread_mutex_lock(&mutex)
        stopping = true
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
    }

    private func work() {
        while true {
            pthread_mutex_lock(&mutex)
            while head == jobs.count && !stopping { pthread_cond_wait(&condition, &mutex) }
            if head == jobs.count {
                pthread_mutex_unlock(&mutex)
                return
            }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            pthread_mutex_unlock(&mutex)
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
