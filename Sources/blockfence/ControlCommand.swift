import BlockfenceBase
import ControlCore
import Glibc

/// `blockfence control`: the control core, the only authority over volumes, replicas and epochs.
enum ControlCommand {
    static let help = """
        Usage: blockfence control [--listen ADDR]... [--data-dir DIR] [--lease-ms N]
                                  [--heartbeat-interval-ms N] [--lease-margin-ms N] [--log-level LEVEL]

        Runs the control core: it keeps volumes, nodes, replicas and assignments in SQLite,
        grants leases to storage servers, fails primaries over when their lease has certainly
        ended, and serves the Control and StorageNodes gRPC services (and grpc.health.v1).

        Options:
          --listen ADDR             host:port, [ipv6]:port or unix:/path. Repeat to listen on
                                    several. Default: 127.0.0.1:7400 and unix:DIR/control.sock.
          --data-dir DIR            Where the state lives, in DIR/control/state.sqlite (default:
                                    $BLOCKFENCE_DATA_DIR, else $XDG_DATA_HOME/blockfence, else
                                    ~/.local/share/blockfence). One control core per directory.
          --lease-ms N              How long a lease granted to a storage server lasts (default 3000).
          --heartbeat-interval-ms N How often storage servers should heartbeat (default 500).
          --lease-margin-ms N       Added to a lease before it counts as certainly over, for clock
                                    drift (default 1000). No failover happens before it.
          --log-level LEVEL         trace, debug, info, warning or error (default info; or
                                    BLOCKFENCE_LOG_LEVEL).
          -h, --help                Show this help.

        Stops cleanly on Ctrl-C or SIGTERM. After any stop, even a crash, the next start hands out
        no epoch twice and fails nothing over before every earlier lease has certainly ended.
        """

    static func run(_ words: [String]) throws -> Int32 {
        var arguments = try Arguments(
            words,
            valued: LoggingOptions.valued.union([
                "--listen", "--data-dir", "--lease-ms", "--heartbeat-interval-ms", "--lease-margin-ms",
            ]))
        if arguments.wantsHelp {
            Console.out(help)
            return 0
        }
        let logger = try LoggingOptions.logger(&arguments, scope: "control")
        let dataDirectory = try arguments.directory("--data-dir") ?? UpCommand.defaultDataDirectory()
        var listens = try arguments.values("--listen").map { text throws(UsageError) in
            do { return try ListenAddress.parse(text) } catch { throw UsageError("--listen: \(error)") }
        }
        if listens.isEmpty {
            listens = [ControlDefaults.address, .unix(path: dataDirectory + "/control.sock")]
        }
        var configuration = ControlConfiguration(version: version)
        configuration.leaseMilliseconds = try milliseconds(&arguments, "--lease-ms") ?? 3_000
        configuration.heartbeatIntervalMilliseconds = try milliseconds(&arguments, "--heartbeat-interval-ms") ?? 500
        configuration.leaseMarginMilliseconds = try milliseconds(&arguments, "--lease-margin-ms") ?? 1_000
        try arguments.finish()
        if let problem = configuration.problem { throw UsageError(problem) }

        let server: ControlServer
        do {
            server = try ControlServer(dataDirectory: dataDirectory, configuration: configuration, logger: logger)
            let bound = try server.start(listeningOn: listens)
            for address in bound { Console.out("listening \(address)") }
            Console.out("ready")
        } catch {
            throw RuntimeError(error.description)
        }
        let signal = TerminationSignals.wait()
        logger.info("Stopping.", ["signal": TerminationSignals.name(signal)])
        server.stop(gracePeriod: .seconds(5))
        return 0
    }

    private static func milliseconds(_ arguments: inout Arguments, _ name: String) throws(UsageError) -> UInt64? {
        guard let text = try arguments.value(name) else { return nil }
        guard let value = UInt64(text), value <= 3_600_000 else {
            throw UsageError("\(name) must be a whole number of milliseconds up to 3600000, not '\(text)'")
        }
        return value
    }
}
