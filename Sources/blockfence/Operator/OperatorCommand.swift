import BlockfenceBase
import Glibc
import OperatorCLI

/// One operator command: how it reads its command line and what it asks the control core.
protocol OperatorSubcommand: Sendable {
    /// The words that select it after `blockfence`: `volume create`.
    static var path: String { get }
    static var help: String { get }
    /// Its options that take a value, beside the common ones.
    static var valuedOptions: Set<String> { get }
    /// Reads and checks the whole command line, before anything is sent.
    init(_ arguments: inout OperatorArguments) throws(OperatorError)
    /// Asks the control core and renders the answer in both formats.
    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput
}

/// A command's answer, ready for either `--output`.
struct CommandOutput: Sendable {
    var json: JSONValue
    var text: String
}

/// The options every operator command takes.
struct CommonOptions: Sendable {
    static let valued: Set<String> = ["--control", "--output", "--timeout"]

    var address: ListenAddress
    var output: OutputFormat
    var timeoutSeconds: Double

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        let variable = ControlDefaults.environmentVariable
        if let text = try arguments.value("--control") {
            address = try InputValidation.controlAddress(text, source: "--control")
        } else if let text = Environment.value(variable) {
            address = try InputValidation.controlAddress(text, source: variable)
        } else {
            address = ControlDefaults.address
        }
        output = try arguments.value("--output").map(InputValidation.outputFormat) ?? .table
        timeoutSeconds =
            try arguments.value("--timeout").map(InputValidation.timeoutSeconds) ?? ControlDefaults.timeoutSeconds
    }
}

/// `blockfence volume …`, `node …`, `failover` and `status`: the operator commands, clients of
/// the control API. Each one handles its own failures, so that every one of them is reported
/// through `OperatorError.report` with its exit code.
enum OperatorCommand {
    /// The commands under each first word; an empty subcommand word means the first word alone
    /// is the command.
    static let groups: [String: [(word: String, command: any OperatorSubcommand.Type)]] = [
        "volume": [
            ("create", VolumeCreateCommand.self), ("list", VolumeListCommand.self),
            ("inspect", VolumeInspectCommand.self), ("expand", VolumeExpandCommand.self),
            ("attach", VolumeAttachCommand.self), ("detach", VolumeDetachCommand.self),
            ("delete", VolumeDeleteCommand.self), ("rebuild", VolumeRebuildCommand.self),
        ],
        "node": [
            ("list", NodeListCommand.self), ("cordon", NodeCordonCommand.self),
            ("uncordon", NodeUncordonCommand.self), ("drain", NodeDrainCommand.self),
        ],
        "failover": [("", FailoverCommand.self)],
        "status": [("", StatusCommand.self)],
    ]

    static let groupHelp: [String: String] = ["volume": OperatorHelp.volume, "node": OperatorHelp.node]

    /// Runs `blockfence GROUP WORDS…` and returns the exit code.
    static func run(_ group: String, _ words: [String]) -> Int32 {
        allowInterruption()
        var context = ReportContext(
            command: group, controlAddress: ControlDefaults.address.description,
            addressVariable: ControlDefaults.environmentVariable, timeoutSeconds: ControlDefaults.timeoutSeconds)
        do {
            return try execute(group, words, context: &context).rawValue
        } catch {
            let report = error.report(context)
            Console.error((["blockfence: " + report.message] + report.hints).joined(separator: "\n"))
            return report.exitCode.rawValue
        }
    }

    private static func execute(
        _ group: String, _ words: [String], context: inout ReportContext
    ) throws(OperatorError) -> ExitCode {
        guard let members = groups[group] else { preconditionFailure("no operator command group \(group)") }
        let valued = members.reduce(CommonOptions.valued) { $0.union($1.command.valuedOptions) }
        // A command line that cannot even be split still gets a hint at the right command's help.
        if let member = members.first(where: { !$0.word.isEmpty && words.contains($0.word) }) {
            context.command = member.command.path
        }
        var arguments = try OperatorArguments(words, valued: valued)
        let type: any OperatorSubcommand.Type
        if members.count == 1 && members[0].word.isEmpty {
            type = members[0].command
        } else {
            let help = groupHelp[group] ?? ""
            guard let word = arguments.subcommand() else {
                Console.out(help)
                return arguments.wantsHelp ? .success : .usage
            }
            guard let member = members.first(where: { $0.word == word }) else {
                if arguments.wantsHelp {
                    Console.out(help)
                    return .success
                }
                throw .usage("unknown \(group) command '\(TextFormat.printable(word))'")
            }
            type = member.command
        }
        context.command = type.path
        if arguments.wantsHelp {
            Console.out(type.help)
            return .success
        }

        let options = try CommonOptions(&arguments)
        context.controlAddress = options.address.description
        context.timeoutSeconds = options.timeoutSeconds
        let command = try type.init(&arguments)
        let output = try ControlSession.run(options) { session async throws(OperatorError) in
            try await command.run(session)
        }
        switch options.output {
        case .table: Console.out(output.text)
        case .json: Console.out(output.json.rendered())
        }
        return .success
    }

    /// The help of `blockfence help GROUP [COMMAND]`.
    static func help(_ words: [String]) -> String {
        guard let group = words.first, let members = groups[group] else { return "" }
        if members.count == 1 && members[0].word.isEmpty { return members[0].command.help }
        let word = words.dropFirst().first
        return members.first { $0.word == word }?.command.help ?? groupHelp[group] ?? ""
    }

    /// The process starts with termination signals blocked, for the servers that wait for them
    /// on one thread. A client has nothing to finish cleanly, so Ctrl-C should end it at once:
    /// unblocked here, before the gRPC core and the concurrency pool start their threads, which
    /// inherit this thread's mask.
    private static func allowInterruption() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, number) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
