import BlockfenceBase
import ControlAPI
import OperatorCLI
import RPC

/// `blockfence node list`
struct NodeListCommand: OperatorSubcommand {
    static let path = "node list"
    static let help = OperatorHelp.nodeList
    static let valuedOptions: Set<String> = []

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        _ = try arguments.operands([])
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        let response = try await control.call("list nodes") { client, options async throws(RPCError) in
            try await client.listNodes(Blockfence_Control_V1_ListNodesRequest(), options: options)
        }
        return CommandOutput(
            json: ControlJSON.nodeList(response.nodes),
            text: ClusterText.nodeList(response.nodes, now: TextFormat.nowUnixMilliseconds()))
    }
}

/// `blockfence node cordon NODE` and `blockfence node uncordon NODE`
struct NodeCordonCommand: OperatorSubcommand {
    static let path = "node cordon"
    static let help = OperatorHelp.cordon
    static let valuedOptions: Set<String> = []

    let node: String

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        node = try InputValidation.nodeName(arguments.operands(["NODE"])[0], option: "NODE")
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        var request = Blockfence_Control_V1_CordonNodeRequest()
        request.node = node
        let action = "cordon node '\(node)'"
        let response = try await control.call(action) { client, options async throws(RPCError) in
            try await client.cordonNode(request, options: options)
        }
        guard let info = response.node else { throw .incompleteResponse(action: action, missing: "node") }
        return NodeMaintenanceOutput.node(
            info, heading: "Cordoned node \(TextFormat.printable(node)): no new replicas.")
    }
}

struct NodeUncordonCommand: OperatorSubcommand {
    static let path = "node uncordon"
    static let help = OperatorHelp.uncordon
    static let valuedOptions: Set<String> = []

    let node: String

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        node = try InputValidation.nodeName(arguments.operands(["NODE"])[0], option: "NODE")
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        var request = Blockfence_Control_V1_UncordonNodeRequest()
        request.node = node
        let action = "uncordon node '\(node)'"
        let response = try await control.call(action) { client, options async throws(RPCError) in
            try await client.uncordonNode(request, options: options)
        }
        guard let info = response.node else { throw .incompleteResponse(action: action, missing: "node") }
        return NodeMaintenanceOutput.node(
            info, heading: "Uncordoned node \(TextFormat.printable(node)): new replicas may be placed on it.")
    }
}

/// `blockfence node drain NODE [--no-wait]`
struct NodeDrainCommand: OperatorSubcommand {
    static let path = "node drain"
    static let help = OperatorHelp.drain
    static let valuedOptions: Set<String> = []

    let node: String
    let wait: Bool

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        wait = !arguments.flag("--no-wait")
        node = try InputValidation.nodeName(arguments.operands(["NODE"])[0], option: "NODE")
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        var request = Blockfence_Control_V1_DrainNodeRequest()
        request.node = node
        let action = "drain node '\(node)'"
        let response = try await control.call(action) { client, options async throws(RPCError) in
            try await client.drainNode(request, options: options)
        }
        guard var info = response.node else { throw .incompleteResponse(action: action, missing: "node") }
        if wait { info = await waitUntilEmpty(info, moves: response.moves, control: control) }
        let name = TextFormat.printable(node)
        let heading =
            info.replicas == 0
            ? "Drained node \(name): it holds no replica."
            : "Node \(name) is cordoned and being drained; \(info.replicas) replicas are still on it."
        return CommandOutput(
            json: .object(["node": ControlJSON.node(info), "moves": ControlJSON.drainMoves(response.moves)]),
            text: heading + "\n\n" + ClusterText.drainMoves(response.moves))
    }

    /// Reads the nodes and volumes every half second until the node holds no replica or the
    /// command's deadline comes, printing each move's progress on standard error as it changes.
    private func waitUntilEmpty(
        _ started: Blockfence_Control_V1_NodeInfo, moves: [Blockfence_Control_V1_DrainMove], control: ControlSession
    ) async -> Blockfence_Control_V1_NodeInfo {
        var latest = started
        var lastLines: [String] = []
        while latest.replicas > 0 && ContinuousClock.now < control.deadline {
            try? await Task.sleep(for: .milliseconds(500))
            let remaining = max(control.deadline - .now, .milliseconds(1))
            guard
                let status = try? await control.client.getStatus(
                    Blockfence_Control_V1_GetStatusRequest(), options: CallOptions(timeout: remaining))
            else { continue }
            if let info = status.nodes.first(where: { $0.name == node }) { latest = info }
            let lines = moves.compactMap { move -> String? in
                guard let volume = status.volumes.first(where: { $0.name == move.volume }),
                    volume.assignment?.replicaNodes.contains(node) == true
                else { return nil }
                return "\(TextFormat.printable(move.volume)): "
                    + RebuildText.progress(volume, node: node, target: move.targetNode)
            }
            if lines != lastLines {
                for line in lines { Console.error(line) }
                lastLines = lines
            }
        }
        return latest
    }
}

enum NodeMaintenanceOutput {
    static func node(_ info: Blockfence_Control_V1_NodeInfo, heading: String) -> CommandOutput {
        CommandOutput(
            json: .object(["node": ControlJSON.node(info)]),
            text: heading + "\n\n" + ClusterText.nodeList([info], now: TextFormat.nowUnixMilliseconds()))
    }
}

/// `blockfence failover VOLUME [--to NODE]`
struct FailoverCommand: OperatorSubcommand {
    static let path = "failover"
    static let help = OperatorHelp.failover
    static let valuedOptions: Set<String> = ["--to"]

    let request: Blockfence_Control_V1_FailoverRequest

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        let target = try arguments.value("--to")
        let operands = try arguments.operands(["VOLUME"])
        var request = Blockfence_Control_V1_FailoverRequest()
        request.volume = try InputValidation.volumeReference(operands[0])
        // Empty lets the control core choose, so an absent --to is left empty.
        if let target { request.targetNode = try InputValidation.nodeName(target, option: "--to") }
        self.request = request
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        let action = "fail over volume '\(request.volume)'"
        let response = try await control.call(action) { client, options async throws(RPCError) in
            try await client.failover(request, options: options)
        }
        guard let volume = response.volume else { throw .incompleteResponse(action: action, missing: "volume") }
        var served = response
        served.volume = await control.whenServed(volume)
        return CommandOutput(json: ControlJSON.failover(served), text: ClusterText.failover(served))
    }
}

/// `blockfence status`
struct StatusCommand: OperatorSubcommand {
    static let path = "status"
    static let help = OperatorHelp.status
    static let valuedOptions: Set<String> = []

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        _ = try arguments.operands([])
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        let response = try await control.call("read the cluster's status") { client, options async throws(RPCError) in
            try await client.getStatus(Blockfence_Control_V1_GetStatusRequest(), options: options)
        }
        return CommandOutput(
            json: ControlJSON.status(response),
            text: ClusterText.status(response, now: TextFormat.nowUnixMilliseconds()))
    }
}
