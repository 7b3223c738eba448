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
