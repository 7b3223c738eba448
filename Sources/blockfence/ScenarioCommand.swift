import BlockfenceBase
import Glibc
import Scenarios

/// `blockfence scenario run`: plays scenario files against real processes and reports verdicts.
enum ScenarioCommand {
    static let help = """
        Usage: blockfence scenario run FILE... [--result FILE.json] [--keep-going] [--work-dir DIR]
                                       [--log-level LEVEL]

        Plays each scenario file: starts a control core and storage servers (each server in a
        network namespace of its own when the scenario cuts the network, which needs root),
        creates the volumes, runs the writer and the steps (kill, stop, continue, restart,
        partition, heal, failover, drain, cordon, uncordon, rebuild, wait, sleep, assert), and
        ends with checks of its own: every acknowledged write reads back from the final primary,
        and no write was acknowledged by a server the control core's history does not name
        primary at that moment. Every process and namespace it created is removed at the end,
        also after a failure or Ctrl-C.

        Prints one verdict per check. Exits 0 when every scenario passed, 1 when one failed, 2 when
        a file cannot be read or is not a valid scenario (nothing is started then).

        Options:
          --result FILE.json   Write the verdicts of every scenario there as JSON.
          --keep-going         Play on after a failed step or assertion, and run the remaining
                               files after a failed one.
          --work-dir DIR       Where each scenario's data and logs go, in DIR/NAME (default: a new
                               directory under /tmp). Kept after the run.
          --log-level LEVEL    The runner's own log level (default info).
          -h, --help           Show this help.

        See docs/scenarios.md for the file format.
        """

    static func run(_ words: [String]) throws -> Int32 {
        var words = words
        guard let verb = words.first, verb == "run" || verb == "--help" || verb == "-h" else {
            throw UsageError("'scenario' takes the verb 'run'")
        }
        words.removeFirst()
        var arguments = try Arguments(words, valued: LoggingOptions.valued.union(["--result", "--work-dir"]))
        if verb != "run" || arguments.wantsHelp {
            Console.out(help)
            return 0
        }
        let logger = try LoggingOptions.logger(&arguments, scope: "scenario")
        let resultPath = try arguments.value("--result")
        let keepGoing = arguments.flag("--keep-going")
        let workRoot = try arguments.directory("--work-dir") ?? temporaryDirectory()
        let files = arguments.positionals()
        try arguments.finish()
        guard !files.isEmpty else { throw UsageError("name at least one scenario file") }

        // Every file is read and checked before anything starts, so a typo costs no cluster.
        var scenarios: [(file: String, scenario: Scenario)] = []
        for file in files {
            guard let text = readFile(file) else {
                throw UsageError("cannot read \(file): \(SystemError.last("open"))")
            }
            let base = String(file.split(separator: "/").last ?? Substring(file))
            let name = base.hasSuffix(".yaml") ? String(base.dropLast(5)) : base
            do {
                scenarios.append((file, try ScenarioParser.parse(text, defaultName: name)))
            } catch {
                throw UsageError("\(file): \(error)")
            }
        }

        // Each scenario gets a fresh directory: a control core started on an old one would find
        // the volumes of an earlier run.
        var names = Set<String>()
        for (file, scenario) in scenarios {
            guard names.insert(scenario.name).inserted else {
                throw UsageError("\(file): another file is also named '\(scenario.name)'; names must differ")
            }
            let directory = "\(workRoot)/\(scenario.name)"
            guard access(directory, F_OK) != 0 else {
                throw UsageError("\(directory) exists from an earlier run; remove it or choose another --work-dir")
            }
        }

        let interruption = Interruption()
        try startThread(name: "scenario-signals") {
            let signal = TerminationSignals.wait()
            logger.warning("Interrupted; cleaning up.", ["signal": TerminationSignals.name(signal)])
            interruption.interrupt()
        }
        var results: [ScenarioResult] = []
        for (file, scenario) in scenarios {
            if interruption.isInterrupted { break }
            let options = RunOptions(
                executable: UpCommand.selfExecutable(), workDirectory: "\(workRoot)/\(scenario.name)",
                keepGoing: keepGoing, logger: logger)
            Console.out("== \(scenario.name) (\(file))")
            let result = ScenarioRunner(scenario: scenario, file: file, options: options, interruption: interruption)
                .run()
            for verdict in result.verdicts {
                let place = verdict.line.map { "line \($0)" } ?? "end"
                Console.out("  \(verdict.passed ? "PASS" : "FAIL")  \(place): \(verdict.check) — \(verdict.detail)")
            }
            Console.out(
                "  \(result.passed ? "passed" : "FAILED") in \(Int(result.durationSeconds)) s; "
                    + "\(result.writesAcknowledged) writes acknowledged, \(result.writesFailed) failed; "
                    + "logs in \(result.workDirectory)/logs")
            results.append(result)
            if !result.passed && !keepGoing { break }
        }
        if let resultPath {
            let json = "{\"scenarios\": [" + results.map(\.json).joined(separator: ", ") + "]}\n"
            guard writeFile(resultPath, json) else {
                throw RuntimeError("cannot write \(resultPath): \(SystemError.last("write"))")
            }
        }
        let passed = results.count == scenarios.count && results.allSatisfy(\.passed)
        return passed ? 0 : 1
    }

    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/blockfence-scenarios-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw RuntimeError("cannot create a work directory in /tmp") }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
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

    static func writeFile(_ path: String, _ text: String) -> Bool {
        guard let file = fopen(path, "w") else { return false }
        let bytes = Array(text.utf8)
        let written = fwrite(bytes, 1, bytes.count, file)
        return fclose(file) == 0 && written == bytes.count
    }
}
