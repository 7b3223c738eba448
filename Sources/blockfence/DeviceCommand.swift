import BlockfenceBase
import ControlAPI
import Glibc
import NBDKernel
import OperatorCLI
import RPC

/// `blockfence device attach|detach|list`: a volume as a Linux block device through the kernel's
/// NBD client, kept pointed at the volume's current primary.
enum DeviceCommand {
    static let help = """
        Usage: blockfence device attach VOLUME [--device /dev/nbdN] [options]
               blockfence device detach /dev/nbdN
               blockfence device list [--all]

        Turns a volume into a block device on this Linux host through the kernel's NBD client
        (the nbd module, driven over netlink). Needs root and the nbd module: 'modprobe nbd'.

        attach  Asks the control core where VOLUME is served, connects a free NBD device (or
                --device) to its primary, prints the device path, and stays in the foreground.
                When the primary moves or dies, the kernel holds the device's I/O while this
                command finds the new primary and hands the kernel a connection to it, so a
                mounted filesystem sees a pause, not an error. Ctrl-C or SIGTERM disconnects the
                device and ends the command; unmount first.
        detach  Disconnects a device (for one whose attach command is gone). I/O still waiting
                on the device fails.
        list    The connected NBD devices; --all lists the free ones too.

        Options of attach:
          --device /dev/nbdN   The device to use (default: any free one).
          --control ADDR       The control core: host:port or unix:/path (default 127.0.0.1:7400,
                               or BLOCKFENCE_CONTROL).
          --nbd-host HOST      Connect to HOST instead of the host in the volume's NBD address,
                               for a machine that reaches the storage nodes through another
                               address (a virtual machine behind NAT).
          --dead-timeout SECONDS
                               How long the kernel holds I/O while no primary is reachable
                               (default 120). After it, waiting I/O fails until one returns.
          --io-timeout SECONDS How long one request may wait before its connection is taken for
                               dead and the request is sent again on the next one (default 10).
          --timeout SECONDS    Bound on each question to the control core (default 10).
          --log-level LEVEL    trace, debug, info, warning or error (default info).
          -h, --help           Show this help.

        Exit status: 0 done (attach: stopped by a signal, device disconnected); 1 the command
        failed on this machine (not root, no nbd module, the device in use); 2 usage error;
        3 no such volume; 5 the control core is unreachable. See docs/cli.md.

        Examples:
          blockfence device attach pg-data
          mkfs.ext4 /dev/nbd0 && mount /dev/nbd0 /mnt
          blockfence device list
        """

    /// Runs `blockfence device WORDS…` and returns the exit code.
    static func run(_ words: [String]) -> Int32 {
        var context = ReportContext(
            command: "device", controlAddress: ControlDefaults.address.description,
            addressVariable: ControlDefaults.environmentVariable, timeoutSeconds: ControlDefaults.timeoutSeconds)
        do throws(OperatorError) {
            var arguments = try OperatorArguments(
                words,
                valued: CommonOptions.valued.union(LoggingOptions.valued).union([
                    "--device", "--nbd-host", "--dead-timeout", "--io-timeout",
                ]))
            let subcommand = arguments.subcommand()
            if arguments.wantsHelp || subcommand == "help" {
                Console.out(help)
                return 0
            }
            switch subcommand {
            case "attach": return try attach(&arguments, context: &context)
            case "detach": return try detach(&arguments)
            case "list": return try list(&arguments)
            case nil: throw OperatorError.usage("a subcommand is missing: attach, detach or list")
            case let other?: throw OperatorError.usage("unknown subcommand 'device \(TextFormat.printable(other))'")
            }
        } catch {
            let report = error.report(context)
            Console.error((["blockfence: " + report.message] + report.hints).joined(separator: "\n"))
            return report.exitCode.rawValue
        }
    }

    private static func attach(
        _ arguments: inout OperatorArguments, context: inout ReportContext
    ) throws(OperatorError) -> Int32 {
        let common = try CommonOptions(&arguments)
        // Failures name the control core this command dialed, not the default one.
        context.controlAddress = common.address.description
        context.timeoutSeconds = common.timeoutSeconds
        let level = try logLevel(&arguments)
        let device = try arguments.value("--device").map { (path) throws(OperatorError) in try deviceIndex(path) }
        let host = try arguments.value("--nbd-host")
        var options = NBDAttachOptions()
        if let text = try arguments.value("--dead-timeout") {
            options.deadConnectionTimeoutSeconds = try seconds(text, option: "--dead-timeout")
        }
        if let text = try arguments.value("--io-timeout") {
            options.requestTimeoutSeconds = try seconds(text, option: "--io-timeout")
        }
        let volume = try arguments.operands(["VOLUME"])[0]
        try requireRoot("attach")
        // A volume that does not exist, or a control core out of reach, fails the command at
        // once with the operator commands' exit codes; later lookups are retried instead.
        _ = try lookUp(volume, common: common)
        let logger = Logger(scope: "device", level: level).with(["volume": volume])
        let supervisor = NBDDeviceSupervisor(options: options, logger: logger) {
            try resolve(volume, common: common, host: host)
        }
        let path: String
        do {
            path = try supervisor.attach(deviceIndex: device)
        } catch {
            throw .local("cannot attach volume '\(volume)': \(error)")
        }
        Console.out(path)
        do {
            try startThread(name: "device-signals") {
                let signal = TerminationSignals.wait()
                logger.info("Stopping on a signal.", ["signal": TerminationSignals.name(signal)])
                supervisor.stop()
            }
        } catch {
            try? supervisor.detach()
            throw .local("cannot start the signal thread: \(error)")
        }
        supervisor.supervise()
        do {
            try supervisor.detach()
        } catch {
            throw .local("cannot detach \(path): \(error)")
        }
        return 0
    }

    private static func detach(_ arguments: inout OperatorArguments) throws(OperatorError) -> Int32 {
        let path = try arguments.operands(["DEVICE"])[0]
        _ = try deviceIndex(path)
        try requireRoot("detach")
        do {
            try NBDDevices.disconnect(path)
        } catch {
            throw .local("cannot detach \(path): \(error)")
        }
        Console.out("detached \(path)")
        return 0
    }

    private static func list(_ arguments: inout OperatorArguments) throws(OperatorError) -> Int32 {
        let all = arguments.flag("--all")
        _ = try arguments.operands([])
        let devices: [NBDDeviceStatus]
        do {
            devices = try NBDDevices.status()
        } catch {
            throw .local("cannot list NBD devices: \(error)")
        }
        let shown = all ? devices : devices.filter(\.connected)
        guard !shown.isEmpty else {
            Console.out(all ? "no NBD devices" : "no NBD device is connected")
            return 0
        }
        let width = shown.map(\.path.count).max() ?? 0
        var lines = ["DEVICE".padding(toLength: width, withPad: " ", startingAt: 0) + "  STATE"]
        for device in shown {
            lines.append(
                device.path.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + (device.connected ? "connected" : "free"))
        }
        Console.out(lines.joined(separator: "\n"))
        return 0
    }

    /// Where `volume` is served now, from the control core; thrown while no primary serves it.
    /// The volume as the control core describes it now.
    private static func lookUp(
        _ volume: String, common: CommonOptions
    ) throws(OperatorError)
        -> Blockfence_Control_V1_Volume
    {
        try ControlSession.run(common) { session async throws(OperatorError) in
            var request = Blockfence_Control_V1_GetVolumeRequest()
            request.volume = volume
            let action = "read volume '\(volume)'"
            let response = try await session.call(action) { client, options async throws(RPCError) in
                try await client.getVolume(request, options: options)
            }
            guard let found = response.volume else { throw .incompleteResponse(action: action, missing: "volume") }
            return found
        }
    }

    /// Where `volume` is served now; thrown while no primary serves it or the control core is
    /// out of reach, which the supervisor retries.
    private static func resolve(
        _ volume: String, common: CommonOptions, host: String?
    ) throws(NBDKernelError)
        -> NBDTarget
    {
        let found: Blockfence_Control_V1_Volume
        do {
            found = try lookUp(volume, common: common)
        } catch {
            let context = ReportContext(
                command: "device attach", controlAddress: common.address.description,
                addressVariable: ControlDefaults.environmentVariable, timeoutSeconds: common.timeoutSeconds)
            throw .targetUnavailable(error.report(context).message)
        }
        guard !found.nbdURI.isEmpty else {
            throw .targetUnavailable("no primary serves volume '\(volume)' at the moment")
        }
        do {
            return try NBDTarget.parse(uri: found.nbdURI).reached(through: host)
        } catch {
            throw .targetUnavailable("the control core gave an unusable address: \(error)")
        }
    }

    private static func requireRoot(_ action: String) throws(OperatorError) {
        guard geteuid() == 0 else {
            throw .local("'device \(action)' needs root: only root may connect and disconnect NBD devices")
        }
    }

    private static func deviceIndex(_ path: String) throws(OperatorError) -> UInt32 {
        do { return try NBDDevices.index(of: path) } catch { throw .usage(error.description) }
    }

    private static func seconds(_ text: String, option: String) throws(OperatorError) -> UInt64 {
        guard let value = UInt64(text), value > 0, value <= 86_400 else {
            throw .usage("\(option) must be a whole number of seconds from 1 to 86400; got '\(text)'")
        }
        return value
    }

    private static func logLevel(_ arguments: inout OperatorArguments) throws(OperatorError) -> LogLevel {
        let option = try arguments.value("--log-level")
        let text = option ?? Environment.value("BLOCKFENCE_LOG_LEVEL") ?? "info"
        guard let level = LogLevel(name: text) else {
            throw .usage("--log-level must be one of trace, debug, info, warning, error; got '\(text)'")
        }
        return level
    }
}
