import BlockfenceBase
import ControlAPI
import Glibc
import RPC

/// `blockfence up`: a whole cluster on this machine in one command, for trying the product.
enum UpCommand {
    static let help = """
        Usage: blockfence up [--data-dir DIR] [--port PORT] [--control-port PORT] [--log-level LEVEL]

        Starts blockfence on this machine, on loopback only: the control core and three storage
        servers (n1, n2, n3) as separate processes, restarted if they die, and a volume named
        'demo' (1 GiB, two replicas, sparse: it takes disk space only as it is written). Prints
        the control address and where the demo volume is served, then runs until Ctrl-C or
        SIGTERM and stops everything cleanly. Data stays in the data directory and is served again
        by the next 'blockfence up'.

        From a second terminal, 'blockfence status' and 'blockfence volume list' work with no
        flags: they use the same control address.

        Options:
          --data-dir DIR        Where the data and the logs live (default: $BLOCKFENCE_DATA_DIR,
                                else $XDG_DATA_HOME/blockfence, else ~/.local/share/blockfence).
          --port PORT           NBD port of n1; n2 and n3 use the next two (default 10809;
                                0 lets each server pick a free port).
          --control-port PORT   The control core's port (default 7400); replication uses the
                                three ports from PORT + 10.
          --log-level LEVEL     trace, debug, info, warning or error (default info).
          -h, --help            Show this help.
        """

    static let demoSizeBytes: UInt64 = 1 << 30
    static let nodeNames = ["n1", "n2", "n3"]

    static func run(_ words: [String]) throws -> Int32 {
        var arguments = try Arguments(
            words, valued: LoggingOptions.valued.union(["--data-dir", "--port", "--control-port"]))
        if arguments.wantsHelp {
            Console.out(help)
            return 0
        }
        let (level, logLevel) = try LoggingOptions.level(&arguments)
        let logger = Logger(scope: "up", level: level)
        let dataDirectory = try arguments.directory("--data-dir") ?? defaultDataDirectory()
        let nbdPort = try port(arguments.value("--port") ?? "10809", option: "--port", span: 3, allowZero: true)
        let controlPort = try port(
            arguments.value("--control-port") ?? String(ControlDefaults.port), option: "--control-port", span: 1)
        try arguments.finish()

        try makeDirectories(dataDirectory + "/logs")
        let lock = try lockDataDirectory(dataDirectory)
        defer { close(lock) }
        var ports = [controlPort] + (0..<3).map { controlPort + 10 + $0 }
        if nbdPort != 0 { ports += (0..<3).map { nbdPort + $0 } }
        for candidate in ports where !portIsFree(candidate) {
            throw RuntimeError(
                "port \(candidate) on 127.0.0.1 is in use; choose others with --port and --control-port")
        }
        let controlAddress = "127.0.0.1:\(controlPort)"
        setenv("BLOCKFENCE_SUPERVISOR_PID", String(getpid()), 1)
        let supervisor = ProcessSupervisor(executable: selfExecutable(), logger: logger)
        let children = plan(dataDirectory: dataDirectory, controlPort: controlPort, nbdPort: nbdPort, level: logLevel)
        do {
            for child in children { try supervisor.start(child) }
        } catch {
            supervisor.stop(order: children.map(\.name).reversed())
            throw RuntimeError("cannot start the cluster: \(error)")
        }

        let demo: Blockfence_Control_V1_Volume
        do {
            demo = try waitForDemo(controlAddress: controlAddress, logger: logger)
        } catch {
            supervisor.stop(order: children.map(\.name).reversed())
            throw RuntimeError("\(error); the logs are in \(dataDirectory)/logs")
        }
        let pids = nodeNames.map { "\($0)=\(supervisor.pid(of: $0).map(String.init) ?? "?")" }.joined(separator: " ")
        let primary = demo.assignment?.primaryNode ?? "n1"
        let primaryPID = supervisor.pid(of: primary).map(String.init) ?? "PID"
        // The CLI finds the control core by itself only at the default address.
        let cli =
            controlPort == ControlDefaults.port
            ? "blockfence" : "\(ControlDefaults.environmentVariable)=\(controlAddress) blockfence"
        Console.out(
            """
            blockfence is up.

              control   \(controlAddress)   (data and logs in \(dataDirectory))
              servers   n1, n2, n3\(nbdPort == 0 ? "" : " on NBD ports \(nbdPort)-\(nbdPort + 2)")   (pids \(pids))
              volume    demo, \(ByteSize.format(demo.sizeBytes)), \(demo.replicaCount) replicas, \
            served at \(demo.nbdURI)

            Try it from another terminal:
              \(cli) status
              \(cli) volume inspect demo
              nbdinfo \(demo.nbdURI)
              qemu-io -f raw -c 'write -P 0xab 0 1M' -c 'read -P 0xab 0 1M' \(demo.nbdURI)
              \(cli) failover demo        (a planned move of the primary; inspect again to see it)
              kill -9 \(primaryPID)        (the primary, \(primary): the volume fails over and \(primary) is restarted)

            Stop with Ctrl-C.
            """)
        let signal = TerminationSignals.wait()
        logger.info("Stopping.", ["signal": TerminationSignals.name(signal)])
        supervisor.stop(order: nodeNames + ["control"])
        Console.out("blockfence stopped; data kept in \(dataDirectory).")
        return 0
    }

    /// The processes of the local cluster.
    static func plan(
        dataDirectory: String, controlPort: UInt16, nbdPort: UInt16, level: String
    )
        -> [ProcessSupervisor.Child]
    {
        let controlAddress = "127.0.0.1:\(controlPort)"
        let control = ProcessSupervisor.Child(
            name: "control",
            arguments: [
                "control", "--listen", controlAddress, "--listen", "unix:\(dataDirectory)/control.sock", "--data-dir",
                dataDirectory, "--log-level", level,
            ],
            logPath: dataDirectory + "/logs/control.log")
        let servers = nodeNames.enumerated().map { index, name in
            ProcessSupervisor.Child(
                name: name,
                arguments: [
                    "server", "--name", name, "--data-dir", "\(dataDirectory)/nodes/\(name)", "--listen",
                    "127.0.0.1:\(nbdPort == 0 ? 0 : Int(nbdPort) + index)", "--replication-listen",
                    "127.0.0.1:\(Int(controlPort) + 10 + index)",
                    "--control", controlAddress, "--log-level", level,
                ],
                logPath: dataDirectory + "/logs/\(name).log")
        }
        return [control] + servers
    }

    /// Creates the demo volume if it does not exist and waits until a primary serves it.
    static func waitForDemo(controlAddress: String, logger: Logger) throws -> Blockfence_Control_V1_Volume {
        try runBlocking { await createDemo(controlAddress: controlAddress, logger: logger) }.get()
    }

    private static func createDemo(
        controlAddress: String, logger: Logger
    ) async -> Result<
        Blockfence_Control_V1_Volume, RuntimeError
    > {
        let client: Blockfence_Control_V1_ControlClient
        do {
            client = Blockfence_Control_V1_ControlClient(channel: try RPCChannel(target: .parse(controlAddress)))
        } catch {
            return .failure(RuntimeError("cannot reach the control core at \(controlAddress): \(error)"))
        }
        let deadline = ContinuousClock.now + .seconds(60)
        var lastProblem = "the control core did not answer"
        while ContinuousClock.now < deadline {
            do {
                let nodes = try await client.listNodes(
                    Blockfence_Control_V1_ListNodesRequest(), options: CallOptions(timeout: .seconds(2)))
                let alive = nodes.nodes.filter(\.alive).count
                guard alive >= 2 else {
                    lastProblem = "only \(alive) storage servers registered"
                    try await Task.sleep(for: .milliseconds(200))
                    continue
                }
                try await createIfMissing(client)
                var get = Blockfence_Control_V1_GetVolumeRequest()
                get.volume = "demo"
                let volume = try await client.getVolume(get, options: CallOptions(timeout: .seconds(2))).volume
                if let volume, !volume.nbdURI.isEmpty { return .success(volume) }
                lastProblem = "the demo volume has no serving primary yet"
            } catch {
                lastProblem = "\(error)"
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        logger.error("The cluster did not come up.", ["problem": lastProblem])
        return .failure(RuntimeError("the cluster did not come up within a minute: \(lastProblem)"))
    }

    /// Creates the demo volume; an older demo volume with other settings is used as it is.
    private static func createIfMissing(_ client: Blockfence_Control_V1_ControlClient) async throws(RPCError) {
        var create = Blockfence_Control_V1_CreateVolumeRequest()
        create.name = "demo"
        create.sizeBytes = demoSizeBytes
        create.replicaCount = 2
        let outcome: Result<Blockfence_Control_V1_CreateVolumeResponse, RPCError>
        do {
            outcome = .success(try await client.createVolume(create, options: CallOptions(timeout: .seconds(5))))
        } catch {
            outcome = .failure(error)
        }
        if case .failure(let error) = outcome, error.code != .alreadyExists { throw error }
    }

    static func port(_ text: String, option: String, span: Int, allowZero: Bool = false) throws(UsageError) -> UInt16 {
        guard let port = UInt16(text), port > 0 || allowZero, Int(port) + span - 1 <= 65_535 else {
            throw UsageError("\(option) must be a port number between 1 and \(65_536 - span)")
        }
        return port
    }

    /// Whether nothing listens on `port` of 127.0.0.1, checked by binding it for a moment.
    static func portIsFree(_ port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return true }
        defer { close(descriptor) }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// One `up` per data directory: a second one fails at once instead of fighting the first.
    static func lockDataDirectory(_ path: String) throws(RuntimeError) -> Int32 {
        let descriptor = open(path + "/up.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RuntimeError(
                "cannot use the data directory \(path): \(SystemError.last("open", subject: path + "/up.lock"))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw RuntimeError("another 'blockfence up' is running on \(path); stop it first or choose --data-dir")
        }
        return descriptor
    }

    /// The path of this very executable, so children run the same build.
    static func selfExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func defaultDataDirectory() -> String {
        if let directory = Environment.value("BLOCKFENCE_DATA_DIR") { return directory }
        // The XDG base directory specification says to ignore a relative XDG_DATA_HOME.
        if let directory = Environment.value("XDG_DATA_HOME"), directory.hasPrefix("/") {
            return directory + "/blockfence"
        }
        return (Environment.value("HOME") ?? ".") + "/.local/share/blockfence"
    }

    /// mkdir -p.
    static func makeDirectories(_ path: String) throws(RuntimeError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw RuntimeError("cannot create directory \(current): \(SystemError.last("mkdir"))")
            }
        }
    }
}
