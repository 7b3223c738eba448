import BlockfenceBase
import CShims
import Glibc
import Synchronization

/// Keeps a set of blockfence processes running: starts each, restarts one that exits (after a
/// pause that doubles while it keeps failing), and stops them all in order.
///
/// Each child gets a process group of its own, so Ctrl-C reaches only the supervisor, which then
/// stops the children in order; and each is told to end with its parent, so none outlives a
/// supervisor that was killed.
final class ProcessSupervisor: Sendable {
    struct Child: Sendable {
        let name: String
        let arguments: [String]
        let logPath: String
    }

    private struct Running {
        var pid: Int32
        var startedAt: UInt64
        var restarts: Int
    }

    private let executable: String
    private let logger: Logger
    private let state = Mutex<(running: [String: Running], stopping: Bool)>(([:], false))

    init(executable: String, logger: Logger) {
        self.executable = executable
        self.logger = logger
    }

    /// The pid of a running child, for people who want to kill -9 it.
    func pid(of name: String) -> Int32? { state.withLock { $0.running[name]?.pid } }

    func start(_ child: Child) throws {
        let pid = try spawn(child)
        state.withLock { $0.running[child.name] = Running(pid: pid, startedAt: now(), restarts: 0) }
        try startThread(name: "watch-\(child.name)") { [self] in watch(child) }
    }

    /// Stops children in the given order: SIGTERM, then SIGKILL for any still running after
    /// `graceSeconds`.
    func stop(order: [String], graceSeconds: Int = 10) {
        let running = state.withLock { state -> [String: Running] in
            state.stopping = true
            return state.running
        }
        for name in order {
            guard let child = running[name] else { continue }
            kill(child.pid, SIGTERM)
            var waited = 0
            while waited < graceSeconds * 20 && kill(child.pid, 0) == 0 && !isReaped(name) {
                usleep(50_000)
                waited += 1
            }
            if kill(child.pid, 0) == 0 && !isReaped(name) {
                logger.warning("Process did not stop in time; killing it.", ["process": name, "pid": child.pid])
                kill(child.pid, SIGKILL)
            }
        }
    }

    private func isReaped(_ name: String) -> Bool { state.withLock { $0.running[name] == nil } }

    private func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec)
    }

    private func spawn(_ child: Child) throws -> Int32 {
        var words = [executable] + child.arguments
        let pointers = words.indices.map { strdup(words[$0]) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        words.removeAll()
        let pid = pointers.withUnsafeBufferPointer { bf_spawn(executable, $0.baseAddress!, child.logPath) }
        guard pid > 0 else { throw SystemError.last("posix_spawn", subject: child.name) }
        logger.debug("Process started.", ["process": child.name, "pid": pid, "log": child.logPath])
        return pid
    }

    /// Waits for the child; restarts it unless the supervisor is stopping.
    private func watch(_ child: Child) {
        while true {
            guard let pid = pid(of: child.name) else { return }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let (stopping, current) = state.withLock { state -> (Bool, Running?) in
                if state.stopping { state.running[child.name] = nil }
                return (state.stopping, state.running[child.name])
            }
            if stopping { return }
            guard var running = current else { return }
            let signaled = status & 0x7f
            let how = signaled != 0 ? "signal \(signaled)" : "status \((status >> 8) & 0xff)"
            // A process that ran for a while before dying starts over with a short pause.
            if now() - running.startedAt > 30 { running.restarts = 0 }
            let pause = min(10, 1 << min(running.restarts, 4))
            logger.warning(
                "Process exited; restarting it.",
                ["process": child.name, "how": how, "pause_s": pause, "log": child.logPath])
            sleep(UInt32(pause))
            if state.withLock({ $0.stopping }) { return }
            do {
                running.pid = try spawn(child)
                running.startedAt = now()
                running.restarts += 1
                state.withLock { $0.running[child.name] = running }
            } catch {
                logger.error("Cannot restart a process.", ["process": child.name, "error": error])
                return
            }
        }
    }
}
