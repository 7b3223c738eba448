import BlockfenceBase
import Glibc

// The Swift side of the interop suite, the conformance suite and the benchmark. Not shipped:
// it serves and calls `blockfence.test.Echo` and pipes conformance messages.

let usage = """
    Usage: rpc-interop-peer COMMAND [options]

      serve --listen ADDRESS [--listen ADDRESS] [--name NAME] [--max-receive-bytes N]
            [--max-concurrent-calls N] [--handler-threads N] [--grace-ms N] [--log-level LEVEL]
      call --target ADDRESS [--method echo|expand|missing|health] [--payload-bytes N] [--text T]
           [--delay-ms N] [--timeout-ms N] [--cancel-after-ms N] [--responses N] [--failure-code N]
           [--failure-message T] [--metadata KEY=VALUE] [--metadata-key KEY] [--repeat N]
           [--concurrency N] [--interval-ms N] [--wait-for-ready] [--max-receive-bytes N]
      bench --target ADDRESS [--seconds N] [--concurrency N] [--payload-bytes N]
      codec-roundtrip              AllFieldKinds records in, re-encoded records out
      codec-random [--count N] [--seed N] [--canonical-nan] [--single-entry-maps]
    """

// Before any thread starts, so that `serve` can wait for SIGTERM on this thread.
TerminationSignals.block()
let words = CommandLine.arguments.dropFirst()
var status: Int32 = 2
do {
    let options = try PeerOptions(words.dropFirst())
    switch words.first {
    case "serve": status = try ServeCommand.run(options)
    case "call": status = try await CallCommand.run(options)
    case "bench": status = try await BenchCommand.run(options)
    case "codec-roundtrip": status = CodecCommands.roundTrip()
    case "codec-random": status = try CodecCommands.random(options)
    default: Console.error(usage)
    }
} catch let error as PeerUsageError {
    Console.error("rpc-interop-peer: \(error)\n\(usage)")
    status = 2
} catch {
    Console.error("rpc-interop-peer: \(error)")
    status = 1
}
exit(status)
