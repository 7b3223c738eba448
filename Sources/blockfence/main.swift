import BlockfenceBase
import CShims
import Glibc

/// The version printed by `blockfence --version`.
let version = "0.1.0"

let topLevelHelp = """
    blockfence \(version): replicated block storage for Kubernetes, served over NBD.

    Usage: blockfence COMMAND [options]

    Commands:
      up        Start a local cluster with a demo volume, for trying blockfence out.
      control   Run the control core: volumes, replicas, leases, epochs and failover.
      server    Run one storage node of a cluster.
      csi       Run the CSI plugin for Kubernetes (controller, node, or both).
      nbd       Serve files or block devices over NBD (the data path on its own).
      volume    Create, list, inspect, expand, attach, detach and delete volumes.
      node      List the storage nodes.
      failover  Move a volume's primary to another in-sync replica.
      device    Attach a volume to this Linux host as /dev/nbdN, kept on the current primary.
      status    Summarize the cluster: nodes, volumes by health, epochs, the control core.
      scenario  Play scenario files: faults against a real cluster, with verdicts.
      version   Print the version.
      help      Show this help, or 'help COMMAND' for a command's help.

    Run 'blockfence COMMAND --help' for a command's options.
    """

/// Exit codes: 0 success, 1 the command failed while running, 2 the command line is wrong.
func main() -> Int32 {
    // Before any thread exists, so that every thread inherits the mask and one thread can wait.
    TerminationSignals.block()
    // A process started by `blockfence up` ends with it, even when the supervisor is killed.
    if let supervisor = Environment.value("BLOCKFENCE_SUPERVISOR_PID") {
        _ = bf_terminate_with_parent()
        if String(getppid()) != supervisor { return 1 }
    }
    var words = Array(CommandLine.arguments.dropFirst())
    guard let command = words.first else {
        Console.out(topLevelHelp)
        return 2
    }
    words.removeFirst()
    do {
        switch command {
        case "up": return try UpCommand.run(words)
        case "nbd": return try NBDCommand.run(words)
        case "server": return try ServerCommand.run(words)
        case "control": return try ControlCommand.run(words)
        case "csi": return try CSICommand.run(words)
        case "volume", "node", "failover", "status": return OperatorCommand.run(command, words)
        case "device": return DeviceCommand.run(words)
        case "scenario": return try ScenarioCommand.run(words)
        case "version", "--version":
            if let extra = words.first { throw UsageError("'version' takes no arguments; got '\(extra)'") }
            Console.out("blockfence \(version)")
            return 0
        case "help", "--help", "-h":
            switch words.first {
            case "up": Console.out(UpCommand.help)
            case "nbd": Console.out(NBDCommand.help)
            case "server": Console.out(ServerCommand.help)
            case "control": Console.out(ControlCommand.help)
            case "csi": Console.out(CSICommand.help)
            case "scenario": Console.out(ScenarioCommand.help)
            case "volume", "node", "failover", "status": Console.out(OperatorCommand.help(words))
            case "device": Console.out(DeviceCommand.help)
            case nil, "version", "help": Console.out(topLevelHelp)
            case let other?: throw UsageError("no help for '\(other)': it is not a blockfence command")
            }
            return 0
        default:
            throw UsageError("unknown command '\(command)'")
        }
    } catch let error as UsageError {
        let helpTarget = ["up", "nbd", "server", "control", "csi", "scenario"].contains(command) ? command + " " : ""
        Console.error("blockfence: \(error)\nRun 'blockfence \(helpTarget)--help' for usage.")
        return 2
    } catch let error as RuntimeError {
        Console.error("blockfence: \(error)")
        return 1
    } catch {
        Console.error("blockfence: \(error)")
        return 1
    }
}

exit(main())
