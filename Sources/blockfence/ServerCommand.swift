import BlockfenceBase
import Glibc
import NBDServer

/// `blockfence server`: one storage node of a cluster.
enum ServerCommand {
    static let help = """
        Usage: blockfence server --name NODE [--data-dir DIR] [--listen ADDR] [--replication-listen ADDR]
                                 [--control ADDR] [options]

        Runs one storage node. It registers with the control core, keeps a lease with heartbeats,
        stores replicas of the volumes placed on it, serves NBD for the volumes it is primary of,
        and replicates their writes to the other members. A primary whose lease or epoch is no
        longer current completes no request.

        Options:
          --name NODE               The node's name in the cluster: stable across restarts, unique.
          --data-dir DIR            Where replicas live (default: <blockfence data dir>/nodes/NODE, where
                                    the data dir is $BLOCKFENCE_DATA_DIR, $XDG_DATA_HOME/blockfence or
                                    ~/.local/share/blockfence).
          --listen ADDR             NBD address for clients (default 127.0.0.1:10809).
          --replication-listen ADDR Address other nodes replicate to (default 127.0.0.1:7410).
          --control ADDR            The control core (default $BLOCKFENCE_CONTROL, else 127.0.0.1:7400).
          --advertise ADDR          NBD address announced to clients, when it differs from --listen.
          --advertise-replication ADDR
                                    Replication address announced to peers.
          --ack-timeout-ms N        A member silent this long on a write is reported failed (default 3000).
          --log-level LEVEL         trace, debug, info, warning or error (default info).
          -h, --help                Show this help.

        Stops cleanly on Ctrl-C or SIGTERM.
        """

    static let valued: Set<String> = LoggingOptions.valued.union([
        "--name", "--data-dir", "--listen", "--replication-listen", "--control", "--advertise",
        "--advertise-replication", "--ack-timeout-ms",
    ])

    static func run(_ words: [String]) throws -> Int32 {
        var arguments = try Arguments(words, valued: valued)
        if arguments.wantsHelp {
            Console.out(help)
            return 0
        }
        let logger = try LoggingOptions.logger(&arguments, scope: "server")
        guard let name = try arguments.value("--name") else { throw UsageError("--name is required") }
        guard NodeNames.isValid(name) else { throw UsageError(NodeNames.rule) }
        let dataDirectory = try arguments.directory("--data-dir") ?? UpCommand.defaultDataDirectory() + "/nodes/" + name
        let listen = try address(arguments.value("--listen") ?? "127.0.0.1:10809", option: "--listen")
        let replication = try address(
            arguments.value("--replication-listen") ?? "127.0.0.1:7410", option: "--replication-listen")
        let control = try address(
            arguments.value("--control") ?? Environment.value(ControlDefaults.environmentVariable)
                ?? ControlDefaults.address.description,
            option: "--control")
        let advertise = try arguments.value("--advertise")
        let advertiseReplication = try arguments.value("--advertise-replication")
        let acknowledgementTimeout = try arguments.value("--ack-timeout-ms").map { text throws(UsageError) in
            guard let value = UInt64(text), value >= 100, value <= 600_000 else {
                throw UsageError("--ack-timeout-ms must be between 100 and 600000")
            }
            return value
        }
        try arguments.finish()

        try UpCommand.makeDirectories(dataDirectory)
        var configuration = StorageNodeConfiguration(
            nodeName: name, dataDirectory: dataDirectory, nbdListen: listen, replicationListen: replication,
            controlAddress: control)
        configuration.nbdAdvertise = advertise
        configuration.replicationAdvertise = advertiseReplication
        if let acknowledgementTimeout { configuration.acknowledgementTimeoutMilliseconds = acknowledgementTimeout }
        let agent: StorageNodeAgent
        do {
            agent = try StorageNodeAgent(configuration: configuration, logger: logger)
            try agent.start()
        } catch {
            throw RuntimeError("cannot start the storage server: \(error)")
        }
        logger.info(
            "Storage server running.",
            ["node": name, "nbd": listen, "replication": replication, "control": control, "data": dataDirectory])
        let signal = TerminationSignals.wait()
        logger.info("Stopping.", ["signal": TerminationSignals.name(signal)])
        agent.stop()
        logger.info("Stopped.")
        return 0
    }

    static func address(_ text: String, option: String) throws(UsageError) -> ListenAddress {
        do { return try ListenAddress.parse(text) } catch { throw UsageError("\(option): \(error)") }
    }
}

/// Node and volume names: lower-case letters, digits, '-', '.', '_', starting with a letter or
/// digit, at most 128 bytes — names that are safe in paths, URIs and Kubernetes objects.
enum NodeNames {
    static let rule =
        "names use lower-case letters, digits, '-', '.' and '_', start with a letter or digit, "
        + "and have at most 128 characters"

    static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 128 else { return false }
        let allowed = { (byte: UInt8) -> Bool in
            (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2d || byte == 0x2e
                || byte == 0x5f
        }
        let leading = (first >= 0x61 && first <= 0x7a) || (first >= 0x30 && first <= 0x39)
        return leading && name.utf8.allSatisfy(allowed)
    }
}
