import BlockfenceBase
import CShims
import Glibc

/// One process the runner started, known by the PID it got: only these are ever signalled.
final class ManagedProcess {
    let name: String
    let executable: String
    let arguments: [String]
    let logPath: String
    private(set) var pid: Int32?
    /// Exits the scenario did not cause, reported in the result: a crash is never a pass.
    private(set) var unexpectedExits: [String] = []
    private var expectingExit = false

    init(name: String, executable: String, arguments: [String], logPath: String) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
        self.logPath = logPath
    }

    /// Spawns the process from the calling thread; it must be the runner's main thread, because
    /// a child started by `blockfence` ends when the thread that started it does.
    func start() throws(SystemError) {
        notice()
        let words = [executable] + arguments
        let pointers = words.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        let spawned = pointers.withUnsafeBufferPointer { bf_spawn(executable, $0.baseAddress!, logPath) }
        guard spawned > 0 else { throw SystemError.last("posix_spawn", subject: name) }
        pid = spawned
        expectingExit = false
    }

    var running: Bool {
        notice()
        return pid != nil
    }

    /// Reaps the process if it ended, noting an exit nobody asked for.
    private func notice() {
        guard let pid else { return }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid || (result < 0 && errno == ECHILD) else { return }
        if !expectingExit {
            let signaled = status & 0x7f
            unexpectedExits.append(signaled != 0 ? "ended by signal \(signaled)" : "exited with status \(status >> 8)")
        }
        self.pid = nil
    }

    func signal(_ number: Int32) {
        guard running, let pid else { return }
        kill(pid, number)
    }

    /// SIGKILL, then reap, so that the next start cannot race the old process for its ports.
    func killNow() {
        guard running, let pid else { return }
        expectingExit = true
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        self.pid = nil
    }

    /// SIGCONT (it may be frozen), SIGTERM, and SIGKILL when it lingers past `graceSeconds`.
    func terminate(graceSeconds: Int = 10) {
        guard running, let pid else { return }
        expectingExit = true
        kill(pid, SIGCONT)
        kill(pid, SIGTERM)
        for _ in 0..<(graceSeconds * 20) {
            usleep(50_000)
            if !running { return }
        }
        killNow()
    }

    /// The log's text, for readiness lines and crash reports.
    func logText() -> String {
        guard let file = fopen(logPath, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first lines of a crash report in the log, if the process crashed.
    func crashReport() -> String? {
        let text = logText()
        for marker in ["Swift runtime failure", "Fatal error", "*** Signal "] {
            if let range = text.firstRange(of: marker) {
                return String(text[range.lowerBound...].prefix(600))
            }
        }
        return nil
    }
}
