import ControlAPI
import RPC

/// `blockfence.control.v1.Control`, for operators and the CSI controller: turns requests into
/// controller calls and `ControlError`s into statuses through `ControlError.rpcError`.
public struct ControlService: Blockfence_Control_V1_ControlService {
    let controller: ClusterController

    public init(controller: ClusterController) {
        self.controller = controller
    }

    public func createVolume(
        _ request: Blockfence_Control_V1_CreateVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_CreateVolumeResponse {
        try await mapped {
            let outcome = try await controller.createVolume(
                name: request.name, sizeBytes: request.sizeBytes, replicaCount: request.replicaCount,
                parameters: request.parameters, allowedNodes: request.allowedNodes,
                preferredNodes: request.preferredNodes, caller: context.peer)
            var response = Blockfence_Control_V1_CreateVolumeResponse()
            response.volume = outcome.volume
            response.created = outcome.created
            return response
        }
    }

    public func deleteVolume(
        _ request: Blockfence_Control_V1_DeleteVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_DeleteVolumeResponse {
        try await mapped {
            try await controller.deleteVolume(request.volume, force: request.force, caller: context.peer)
            return Blockfence_Control_V1_DeleteVolumeResponse()
        }
    }

    public func expandVolume(
        _ request: Blockfence_Control_V1_ExpandVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ExpandVolumeResponse {
        try await mapped {
            var response = Blockfence_Control_V1_ExpandVolumeResponse()
            response.volume = try await controller.expandVolume(
                request.volume, sizeBytes: request.sizeBytes, caller: context.peer)
            return response
        }
    }

    public func getVolume(
        _ request: Blockfence_Control_V1_GetVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_GetVolumeResponse {
        try await mapped {
            var response = Blockfence_Control_V1_GetVolumeResponse()
            response.volume = try controller.getVolume(request.volume)
            return response
        }
    }

    public func listVolumes(
        _ request: Blockfence_Control_V1_ListVolumesRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ListVolumesResponse {
        try await mapped {
            let page = try controller.listVolumes(pageSize: request.pageSize, pageToken: request.pageToken)
            var response = Blockfence_Control_V1_ListVolumesResponse()
            response.volumes = page.volumes
            response.nextPageToken = page.nextPageToken
            return response
        }
    }

    public func listNodes(
        _ request: Blockfence_Control_V1_ListNodesRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ListNodesResponse {
        try await mapped {
            var response = Blockfence_Control_V1_ListNodesResponse()
            response.nodes = try controller.listNodes()
            return response
        }
    }

    public func failover(
        _ request: Blockfence_Control_V1_FailoverRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_FailoverResponse {
        try await mapped {
            try await controller.failover(request.volume, target: request.targetNode, caller: context.peer)
        }
    }

    public func rebuildReplica(
        _ request: Blockfence_Control_V1_RebuildReplicaRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_RebuildReplicaResponse {
        try await mapped {
            var response = Blockfence_Control_V1_RebuildReplicaResponse()
            response.volume = try await controller.rebuildReplica(
                request.volume, node: request.node, target: request.targetNode, caller: context.peer)
            return response
        }
    }

    public func cordonNode(
        _ request: Blockfence_Control_V1_CordonNodeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_CordonNodeResponse {
        try await mapped {
            var response = Blockfence_Control_V1_CordonNodeResponse()
            response.node = try controller.setSchedulable(request.node, false, caller: context.peer)
            return response
        }
    }

    public func uncordonNode(
        _ request: Blockfence_Control_V1_UncordonNodeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_UncordonNodeResponse {
        try await mapped {
            var response = Blockfence_Control_V1_UncordonNodeResponse()
            response.node = try controller.setSchedulable(request.node, true, caller: context.peer)
            return response
        }
    }

    public func drainNode(
        _ request: Blockfence_Control_V1_DrainNodeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_DrainNodeResponse {
        try await mapped { try await controller.drainNode(request.node, caller: context.peer) }
    }

    public func getStatus(
        _ request: Blockfence_Control_V1_GetStatusRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_GetStatusResponse {
        try await mapped { try controller.status() }
    }

    public func attachVolume(
        _ request: Blockfence_Control_V1_AttachVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_AttachVolumeResponse {
        try await mapped {
            var response = Blockfence_Control_V1_AttachVolumeResponse()
            response.volume = try await controller.attachVolume(
                request.volume, node: request.node, readOnly: request.readOnly, singleNode: request.singleNode,
                caller: context.peer)
            return response
        }
    }

    public func detachVolume(
        _ request: Blockfence_Control_V1_DetachVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_DetachVolumeResponse {
        try await mapped {
            try await controller.detachVolume(request.volume, node: request.node, caller: context.peer)
            return Blockfence_Control_V1_DetachVolumeResponse()
        }
    }
}

/// Runs a handler body and hands any error to the RPC layer as the status `ControlError.rpcError`
/// chooses.
func mapped<Response>(_ body: () async throws -> Response) async throws(RPCError) -> Response {
    do {
        return try await body()
    } catch {
        throw ControlError.from(error).rpcError
    }
}
