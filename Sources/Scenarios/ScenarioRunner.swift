import BlockfenceBase
import Glibc
import Synchronization

/// Set from the signal-waiting thread when the operator presses Ctrl-C or the run gets SIGTERM;
/// every loop of the runner looks at it, so the run ends soon and still cleans up.
public final class Interruption: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func interrupt() { flag.store(true, ordering: .sequentiallyConsistent) }

    public var isInterrupted: Bool { flag.load(ordering: .sequentiallyConsistent) }
}

public struct RunOptions: Sendable {
    /// The blockfence executable that runs the control core and the servers.
    public var executable: String
    /// Where this scenario's logs, data and result live.
    public var workDirectory: String
    /// Play on after a failed step or assertion instead of going straight to the final checks.
    public var keepGoing: Bool
    public var logger: Logger

    public init(executable: String, workDirectory: String, keepGoing: Bool, logger: Logger) {
        self.executable = executable
        self.workDirectory = workDirectory
        self.keepGoing = keepGoing
        self.logger = logger
    }
}

/// Plays one scenario against real `blockfence control` and `blockfence server` processes.
///
/// Everything runs on the calling thread except the writer; processes are started from the
/// calling thread only, because children end with the thread that started them.
public final class ScenarioRunner {
    /// The state of the volumes and the writer just before the most recent fault step.
    struct Mark {
        var timeMilliseconds: Double
        var volumes: [String: VolumeState]
    }

    let scenario: Scenario
    let file: String
    let options: RunOptions
    let interruption: Interruption
    let logger: Logger
    var result: ScenarioResult
    var lab: NetworkLab?
    var control: ManagedProcess?
    var controlLink: ControlLink?
    var servers: [String: ManagedProcess] = [:]
    /// NBD address (host:port) of each server, by which the writer knows whom it writes to.
    var serverAddresses: [String: String] = [:]
    var writer: Writer?
    var writerRunning = false
    let writeLog = WriteLog()
    var lastKnown: [String: VolumeState] = [:]
    var mark = Mark(timeMilliseconds: 0, volumes: [:])
    var stopPlaying = false
    /// The process of the step being played.
    var resolved: ManagedProcess?

    public init(scenario: Scenario, file: String, options: RunOptions, interruption: Interruption) {
        self.scenario = scenario
        self.file = file
        self.options = options
        self.interruption = interruption
        logger = options.logger.with(["scenario": scenario.name])
        result = ScenarioResult(name: scenario.name, file: file, workDirectory: options.workDirectory)
    }

    var databasePath: String { options.workDirectory + "/control/control/state.sqlite" }

    /// Plays the scenario and always cleans up; the result says what passed.
    public func run() -> ScenarioResult {
        let started = wallMilliseconds()
        do {
            try startCluster()
            try createVolumes()
            // Until the first fault, "changed" and "advanced" compare with the cluster as created.
            takeMark()
            play(scenario.steps)
            if !interruption.isInterrupted { finalChecks() }
        } catch {
            record(Verdict(line: nil, check: "the cluster starts", passed: false, detail: "\(error)"))
        }
        cleanUp()
        result.interrupted = interruption.isInterrupted
        let log = writeLog.all
        saveWriteLog(log)
        result.writesAcknowledged = log.filter(\.acknowledged).count
        result.writesFailed = log.count - result.writesAcknowledged
        result.durationSeconds = (wallMilliseconds() - started) / 1000
        return result
    }

    /// The writer's log as CSV beside the processes' logs, for reading a failed run afterwards.
    func saveWriteLog(_ log: [WriteRecord]) {
        guard !log.isEmpty, let file = fopen(options.workDirectory + "/writes.csv", "w") else { return }
        defer { fclose(file) }
        fputs("sequence,block,node,sent_unix_ms,answered_unix_ms,acknowledged\n", file)
        for record in log {
            let sent = decimal(record.sentAtMilliseconds, digits: 3)
            let answered = decimal(record.answeredAtMilliseconds, digits: 3)
            fputs(
                "\(record.sequence),\(record.block),\(record.node),\(sent),\(answered),\(record.acknowledged)\n", file)
        }
    }

    func record(_ verdict: Verdict) {
        result.verdicts.append(verdict)
        let fields: KeyValuePairs<String, Any> = [
            "line": verdict.line ?? 0, "check": verdict.check, "detail": verdict.detail,
        ]
        if verdict.passed {
            logger.info("Check passed.", fields)
        } else {
            logger.error("Check failed.", fields)
            if !options.keepGoing { stopPlaying = true }
        }
    }

    // MARK: - Steps

    func play(_ steps: [Step]) {
        for step in steps {
            if stopPlaying || interruption.isInterrupted { return }
            logger.info("Step started.", ["line": step.line, "step": Self.describe(step.action)])
            do {
                // The target is found before the mark moves, so that "previous primary" means
                // the primary before this step, not the one this step leaves behind.
                resolved = try step.target.map { target throws in try process(target) }
                if step.isFault { takeMark() }
                try perform(step)
            } catch {
                record(
                    Verdict(
                        line: step.line, check: "step \(Self.describe(step.action))", passed: false, detail: "\(error)")
                )
            }
        }
    }

    func perform(_ step: Step) throws {
        switch step.action {
        case .createVolume(let spec):
            try createVolume(spec)
        case .startWriter:
            guard !writerRunning, let writer else { return }
            try writer.start(firstSequence: UInt64(writeLog.all.count))
            writerRunning = true
        case .stopWriter:
            stopWriter()
        case .kill(let target):
            try (resolved ?? process(target)).killNow()
        case .stop(let target):
            try freeze(try resolved ?? process(target))
        case .resume(let target):
            try (resolved ?? process(target)).signal(SIGCONT)
        case .restart(let target):
            let process = try resolved ?? process(target)
            process.killNow()
            try process.start()
        case .partition(let target, let side):
            guard let lab else { throw StepError("partitions need the namespaces network") }
            try lab.setLinks(of: try resolved?.name ?? serverName(target), side: side, up: false)
        case .heal(let target):
            guard let lab else { throw StepError("healing needs the namespaces network") }
            let names = try target.map { [try resolved?.name ?? serverName($0)] } ?? scenario.cluster.serverNames
            for name in names { try lab.setLinks(of: name, side: .all, up: true) }
        case .failover(let volume, let to):
            guard let link = controlLink else { throw StepError("no control core") }
            if case .failure(let error) = link.failover(volume: volume, to: to) { throw error }
        case .drain(let target), .cordon(let target), .uncordon(let target):
            guard let link = controlLink else { throw StepError("no control core") }
            let operation: ControlLink.NodeOperation =
                switch step.action {
                case .drain: .drain
                case .cordon: .cordon
                default: .uncordon
                }
            let name = try resolved?.name ?? serverName(target)
            switch link.node(name, operation) {
            case .success(let moves):
                if operation == .drain { logger.info("Node drained.", ["node": name, "moves": moves]) }
            case .failure(let error): throw error
            }
        case .rebuild(let volume, let node, let to):
            guard let link = controlLink else { throw StepError("no control core") }
            if case .failure(let error) = link.rebuild(volume: volume, node: node, to: to) { throw error }
        case .wait(let condition, let timeout):
            let began = wallMilliseconds()
            let deadline = began + timeout * 1000
            var outcome = evaluate(condition)
            while !outcome.holds && wallMilliseconds() < deadline && !interruption.isInterrupted {
                usleep(100_000)
                outcome = evaluate(condition)
            }
            let took = decimal((wallMilliseconds() - began) / 1000, digits: 1)
            record(
                Verdict(
                    line: step.line, check: "wait until \(condition)", passed: outcome.holds,
                    detail: outcome.holds
                        ? "after \(took) s" : "not within \(durationText(timeout)) s: \(outcome.detail)"))
        case .sleep(let seconds):
            let deadline = wallMilliseconds() + seconds * 1000
            while wallMilliseconds() < deadline && !interruption.isInterrupted { usleep(20_000) }
        case .assert(let condition):
            let outcome = evaluate(condition)
            record(Verdict(line: step.line, check: "\(condition)", passed: outcome.holds, detail: outcome.detail))
        case .repeat(let times, let steps):
            for _ in 0..<times where !stopPlaying && !interruption.isInterrupted { play(steps) }
        }
    }

    static func describe(_ action: Step.Action) -> String {
        switch action {
        case .kill(let target): "kill \(target)"
        case .stop(let target): "stop \(target)"
        case .resume(let target): "continue \(target)"
        case .restart(let target): "restart \(target)"
        case .partition(let target, let side): "partition \(target) from \(side.rawValue)"
        case .heal(let target): "heal \(target.map(\.description) ?? "all")"
        case .failover(let volume, let to): "failover \(volume)" + (to.map { " to \($0)" } ?? "")
        case .drain(let target): "drain \(target)"
        case .cordon(let target): "cordon \(target)"
        case .uncordon(let target): "uncordon \(target)"
        case .rebuild(let volume, let node, let to): "rebuild \(volume) on \(node)" + (to.map { " onto \($0)" } ?? "")
        case .createVolume(let spec): "create-volume \(spec.name)"
        case .startWriter: "start-writer"
        case .stopWriter: "stop-writer"
        case .wait(let condition, let timeout): "wait until \(condition) (at most \(durationText(timeout)) s)"
        case .sleep(let seconds): "sleep \(durationText(seconds)) s"
        case .assert(let condition): "assert \(condition)"
        case .repeat(let times, let steps): "repeat \(steps.count) steps \(times) times"
        }
    }

    /// SIGSTOP returns before every thread has stopped; until then one may still answer. Waits
    /// until /proc shows each thread stopped, so that the next step meets a frozen process.
    func freeze(_ process: ManagedProcess) throws {
        guard let pid = process.pid else { throw StepError("\(process.name) is not running") }
        process.signal(SIGSTOP)
        for _ in 0..<500 {
            if allThreadsStopped(pid) { return }
            usleep(5_000)
        }
        throw StepError("\(process.name) did not stop within 2.5 s")
    }

    func allThreadsStopped(_ pid: Int32) -> Bool {
        guard let directory = opendir("/proc/\(pid)/task") else { return false }
        defer { closedir(directory) }
        var states: [Character] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard Int(name) != nil, let file = fopen("/proc/\(pid)/task/\(name)/stat", "r") else { continue }
            var buffer = [UInt8](repeating: 0, count: 512)
            let count = fread(&buffer, 1, buffer.count, file)
            fclose(file)
            let line = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
            // The state follows the command name, which is in parentheses and may hold spaces.
            if let close = line.lastIndex(of: ")"),
                let state = line[line.index(after: close)...].split(separator: " ").first
            {
                states.append(state.first ?? "?")
            }
        }
        return !states.isEmpty && states.allSatisfy { $0 == "T" || $0 == "t" }
    }

    func process(_ target: Target) throws -> ManagedProcess {
        if target == .control {
            guard let control else { throw StepError("no control core") }
            return control
        }
        let name = try serverName(target)
        guard let process = servers[name] else { throw StepError("no server \(name)") }
        return process
    }

    func serverName(_ target: Target) throws -> String {
        switch target {
        case .control: throw StepError("the control core is not a server")
        case .server(let name): return name
        case .primary(let volume):
            let state = refresh(volume)
            guard let primary = state?.primary, !primary.isEmpty else {
                throw StepError("the primary of \(volume) is unknown")
            }
            return primary
        case .previousPrimary(let volume):
            guard let primary = mark.volumes[volume]?.primary, !primary.isEmpty else {
                throw StepError("no fault step has seen a primary of \(volume) yet")
            }
            return primary
        }
    }

    /// The volume's state from the control core, or the last one known when it does not answer.
    @discardableResult
    func refresh(_ volume: String) -> VolumeState? {
        if let link = controlLink, case .success(let state) = link.volume(volume, timeoutSeconds: 1) {
            lastKnown[volume] = state
        }
        return lastKnown[volume]
    }

    func takeMark() {
        for volume in lastKnown.keys { refresh(volume) }
        mark = Mark(timeMilliseconds: wallMilliseconds(), volumes: lastKnown)
    }

    func stopWriter() {
        guard writerRunning, let writer else { return }
        writer.stop()
        writerRunning = false
    }
}

/// A non-negative number with a fixed count of decimals, as in "2.5" or "1717171717171.123".
func decimal(_ value: Double, digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = UInt64((max(0, value) * scale).rounded())
    let whole = scaled / UInt64(scale)
    guard digits > 0 else { return String(whole) }
    let fraction = String(scaled % UInt64(scale))
    return "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
}

/// Seconds as a scenario author would write them: at most three decimals, without trailing
/// zeros, so that arithmetic on the parsed value (0.7 read as 0.7000000000000001) does not show.
func durationText(_ seconds: Double) -> String {
    var text = decimal(seconds, digits: 3)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}

/// A step that could not be carried out.
struct StepError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
