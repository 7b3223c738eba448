import ControlAPI
import RPC

/// `blockfence.control.v1.StorageNodes`, for storage servers.
public struct StorageNodesService: Blockfence_Control_V1_StorageNodesService {
    let controller: ClusterController

    public init(controller: ClusterController) {
        self.controller = controller
    }

    public func register(
        _ request: Blockfence_Control_V1_RegisterRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_RegisterResponse {
        try await mapped { try controller.register(request, caller: caller(request.nodeName, context)) }
    }

    public func heartbeat(
        _ request: Blockfence_Control_V1_HeartbeatRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_HeartbeatResponse {
        try await mapped { try controller.heartbeat(request) }
    }

    /// Sends the node's directives now and after every publish that concerns it, until the node
    /// goes away, registers again with another incarnation, or the control core stops.
    public func watch(
        _ request: Blockfence_Control_V1_WatchRequest,
        responses: ResponseWriter<Blockfence_Control_V1_NodeDirectives>,
        context: ServerContext
    ) async throws {
        let (identifier, stream) = try await mapped {
            try controller.subscribe(node: request.nodeName, incarnation: request.incarnation)
        }
        defer { controller.unsubscribe(node: request.nodeName, identifier: identifier) }
        context.logger.debug("Watch opened.", ["node": request.nodeName])
        for await directives in stream {
            try await responses.send(directives)
        }
        context.logger.debug("Watch ended.", ["node": request.nodeName])
    }

    public func reportMemberFailure(
        _ request: Blockfence_Control_V1_ReportMemberFailureRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ReportMemberFailureResponse {
        try await mapped {
            var response = Blockfence_Control_V1_ReportMemberFailureResponse()
            response.assignment = try controller.reportMemberFailure(
                request, caller: caller(request.nodeName, context))
            return response
        }
    }

    public func confirmHandOver(
        _ request: Blockfence_Control_V1_ConfirmHandOverRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ConfirmHandOverResponse {
        try await mapped {
            try controller.confirmHandOver(request, caller: caller(request.nodeName, context))
            return Blockfence_Control_V1_ConfirmHandOverResponse()
        }
    }

    private func caller(_ node: String, _ context: ServerContext) -> String {
        "node \(node) at \(context.peer)"
    }
}
