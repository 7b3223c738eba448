import BlockfenceBase
import RPC
import RPCTestServices

/// `serve`: hosts the echo service until SIGTERM, SIGINT or SIGHUP, then shuts down gracefully.
/// Prints `listening ADDRESS` for each bound address and then `ready`, for the suite to read.
enum ServeCommand {
    static func run(_ options: PeerOptions) throws -> Int32 {
        let addresses = try options.strings("--listen").map { text throws(PeerUsageError) -> ListenAddress in
            do { return try ListenAddress.parse(text) } catch { throw PeerUsageError("--listen: \(error)") }
        }
        let configuration = RPCServerConfiguration(
            maximumReceiveMessageBytes: try options.integer("--max-receive-bytes", default: 4 << 20),
            maximumConcurrentCalls: try options.integer("--max-concurrent-calls", default: 128),
            handlerThreads: try options.integer("--handler-threads", default: 4))
        let level = LogLevel(name: options.string("--log-level", default: "info")) ?? .info
        let logger = Logger(scope: "rpc", level: level)
        let server = try RPCServer(
            services: [EchoService(serverName: options.string("--name", default: "swift"))],
            configuration: configuration, logger: logger)
        for address in try server.start(listeningOn: addresses) { Console.out("listening \(address)") }
        Console.out("ready")
        let signal = server.serveUntilTerminationSignal(
            gracePeriod: .milliseconds(try options.integer("--grace-ms", default: 10_000)))
        Console.out("stopped signal=\(TerminationSignals.name(signal))")
        return 0
    }
}
