import RPC
import Testing

@testable import OperatorCLI

struct OperatorErrorTests {
    let context = ReportContext(
        command: "volume create", controlAddress: "127.0.0.1:7400", addressVariable: "BLOCKFENCE_CONTROL",
        timeoutSeconds: 10)

    static let exitCodes: [(StatusCode, ExitCode)] = [
        (.invalidArgument, .usage), (.outOfRange, .usage),
        (.notFound, .notFound),
        (.alreadyExists, .conflict), (.failedPrecondition, .conflict), (.aborted, .conflict),
        (.unavailable, .unreachable), (.deadlineExceeded, .unreachable),
        (.unimplemented, .failed), (.unknown, .failed), (.internal, .failed), (.permissionDenied, .failed),
        (.unauthenticated, .failed), (.resourceExhausted, .failed), (.cancelled, .failed), (.dataLoss, .failed),
        (.ok, .failed),
    ]

    @Test("Every status code has its documented exit code", arguments: exitCodes)
    func exitCode(code: StatusCode, exit: ExitCode) {
        let report = OperatorError.control(action: "create volume 'a'", RPCError(code, "why")).report(context)
        #expect(report.exitCode == exit)
    }

    @Test("The table covers every status code")
    func everyCodeListed() {
        #expect(Set(Self.exitCodes.map(\.0)) == Set(StatusCode.allCases))
    }

    @Test("Refusals carry the action, the control core's message and the code's name")
    func refusalMessage() {
        let error = OperatorError.control(action: "create volume 'a'", RPCError(.alreadyExists, "size differs"))
        #expect(error.report(context).message == "cannot create volume 'a': size differs (ALREADY_EXISTS)")
        #expect(error.report(context).hints.isEmpty)
        let empty = OperatorError.control(action: "list volumes", RPCError(.internal, ""))
        #expect(empty.report(context).message == "cannot list volumes: no details (INTERNAL)")
    }

    @Test("An unreachable control core is named with its address and a hint on how to point at it")
    func unreachable() {
        let report = OperatorError.control(action: "list volumes", RPCError(.unavailable, "connection refused"))
            .report(context)
        #expect(report.message == "cannot reach the control core at 127.0.0.1:7400 to list volumes: connection refused")
        #expect(report.hints == ["Is blockfence control running? Set --control or BLOCKFENCE_CONTROL."])
    }

    @Test("A deadline names the timeout and warns that a change may have happened")
    func deadline() {
        var context = self.context
        context.timeoutSeconds = 0.5
        let report = OperatorError.control(action: "delete volume 'a'", RPCError(.deadlineExceeded, "")).report(context)
        #expect(report.message == "the control core at 127.0.0.1:7400 did not answer within 0.5 s (delete volume 'a')")
        #expect(report.hints.count == 2)
        #expect(report.hints[1].contains("raise --timeout"))
    }

    @Test("Usage errors point at the command's help")
    func usage() {
        let report = OperatorError.usage("--size is required").report(context)
        #expect(
            report
                == ErrorReport(
                    exitCode: .usage, message: "--size is required",
                    hints: ["Run 'blockfence volume create --help' for usage."]))
    }

    @Test("A message from the control core cannot carry control characters to the terminal")
    func sanitizedMessage() {
        let error = OperatorError.control(action: "list volumes", RPCError(.internal, "bad\n\u{1B}[31mred"))
        #expect(error.report(context).message == "cannot list volumes: bad??[31mred (INTERNAL)")
    }

    @Test("Incomplete answers and local failures exit 1")
    func otherFailures() {
        let incomplete = OperatorError.incompleteResponse(action: "inspect volume 'a'", missing: "volume").report(
            context)
        #expect(incomplete.exitCode == .failed)
        #expect(incomplete.message == "cannot inspect volume 'a': the control core's answer has no volume")
        #expect(OperatorError.local("no memory").report(context).exitCode == .failed)
    }

    @Test("Exit codes keep their numbers")
    func numbers() {
        #expect(ExitCode.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 5])
    }
}
