import RPC

/// How an operator command ended, as its process exit status. Scripts branch on these, so the
/// numbers never change meaning.
public enum ExitCode: Int32, Sendable, CaseIterable {
    case success = 0
    case failed = 1
    case usage = 2
    case notFound = 3
    case conflict = 4
    case unreachable = 5

    /// One line per code, for the commands' help.
    public static let summary = """
        Exit status: 0 done; 1 the operation failed; 2 usage error (or values the control core
        refused); 3 not found; 4 conflict with the cluster's state; 5 control core unreachable.
        """
}

/// Why an operator command did not succeed. Every failure of `volume`, `node`, `failover` and
/// `status` becomes one of these, and `report` turns it into words and an exit code.
public enum OperatorError: Error, Equatable, Sendable {
    /// The command line is wrong; found before anything was sent.
    case usage(String)
    /// The control core ended a call with a status other than OK, or could not be reached.
    /// `action` says what the command was doing, in words that follow "cannot".
    case control(action: String, RPCError)
    /// The control core answered OK but left out something its answer must carry.
    case incompleteResponse(action: String, missing: String)
    /// Something on this machine failed before a call could be made.
    case local(String)
}

/// What an error report needs to know about the command that failed.
public struct ReportContext: Sendable {
    /// The command as typed, for the usage hint: `volume create`.
    public var command: String
    /// The control core's address, as the command dialed it.
    public var controlAddress: String
    /// The environment variable that sets the address when `--control` is not given.
    public var addressVariable: String
    public var timeoutSeconds: Double

    public init(command: String, controlAddress: String, addressVariable: String, timeoutSeconds: Double) {
        self.command = command
        self.controlAddress = controlAddress
        self.addressVariable = addressVariable
        self.timeoutSeconds = timeoutSeconds
    }
}

/// The words and exit code an error is reported with: the message goes after `blockfence: ` on
/// standard error, each hint on a line of its own after it.
public struct ErrorReport: Equatable, Sendable {
    public var exitCode: ExitCode
    public var message: String
    public var hints: [String]
}

extension OperatorError {
    /// The one place where operator failures become messages and exit codes.
    ///
    /// | condition | exit | what the operator should do |
    /// |---|---|---|
    /// | the command line is wrong (checked before any call) | 2 | fix it; `--help` shows the usage |
    /// | INVALID_ARGUMENT, OUT_OF_RANGE | 2 | fix the values; the control core explains what is wrong |
    /// | NOT_FOUND | 3 | check the name; `volume list` and `node list` show what exists |
    /// | ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED | 4 | the cluster's state forbids it now (say, an |
    /// |  |  | attached volume or a node out of sync); change that first, or force it |
    /// | UNAVAILABLE | 5 | start the control core, or point `--control` / `BLOCKFENCE_CONTROL` at it |
    /// | DEADLINE_EXCEEDED | 5 | as UNAVAILABLE, or raise `--timeout`; a change may still have taken effect |
    /// | UNIMPLEMENTED | 1 | the control core is older than this command; upgrade it |
    /// | any other status: UNKNOWN, INTERNAL, PERMISSION_DENIED, UNAUTHENTICATED, | 1 | read the message; |
    /// | RESOURCE_EXHAUSTED, CANCELLED, DATA_LOSS |  | retry later or look at the control core's log |
    /// | an answer without what it must carry | 1 | the control core and this command disagree on the |
    /// |  |  | API; upgrade one |
    /// | a failure on this machine before any call | 1 | read the message |
    public func report(_ context: ReportContext) -> ErrorReport {
        switch self {
        case .usage(let message):
            return ErrorReport(
                exitCode: .usage, message: message,
                hints: ["Run 'blockfence \(context.command) --help' for usage."])
        case .control(let action, let error):
            return Self.report(error, action: action, context)
        case .incompleteResponse(let action, let missing):
            return ErrorReport(
                exitCode: .failed,
                message: "cannot \(action): the control core's answer has no \(missing)",
                hints: ["The control core and this blockfence may be different versions."])
        case .local(let message):
            return ErrorReport(exitCode: .failed, message: message, hints: [])
        }
    }

    private static func report(_ error: RPCError, action: String, _ context: ReportContext) -> ErrorReport {
        let detail = TextFormat.printable(error.message.isEmpty ? "no details" : error.message)
        let refused = "cannot \(action): \(detail) (\(error.code))"
        let reachHint = "Is blockfence control running? Set --control or \(context.addressVariable)."
        switch error.code {
        case .invalidArgument, .outOfRange:
            return ErrorReport(exitCode: .usage, message: refused, hints: [])
        case .notFound:
            return ErrorReport(
                exitCode: .notFound, message: refused,
                hints: ["'blockfence volume list' and 'blockfence node list' show what exists."])
        case .alreadyExists, .failedPrecondition, .aborted:
            return ErrorReport(exitCode: .conflict, message: refused, hints: [])
        case .unavailable:
            return ErrorReport(
                exitCode: .unreachable,
                message: "cannot reach the control core at \(context.controlAddress) to \(action): \(detail)",
                hints: [reachHint])
        case .deadlineExceeded:
            let seconds = TextFormat.seconds(context.timeoutSeconds)
            return ErrorReport(
                exitCode: .unreachable,
                message: "the control core at \(context.controlAddress) did not answer within \(seconds) (\(action))",
                hints: [
                    reachHint,
                    "A slow answer may still come: raise --timeout. A change that was asked for may have taken effect.",
                ])
        case .unimplemented:
            return ErrorReport(
                exitCode: .failed,
                message:
                    "cannot \(action): the control core at \(context.controlAddress) does not offer it (UNIMPLEMENTED)",
                hints: ["The control core may be older than this blockfence."])
        case .ok, .cancelled, .unknown, .permissionDenied, .resourceExhausted, .internal, .dataLoss,
            .unauthenticated:
            return ErrorReport(exitCode: .failed, message: refused, hints: [])
        }
    }
}
