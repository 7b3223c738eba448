// Generated from csi/v1/csi.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers
import RPC

/// Serves `csi.v1.Identity` over gRPC. Implement the methods and register the value with an `RPCServer`;
/// a method throws `RPCError` to answer with a status code other than OK.
public protocol Csi_V1_IdentityService: RPCService {
    func getPluginInfo(
        _ request: Csi_V1_GetPluginInfoRequest, context: ServerContext
    ) async throws -> Csi_V1_GetPluginInfoResponse
    func getPluginCapabilities(
        _ request: Csi_V1_GetPluginCapabilitiesRequest, context: ServerContext
    ) async throws -> Csi_V1_GetPluginCapabilitiesResponse
    func probe(
        _ request: Csi_V1_ProbeRequest, context: ServerContext
    ) async throws -> Csi_V1_ProbeResponse
}

extension Csi_V1_IdentityService {
    public var serviceDefinition: ServiceDefinition {
        ServiceDefinition(
            name: "csi.v1.Identity",
            methods: [
                .unary("GetPluginInfo") { (request: Csi_V1_GetPluginInfoRequest, context) in
                    try await self.getPluginInfo(request, context: context)
                },
                .unary("GetPluginCapabilities") { (request: Csi_V1_GetPluginCapabilitiesRequest, context) in
                    try await self.getPluginCapabilities(request, context: context)
                },
                .unary("Probe") { (request: Csi_V1_ProbeRequest, context) in
                    try await self.probe(request, context: context)
                },
            ]
        )
    }
}

/// Calls the gRPC service `csi.v1.Identity` over an `RPCChannel`.
public struct Csi_V1_IdentityClient: Sendable {
    public let channel: RPCChannel

    public init(channel: RPCChannel) {
        self.channel = channel
    }

    public func getPluginInfo(
        _ request: Csi_V1_GetPluginInfoRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_GetPluginInfoResponse {
        try await channel.unary(path: "/csi.v1.Identity/GetPluginInfo", request: request, options: options)
    }

    public func getPluginCapabilities(
        _ request: Csi_V1_GetPluginCapabilitiesRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_GetPluginCapabilitiesResponse {
        try await channel.unary(path: "/csi.v1.Identity/GetPluginCapabilities", request: request, options: options)
    }

    public func probe(
        _ request: Csi_V1_ProbeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_ProbeResponse {
        try await channel.unary(path: "/csi.v1.Identity/Probe", request: request, options: options)
    }
}

/// Serves `csi.v1.Controller` over gRPC. Implement the methods and register the value with an `RPCServer`;
/// a method throws `RPCError` to answer with a status code other than OK.
public protocol Csi_V1_ControllerService: RPCService {
    func createVolume(
        _ request: Csi_V1_CreateVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_CreateVolumeResponse
    func deleteVolume(
        _ request: Csi_V1_DeleteVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_DeleteVolumeResponse
    func controllerPublishVolume(
        _ request: Csi_V1_ControllerPublishVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerPublishVolumeResponse
    func controllerUnpublishVolume(
        _ request: Csi_V1_ControllerUnpublishVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerUnpublishVolumeResponse
    func validateVolumeCapabilities(
        _ request: Csi_V1_ValidateVolumeCapabilitiesRequest, context: ServerContext
    ) async throws -> Csi_V1_ValidateVolumeCapabilitiesResponse
    func listVolumes(
        _ request: Csi_V1_ListVolumesRequest, context: ServerContext
    ) async throws -> Csi_V1_ListVolumesResponse
    func getCapacity(
        _ request: Csi_V1_GetCapacityRequest, context: ServerContext
    ) async throws -> Csi_V1_GetCapacityResponse
    func controllerGetCapabilities(
        _ request: Csi_V1_ControllerGetCapabilitiesRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerGetCapabilitiesResponse
    func createSnapshot(
        _ request: Csi_V1_CreateSnapshotRequest, context: ServerContext
    ) async throws -> Csi_V1_CreateSnapshotResponse
    func deleteSnapshot(
        _ request: Csi_V1_DeleteSnapshotRequest, context: ServerContext
    ) async throws -> Csi_V1_DeleteSnapshotResponse
    func listSnapshots(
        _ request: Csi_V1_ListSnapshotsRequest, context: ServerContext
    ) async throws -> Csi_V1_ListSnapshotsResponse
    func controllerExpandVolume(
        _ request: Csi_V1_ControllerExpandVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerExpandVolumeResponse
    func controllerGetVolume(
        _ request: Csi_V1_ControllerGetVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerGetVolumeResponse
    func controllerModifyVolume(
        _ request: Csi_V1_ControllerModifyVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerModifyVolumeResponse
}

extension Csi_V1_ControllerService {
    public var serviceDefinition: ServiceDefinition {
        ServiceDefinition(
            name: "csi.v1.Controller",
            methods: [
                .unary("CreateVolume") { (request: Csi_V1_CreateVolumeRequest, context) in
                    try await self.createVolume(request, context: context)
                },
                .unary("DeleteVolume") { (request: Csi_V1_DeleteVolumeRequest, context) in
                    try await self.deleteVolume(request, context: context)
                },
                .unary("ControllerPublishVolume") { (request: Csi_V1_ControllerPublishVolumeRequest, context) in
                    try await self.controllerPublishVolume(request, context: context)
                },
                .unary("ControllerUnpublishVolume") { (request: Csi_V1_ControllerUnpublishVolumeRequest, context) in
                    try await self.controllerUnpublishVolume(request, context: context)
                },
                .unary("ValidateVolumeCapabilities") { (request: Csi_V1_ValidateVolumeCapabilitiesRequest, context) in
                    try await self.validateVolumeCapabilities(request, context: context)
                },
                .unary("ListVolumes") { (request: Csi_V1_ListVolumesRequest, context) in
                    try await self.listVolumes(request, context: context)
                },
                .unary("GetCapacity") { (request: Csi_V1_GetCapacityRequest, context) in
                    try await self.getCapacity(request, context: context)
                },
                .unary("ControllerGetCapabilities") { (request: Csi_V1_ControllerGetCapabilitiesRequest, context) in
                    try await self.controllerGetCapabilities(request, context: context)
                },
                .unary("CreateSnapshot") { (request: Csi_V1_CreateSnapshotRequest, context) in
                    try await self.createSnapshot(request, context: context)
                },
                .unary("DeleteSnapshot") { (request: Csi_V1_DeleteSnapshotRequest, context) in
                    try await self.deleteSnapshot(request, context: context)
                },
                .unary("ListSnapshots") { (request: Csi_V1_ListSnapshotsRequest, context) in
                    try await self.listSnapshots(request, context: context)
                },
                .unary("ControllerExpandVolume") { (request: Csi_V1_ControllerExpandVolumeRequest, context) in
                    try await self.controllerExpandVolume(request, context: context)
                },
                .unary("ControllerGetVolume") { (request: Csi_V1_ControllerGetVolumeRequest, context) in
                    try await self.controllerGetVolume(request, context: context)
                },
                .unary("ControllerModifyVolume") { (request: Csi_V1_ControllerModifyVolumeRequest, context) in
                    try await self.controllerModifyVolume(request, context: context)
                },
            ]
        )
    }
}

/// Calls the gRPC service `csi.v1.Controller` over an `RPCChannel`.
public struct Csi_V1_ControllerClient: Sendable {
    public let channel: RPCChannel

    public init(channel: RPCChannel) {
        self.channel = channel
    }

    public func createVolume(
        _ request: Csi_V1_CreateVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_CreateVolumeResponse {
        try await channel.unary(path: "/csi.v1.Controller/CreateVolume", request: request, options: options)
    }

    public func deleteVolume(
        _ request: Csi_V1_DeleteVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_DeleteVolumeResponse {
        try await channel.unary(path: "/csi.v1.Controller/DeleteVolume", request: request, options: options)
    }

    public func controllerPublishVolume(
        _ request: Csi_V1_ControllerPublishVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_ControllerPublishVolumeResponse {
        try await channel.unary(path: "/csi.v1.Controller/ControllerPublishVolume", request: request, options: options)
    }

    public func controllerUnpublishVolume(
        _ request: Csi_V1_ControllerUnpublishVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_ControllerUnpublishVolumeResponse {
        try await channel.unary(
            path: "/csi.v1.Controller/ControllerUnpublishVolume", request: request, options: options)
    }

    public func validateVolumeCapabilities(
        _ request: Csi_V1_ValidateVolumeCapabilitiesRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_ValidateVolumeCapabilitiesResponse {
        try await channel.unary(
            path: "/csi.v1.Controller/ValidateVolumeCapabilities", request: request, options: options)
    }

    public func listVolumes(
        _ request: Csi_V1_ListVolumesRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_ListVolumesResponse {
        try await channel.unary(path: "/csi.v1.Controller/ListVolumes", request: request, options: options)
    }

    public func getCapacity(
        _ request: Csi_V1_GetCapacityRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_GetCapacityResponse {
        try await channel.unary(path: "/csi.v1.Controller/GetCapacity", request: request, options: options)
    }

    public func controllerGetCapabilities(
        _ request: Csi_V1_ControllerGetCapabilitiesRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_ControllerGetCapabilitiesResponse {
        try await channel.unary(
            path: "/csi.v1.Controller/ControllerGetCapabilities", request: request, options: options)
    }

    public func createSnapshot(
        _ request: Csi_V1_CreateSnapshotRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_CreateSnapshotResponse {
        try await channel.unary(path: "/csi.v1.Controller/CreateSnapshot", request: request, options: options)
    }

    public func deleteSnapshot(
        _ request: Csi_V1_DeleteSnapshotRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_DeleteSnapshotResponse {
        try await channel.unary(path: "/csi.v1.Controller/DeleteSnapshot", request: request, options: options)
    }

    public func listSnapshots(
        _ request: Csi_V1_ListSnapshotsRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_ListSnapshotsResponse {
        try await channel.unary(path: "/csi.v1.Controller/ListSnapshots", request: request, options: options)
    }

    public func controllerExpandVolume(
        _ request: Csi_V1_ControllerExpandVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_ControllerExpandVolumeResponse {
        try await channel.unary(path: "/csi.v1.Controller/ControllerExpandVolume", request: request, options: options)
    }

    public func controllerGetVolume(
        _ request: Csi_V1_ControllerGetVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_ControllerGetVolumeResponse {
        try await channel.unary(path: "/csi.v1.Controller/ControllerGetVolume", request: request, options: options)
    }

    public func controllerModifyVolume(
        _ request: Csi_V1_ControllerModifyVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_ControllerModifyVolumeResponse {
        try await channel.unary(path: "/csi.v1.Controller/ControllerModifyVolume", request: request, options: options)
    }
}

/// Serves `csi.v1.GroupController` over gRPC. Implement the methods and register the value with an `RPCServer`;
/// a method throws `RPCError` to answer with a status code other than OK.
public protocol Csi_V1_GroupControllerService: RPCService {
    func groupControllerGetCapabilities(
        _ request: Csi_V1_GroupControllerGetCapabilitiesRequest, context: ServerContext
    ) async throws -> Csi_V1_GroupControllerGetCapabilitiesResponse
    func createVolumeGroupSnapshot(
        _ request: Csi_V1_CreateVolumeGroupSnapshotRequest, context: ServerContext
    ) async throws -> Csi_V1_CreateVolumeGroupSnapshotResponse
    func deleteVolumeGroupSnapshot(
        _ request: Csi_V1_DeleteVolumeGroupSnapshotRequest, context: ServerContext
    ) async throws -> Csi_V1_DeleteVolumeGroupSnapshotResponse
    func getVolumeGroupSnapshot(
        _ request: Csi_V1_GetVolumeGroupSnapshotRequest, context: ServerContext
    ) async throws -> Csi_V1_GetVolumeGroupSnapshotResponse
}

extension Csi_V1_GroupControllerService {
    public var serviceDefinition: ServiceDefinition {
        ServiceDefinition(
            name: "csi.v1.GroupController",
            methods: [
                .unary(
                    "GroupControllerGetCapabilities") { (request: Csi_V1_GroupControllerGetCapabilitiesRequest,
                    context) in
                    try await self.groupControllerGetCapabilities(request, context: context)
                },
                .unary("CreateVolumeGroupSnapshot") { (request: Csi_V1_CreateVolumeGroupSnapshotRequest, context) in
                    try await self.createVolumeGroupSnapshot(request, context: context)
                },
                .unary("DeleteVolumeGroupSnapshot") { (request: Csi_V1_DeleteVolumeGroupSnapshotRequest, context) in
                    try await self.deleteVolumeGroupSnapshot(request, context: context)
                },
                .unary("GetVolumeGroupSnapshot") { (request: Csi_V1_GetVolumeGroupSnapshotRequest, context) in
                    try await self.getVolumeGroupSnapshot(request, context: context)
                },
            ]
        )
    }
}

/// Calls the gRPC service `csi.v1.GroupController` over an `RPCChannel`.
public struct Csi_V1_GroupControllerClient: Sendable {
    public let channel: RPCChannel

    public init(channel: RPCChannel) {
        self.channel = channel
    }

    public func groupControllerGetCapabilities(
        _ request: Csi_V1_GroupControllerGetCapabilitiesRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_GroupControllerGetCapabilitiesResponse {
        try await channel.unary(
            path: "/csi.v1.GroupController/GroupControllerGetCapabilities", request: request, options: options)
    }

    public func createVolumeGroupSnapshot(
        _ request: Csi_V1_CreateVolumeGroupSnapshotRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_CreateVolumeGroupSnapshotResponse {
        try await channel.unary(
            path: "/csi.v1.GroupController/CreateVolumeGroupSnapshot", request: request, options: options)
    }

    public func deleteVolumeGroupSnapshot(
        _ request: Csi_V1_DeleteVolumeGroupSnapshotRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_DeleteVolumeGroupSnapshotResponse {
        try await channel.unary(
            path: "/csi.v1.GroupController/DeleteVolumeGroupSnapshot", request: request, options: options)
    }

    public func getVolumeGroupSnapshot(
        _ request: Csi_V1_GetVolumeGroupSnapshotRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_GetVolumeGroupSnapshotResponse {
        try await channel.unary(
            path: "/csi.v1.GroupController/GetVolumeGroupSnapshot", request: request, options: options)
    }
}

/// Serves `csi.v1.Node` over gRPC. Implement the methods and register the value with an `RPCServer`;
/// a method throws `RPCError` to answer with a status code other than OK.
public protocol Csi_V1_NodeService: RPCService {
    func nodeStageVolume(
        _ request: Csi_V1_NodeStageVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeStageVolumeResponse
    func nodeUnstageVolume(
        _ request: Csi_V1_NodeUnstageVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeUnstageVolumeResponse
    func nodePublishVolume(
        _ request: Csi_V1_NodePublishVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_NodePublishVolumeResponse
    func nodeUnpublishVolume(
        _ request: Csi_V1_NodeUnpublishVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeUnpublishVolumeResponse
    func nodeGetVolumeStats(
        _ request: Csi_V1_NodeGetVolumeStatsRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeGetVolumeStatsResponse
    func nodeExpandVolume(
        _ request: Csi_V1_NodeExpandVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeExpandVolumeResponse
    func nodeGetCapabilities(
        _ request: Csi_V1_NodeGetCapabilitiesRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeGetCapabilitiesResponse
    func nodeGetInfo(
        _ request: Csi_V1_NodeGetInfoRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeGetInfoResponse
}

extension Csi_V1_NodeService {
    public var serviceDefinition: ServiceDefinition {
        ServiceDefinition(
            name: "csi.v1.Node",
            methods: [
                .unary("NodeStageVolume") { (request: Csi_V1_NodeStageVolumeRequest, context) in
                    try await self.nodeStageVolume(request, context: context)
                },
                .unary("NodeUnstageVolume") { (request: Csi_V1_NodeUnstageVolumeRequest, context) in
                    try await self.nodeUnstageVolume(request, context: context)
                },
                .unary("NodePublishVolume") { (request: Csi_V1_NodePublishVolumeRequest, context) in
                    try await self.nodePublishVolume(request, context: context)
                },
                .unary("NodeUnpublishVolume") { (request: Csi_V1_NodeUnpublishVolumeRequest, context) in
                    try await self.nodeUnpublishVolume(request, context: context)
                },
                .unary("NodeGetVolumeStats") { (request: Csi_V1_NodeGetVolumeStatsRequest, context) in
                    try await self.nodeGetVolumeStats(request, context: context)
                },
                .unary("NodeExpandVolume") { (request: Csi_V1_NodeExpandVolumeRequest, context) in
                    try await self.nodeExpandVolume(request, context: context)
                },
                .unary("NodeGetCapabilities") { (request: Csi_V1_NodeGetCapabilitiesRequest, context) in
                    try await self.nodeGetCapabilities(request, context: context)
                },
                .unary("NodeGetInfo") { (request: Csi_V1_NodeGetInfoRequest, context) in
                    try await self.nodeGetInfo(request, context: context)
                },
            ]
        )
    }
}

/// Calls the gRPC service `csi.v1.Node` over an `RPCChannel`.
public struct Csi_V1_NodeClient: Sendable {
    public let channel: RPCChannel

    public init(channel: RPCChannel) {
        self.channel = channel
    }

    public func nodeStageVolume(
        _ request: Csi_V1_NodeStageVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_NodeStageVolumeResponse {
        try await channel.unary(path: "/csi.v1.Node/NodeStageVolume", request: request, options: options)
    }

    public func nodeUnstageVolume(
        _ request: Csi_V1_NodeUnstageVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_NodeUnstageVolumeResponse {
        try await channel.unary(path: "/csi.v1.Node/NodeUnstageVolume", request: request, options: options)
    }

    public func nodePublishVolume(
        _ request: Csi_V1_NodePublishVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_NodePublishVolumeResponse {
        try await channel.unary(path: "/csi.v1.Node/NodePublishVolume", request: request, options: options)
    }

    public func nodeUnpublishVolume(
        _ request: Csi_V1_NodeUnpublishVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_NodeUnpublishVolumeResponse {
        try await channel.unary(path: "/csi.v1.Node/NodeUnpublishVolume", request: request, options: options)
    }

    public func nodeGetVolumeStats(
        _ request: Csi_V1_NodeGetVolumeStatsRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_NodeGetVolumeStatsResponse {
        try await channel.unary(path: "/csi.v1.Node/NodeGetVolumeStats", request: request, options: options)
    }

    public func nodeExpandVolume(
        _ request: Csi_V1_NodeExpandVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_NodeExpandVolumeResponse {
        try await channel.unary(path: "/csi.v1.Node/NodeExpandVolume", request: request, options: options)
    }

    public func nodeGetCapabilities(
        _ request: Csi_V1_NodeGetCapabilitiesRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_NodeGetCapabilitiesResponse {
        try await channel.unary(path: "/csi.v1.Node/NodeGetCapabilities", request: request, options: options)
    }

    public func nodeGetInfo(
        _ request: Csi_V1_NodeGetInfoRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Csi_V1_NodeGetInfoResponse {
        try await channel.unary(path: "/csi.v1.Node/NodeGetInfo", request: request, options: options)
    }
}
