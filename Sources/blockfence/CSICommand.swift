import BlockfenceBase
import CSIPlugin
import Glibc
import NBDKernel
import RPC

/// `blockfence csi`: the CSI plugin the kubelet and the CSI sidecars talk to.
enum CSICommand {
    static let defaultDriverName = "blockfence.csi.io"
    static let defaultStateDirectory = "/var/lib/blockfence/csi"

    static let help = """
        Usage: blockfence csi --endpoint unix:///PATH [--node-id ID] [--mode controller|node|all]
                              [--control ADDR] [--driver-name NAME] [--state-dir DIR] [--nbd-host HOST]
                              [--log-level LEVEL]

        Serves the Container Storage Interface on a Unix socket: Identity always, Controller
        (provisioning through the control core) and Node (attaching /dev/nbdN through the
        kernel's NBD netlink interface, formatting, mounting) as --mode says. The node side keeps
        every device it staged pointed at its volume's current primary while it runs. See
        docs/csi.md for the Kubernetes side.

        Options:
          --endpoint unix:///PATH  The socket to serve on (required). A socket file left by a
                                   plugin that is gone is removed; one that is in use is an error.
                                   The file is removed again on a clean stop.
          --node-id ID             This node's name as the control core knows its storage server
                                   (required unless --mode controller). Reported by NodeGetInfo and used as the topology
                                   segment topology.blockfence.csi.io/node.
          --mode MODE              controller (a Deployment), node (a DaemonSet on every storage
                                   node) or all (both in one process). Default: all.
          --control ADDR           The control core: host:port or unix:/path (default:
                                   $\(ControlDefaults.environmentVariable), else \(ControlDefaults.address)).
          --driver-name NAME       The name GetPluginInfo reports; it must match the CSIDriver
                                   object and the StorageClass provisioner (default \(defaultDriverName)).
          --state-dir DIR          Where the node side records what it staged, so that a restarted
                                   plugin can undo it (default \(defaultStateDirectory)). Never
                                   inside a volume.
          --nbd-host HOST          Connect devices to HOST instead of the host in a volume's NBD
                                   address, for a node that reaches the storage servers through
                                   another address (a virtual machine behind NAT).
          --log-level LEVEL        trace, debug, info, warning or error (default info; or
                                   BLOCKFENCE_LOG_LEVEL).
          -h, --help               Show this help.

        Stops cleanly on SIGTERM or Ctrl-C: running calls get five seconds to finish.
        """

    static func run(_ words: [String]) throws -> Int32 {
        var arguments = try Arguments(
            words,
            valued: LoggingOptions.valued.union([
                "--endpoint", "--mode", "--node-id", "--control", "--driver-name", "--state-dir", "--nbd-host",
            ]))
        if arguments.wantsHelp {
            Console.out(help)
            return 0
        }
        let logger = try LoggingOptions.logger(&arguments, scope: "csi")
        guard let endpoint = try arguments.value("--endpoint") else { throw UsageError("--endpoint is required") }
        let socketPath: String
        do { socketPath = try PluginServer.socketPath(endpoint: endpoint) } catch { throw UsageError("\(error)") }
        let modeText = try arguments.value("--mode") ?? PluginMode.all.rawValue
        guard let mode = PluginMode(rawValue: modeText) else {
            throw UsageError("--mode must be controller, node or all; got '\(modeText)'")
        }
        // Only the node side has a node; a controller serves the whole cluster.
        let nodeID = try arguments.value("--node-id") ?? ""
        if mode != .controller && nodeID.isEmpty { throw UsageError("--node-id is required with --mode \(mode)") }
        let control = try controlAddress(&arguments)
        let driverName = try arguments.value("--driver-name") ?? defaultDriverName
        guard !driverName.isEmpty, driverName.count <= 63 else {
            throw UsageError("--driver-name must have 1 to 63 characters")
        }
        let stateDirectory = try arguments.directory("--state-dir") ?? defaultStateDirectory
        let nbdHost = try arguments.value("--nbd-host")
        try arguments.finish()

        let access: ControlAccess
        do {
            access = ControlAccess(channel: try RPCChannel(target: control))
        } catch {
            throw RuntimeError("cannot prepare a connection to the control core at \(control): \(error)")
        }
        var services: [any RPCService] = [
            IdentityService(driverName: driverName, version: version, control: access, servesController: mode != .node)
        ]
        if mode != .node { services.append(ControllerService(control: access)) }
        if mode != .controller {
            let records: StageRecords
            do { records = try StageRecords(stateDirectory: stateDirectory) } catch { throw RuntimeError("\(error)") }
            for (path, reason) in records.unreadable {
                logger.error(
                    "A stage record cannot be read; its volume is not known to this node.",
                    ["file": path, "reason": reason])
            }
            let locator = ControlPrimaryLocator(control: access)
            let attacher = KernelAttacher(logger: logger.with(["component": "nbd"])) { exportName in
                try resolvePrimary(exportName, locator: locator, host: nbdHost)
            }
            let node = NodeService(
                nodeID: nodeID, records: records, locator: locator, attacher: attacher, tools: LinuxFilesystemTools())
            // Devices staged before a restart are kept pointed at their primaries again before
            // the orchestrator's first call.
            runBlocking { await node.resumeStagedVolumes(logger: logger) }
            services.append(node)
        }
        let server: PluginServer
        do {
            server = try PluginServer(socketPath: socketPath, services: services, logger: logger)
            try server.start()
        } catch {
            throw RuntimeError("\(error)")
        }
        logger.info(
            "Serving CSI.",
            ["endpoint": socketPath, "mode": mode.rawValue, "node": nodeID, "driver": driverName, "control": control])
        Console.out("listening unix:\(socketPath)")
        Console.out("ready")
        let signal = TerminationSignals.wait()
        logger.info("Stopping.", ["signal": TerminationSignals.name(signal)])
        server.stop()
        return 0
    }

    /// Where an export is served now, asked from a supervising thread (never Swift's pool).
    private static func resolvePrimary(
        _ exportName: String, locator: ControlPrimaryLocator, host: String?
    ) throws(NBDKernelError) -> NBDKernel.NBDTarget {
        let found = runBlocking { () async -> Result<CSIPlugin.NBDTarget, CSIError> in
            do throws(CSIError) { return .success(try await locator.target(ofVolume: exportName)) } catch {
                return .failure(error)
            }
        }
        switch found {
        case .success(let target):
            return NBDKernel.NBDTarget(
                address: .tcp(host: target.host, port: target.port), exportName: target.exportName
            )
            .reached(through: host)
        case .failure(let error):
            throw .targetUnavailable(error.description)
        }
    }

    /// --control, else BLOCKFENCE_CONTROL, else the address `up` and `control` listen on.
    private static func controlAddress(_ arguments: inout Arguments) throws(UsageError) -> ListenAddress {
        let source: String
        let text: String
        if let option = try arguments.value("--control") {
            (source, text) = ("--control", option)
        } else if let variable = Environment.value(ControlDefaults.environmentVariable) {
            (source, text) = (ControlDefaults.environmentVariable, variable)
        } else {
            return ControlDefaults.address
        }
        do { return try ListenAddress.parse(text) } catch { throw UsageError("\(source): \(error)") }
    }
}
