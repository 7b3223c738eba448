// Generated from blockfence/control.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers
import RPC

/// Serves `blockfence.control.v1.Control` over gRPC. Implement the methods and register the value with an `RPCServer`;
/// a method throws `RPCError` to answer with a status code other than OK.
public protocol Blockfence_Control_V1_ControlService: RPCService {
    func createVolume(
        _ request: Blockfence_Control_V1_CreateVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_CreateVolumeResponse
    func deleteVolume(
        _ request: Blockfence_Control_V1_DeleteVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_DeleteVolumeResponse
    func expandVolume(
        _ request: Blockfence_Control_V1_ExpandVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ExpandVolumeResponse
    func getVolume(
        _ request: Blockfence_Control_V1_GetVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_GetVolumeResponse
    func listVolumes(
        _ request: Blockfence_Control_V1_ListVolumesRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ListVolumesResponse
    func listNodes(
        _ request: Blockfence_Control_V1_ListNodesRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ListNodesResponse
    func failover(
        _ request: Blockfence_Control_V1_FailoverRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_FailoverResponse
    func rebuildReplica(
        _ request: Blockfence_Control_V1_RebuildReplicaRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_RebuildReplicaResponse
    func cordonNode(
        _ request: Blockfence_Control_V1_CordonNodeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_CordonNodeResponse
    func uncordonNode(
        _ request: Blockfence_Control_V1_UncordonNodeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_UncordonNodeResponse
    func drainNode(
        _ request: Blockfence_Control_V1_DrainNodeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_DrainNodeResponse
    func getStatus(
        _ request: Blockfence_Control_V1_GetStatusRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_GetStatusResponse
    func attachVolume(
        _ request: Blockfence_Control_V1_AttachVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_AttachVolumeResponse
    func detachVolume(
        _ request: Blockfence_Control_V1_DetachVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_DetachVolumeResponse
}

extension Blockfence_Control_V1_ControlService {
    public var serviceDefinition: ServiceDefinition {
        ServiceDefinition(
            name: "blockfence.control.v1.Control",
            methods: [
                .unary("CreateVolume") { (request: Blockfence_Control_V1_CreateVolumeRequest, context) in
                    try await self.createVolume(request, context: context)
                },
                .unary("DeleteVolume") { (request: Blockfence_Control_V1_DeleteVolumeRequest, context) in
                    try await self.deleteVolume(request, context: context)
                },
                .unary("ExpandVolume") { (request: Blockfence_Control_V1_ExpandVolumeRequest, context) in
                    try await self.expandVolume(request, context: context)
                },
                .unary("GetVolume") { (request: Blockfence_Control_V1_GetVolumeRequest, context) in
                    try await self.getVolume(request, context: context)
                },
                .unary("ListVolumes") { (request: Blockfence_Control_V1_ListVolumesRequest, context) in
                    try await self.listVolumes(request, context: context)
                },
                .unary("ListNodes") { (request: Blockfence_Control_V1_ListNodesRequest, context) in
                    try await self.listNodes(request, context: context)
                },
                .unary("Failover") { (request: Blockfence_Control_V1_FailoverRequest, context) in
                    try await self.failover(request, context: context)
                },
                .unary("RebuildReplica") { (request: Blockfence_Control_V1_RebuildReplicaRequest, context) in
                    try await self.rebuildReplica(request, context: context)
                },
                .unary("CordonNode") { (request: Blockfence_Control_V1_CordonNodeRequest, context) in
                    try await self.cordonNode(request, context: context)
                },
                .unary("UncordonNode") { (request: Blockfence_Control_V1_UncordonNodeRequest, context) in
                    try await self.uncordonNode(request, context: context)
                },
                .unary("DrainNode") { (request: Blockfence_Control_V1_DrainNodeRequest, context) in
                    try await self.drainNode(request, context: context)
                },
                .unary("GetStatus") { (request: Blockfence_Control_V1_GetStatusRequest, context) in
                    try await self.getStatus(request, context: context)
                },
                .unary("AttachVolume") { (request: Blockfence_Control_V1_AttachVolumeRequest, context) in
                    try await self.attachVolume(request, context: context)
                },
                .unary("DetachVolume") { (request: Blockfence_Control_V1_DetachVolumeRequest, context) in
                    try await self.detachVolume(request, context: context)
                },
            ]
        )
    }
}

/// Calls the gRPC service `blockfence.control.v1.Control` over an `RPCChannel`.
public struct Blockfence_Control_V1_ControlClient: Sendable {
    public let channel: RPCChannel

    public init(channel: RPCChannel) {
        self.channel = channel
    }

    public func createVolume(
        _ request: Blockfence_Control_V1_CreateVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_CreateVolumeResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/CreateVolume", request: request, options: options)
    }

    public func deleteVolume(
        _ request: Blockfence_Control_V1_DeleteVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_DeleteVolumeResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/DeleteVolume", request: request, options: options)
    }

    public func expandVolume(
        _ request: Blockfence_Control_V1_ExpandVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_ExpandVolumeResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/ExpandVolume", request: request, options: options)
    }

    public func getVolume(
        _ request: Blockfence_Control_V1_GetVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_GetVolumeResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/GetVolume", request: request, options: options)
    }

    public func listVolumes(
        _ request: Blockfence_Control_V1_ListVolumesRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_ListVolumesResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/ListVolumes", request: request, options: options)
    }

    public func listNodes(
        _ request: Blockfence_Control_V1_ListNodesRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_ListNodesResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/ListNodes", request: request, options: options)
    }

    public func failover(
        _ request: Blockfence_Control_V1_FailoverRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_FailoverResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/Failover", request: request, options: options)
    }

    public func rebuildReplica(
        _ request: Blockfence_Control_V1_RebuildReplicaRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_RebuildReplicaResponse {
        try await channel.unary(
            path: "/blockfence.control.v1.Control/RebuildReplica", request: request, options: options)
    }

    public func cordonNode(
        _ request: Blockfence_Control_V1_CordonNodeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_CordonNodeResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/CordonNode", request: request, options: options)
    }

    public func uncordonNode(
        _ request: Blockfence_Control_V1_UncordonNodeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_UncordonNodeResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/UncordonNode", request: request, options: options)
    }

    public func drainNode(
        _ request: Blockfence_Control_V1_DrainNodeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_DrainNodeResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/DrainNode", request: request, options: options)
    }

    public func getStatus(
        _ request: Blockfence_Control_V1_GetStatusRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_GetStatusResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/GetStatus", request: request, options: options)
    }

    public func attachVolume(
        _ request: Blockfence_Control_V1_AttachVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_AttachVolumeResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/AttachVolume", request: request, options: options)
    }

    public func detachVolume(
        _ request: Blockfence_Control_V1_DetachVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_DetachVolumeResponse {
        try await channel.unary(path: "/blockfence.control.v1.Control/DetachVolume", request: request, options: options)
    }
}

/// Serves `blockfence.control.v1.StorageNodes` over gRPC. Implement the methods and register the value with an `RPCServer`;
/// a method throws `RPCError` to answer with a status code other than OK.
public protocol Blockfence_Control_V1_StorageNodesService: RPCService {
    func register(
        _ request: Blockfence_Control_V1_RegisterRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_RegisterResponse
    func heartbeat(
        _ request: Blockfence_Control_V1_HeartbeatRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_HeartbeatResponse
    func watch(
        _ request: Blockfence_Control_V1_WatchRequest,
        responses: ResponseWriter<Blockfence_Control_V1_NodeDirectives>,
        context: ServerContext
    ) async throws
    func reportMemberFailure(
        _ request: Blockfence_Control_V1_ReportMemberFailureRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ReportMemberFailureResponse
    func confirmHandOver(
        _ request: Blockfence_Control_V1_ConfirmHandOverRequest, context: ServerContext
    ) async throws -> Blockfence_Control_V1_ConfirmHandOverResponse
}

extension Blockfence_Control_V1_StorageNodesService {
    public var serviceDefinition: ServiceDefinition {
        ServiceDefinition(
            name: "blockfence.control.v1.StorageNodes",
            methods: [
                .unary("Register") { (request: Blockfence_Control_V1_RegisterRequest, context) in
                    try await self.register(request, context: context)
                },
                .unary("Heartbeat") { (request: Blockfence_Control_V1_HeartbeatRequest, context) in
                    try await self.heartbeat(request, context: context)
                },
                .serverStreaming("Watch") { (request: Blockfence_Control_V1_WatchRequest, responses, context) in
                    try await self.watch(request, responses: responses, context: context)
                },
                .unary("ReportMemberFailure") { (request: Blockfence_Control_V1_ReportMemberFailureRequest, context) in
                    try await self.reportMemberFailure(request, context: context)
                },
                .unary("ConfirmHandOver") { (request: Blockfence_Control_V1_ConfirmHandOverRequest, context) in
                    try await self.confirmHandOver(request, context: context)
                },
            ]
        )
    }
}

/// Calls the gRPC service `blockfence.control.v1.StorageNodes` over an `RPCChannel`.
public struct Blockfence_Control_V1_StorageNodesClient: Sendable {
    public let channel: RPCChannel

    public init(channel: RPCChannel) {
        self.channel = channel
    }

    public func register(
        _ request: Blockfence_Control_V1_RegisterRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_RegisterResponse {
        try await channel.unary(
            path: "/blockfence.control.v1.StorageNodes/Register", request: request, options: options)
    }

    public func heartbeat(
        _ request: Blockfence_Control_V1_HeartbeatRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_HeartbeatResponse {
        try await channel.unary(
            path: "/blockfence.control.v1.StorageNodes/Heartbeat", request: request, options: options)
    }

    public func watch(
        _ request: Blockfence_Control_V1_WatchRequest, options: CallOptions = CallOptions()
    ) -> ServerStreamingCall<Blockfence_Control_V1_NodeDirectives> {
        channel.serverStreaming(path: "/blockfence.control.v1.StorageNodes/Watch", request: request, options: options)
    }

    public func reportMemberFailure(
        _ request: Blockfence_Control_V1_ReportMemberFailureRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_ReportMemberFailureResponse {
        try await channel.unary(
            path: "/blockfence.control.v1.StorageNodes/ReportMemberFailure", request: request, options: options)
    }

    public func confirmHandOver(
        _ request: Blockfence_Control_V1_ConfirmHandOverRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Control_V1_ConfirmHandOverResponse {
        try await channel.unary(
            path: "/blockfence.control.v1.StorageNodes/ConfirmHandOver", request: request, options: options)
    }
}
