// Generated from test/spec_features.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers
import RPC

/// Serves `blockfence.test.spec.Controller` over gRPC. Implement the methods and register the value with an `RPCServer`;
/// a method throws `RPCError` to answer with a status code other than OK.
public protocol Blockfence_Test_Spec_ControllerService: RPCService {
    func createVolume(
        _ request: Blockfence_Test_Spec_CreateVolumeRequest, context: ServerContext
    ) async throws -> Blockfence_Test_Spec_CreateVolumeResponse
    func getCapabilities(
        _ request: Blockfence_Test_Spec_GetCapabilitiesRequest, context: ServerContext
    ) async throws -> Blockfence_Test_Spec_GetCapabilitiesResponse
}

extension Blockfence_Test_Spec_ControllerService {
    public var serviceDefinition: ServiceDefinition {
        ServiceDefinition(
            name: "blockfence.test.spec.Controller",
            methods: [
                .unary("CreateVolume") { (request: Blockfence_Test_Spec_CreateVolumeRequest, context) in
                    try await self.createVolume(request, context: context)
                },
                .unary("GetCapabilities") { (request: Blockfence_Test_Spec_GetCapabilitiesRequest, context) in
                    try await self.getCapabilities(request, context: context)
                },
            ]
        )
    }
}

/// Calls the gRPC service `blockfence.test.spec.Controller` over an `RPCChannel`.
public struct Blockfence_Test_Spec_ControllerClient: Sendable {
    public let channel: RPCChannel

    public init(channel: RPCChannel) {
        self.channel = channel
    }

    public func createVolume(
        _ request: Blockfence_Test_Spec_CreateVolumeRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Test_Spec_CreateVolumeResponse {
        try await channel.unary(
            path: "/blockfence.test.spec.Controller/CreateVolume", request: request, options: options)
    }

    public func getCapabilities(
        _ request: Blockfence_Test_Spec_GetCapabilitiesRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Test_Spec_GetCapabilitiesResponse {
        try await channel.unary(
            path: "/blockfence.test.spec.Controller/GetCapabilities", request: request, options: options)
    }
}
