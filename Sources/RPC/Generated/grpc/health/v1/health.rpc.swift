// Generated from grpc/health/v1/health.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers

/// Serves `grpc.health.v1.Health` over gRPC. Implement the methods and register the value with an `RPCServer`;
/// a method throws `RPCError` to answer with a status code other than OK.
public protocol Grpc_Health_V1_HealthService: RPCService {
    func check(
        _ request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext
    ) async throws -> Grpc_Health_V1_HealthCheckResponse
    func watch(
        _ request: Grpc_Health_V1_HealthCheckRequest,
        responses: ResponseWriter<Grpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws
}

extension Grpc_Health_V1_HealthService {
    public var serviceDefinition: ServiceDefinition {
        ServiceDefinition(
            name: "grpc.health.v1.Health",
            methods: [
                .unary("Check") { (request: Grpc_Health_V1_HealthCheckRequest, context) in
                    try await self.check(request, context: context)
                },
                .serverStreaming("Watch") { (request: Grpc_Health_V1_HealthCheckRequest, responses, context) in
                    try await self.watch(request, responses: responses, context: context)
                },
            ]
        )
    }
}

/// Calls the gRPC service `grpc.health.v1.Health` over an `RPCChannel`.
public struct Grpc_Health_V1_HealthClient: Sendable {
    public let channel: RPCChannel

    public init(channel: RPCChannel) {
        self.channel = channel
    }

    public func check(
        _ request: Grpc_Health_V1_HealthCheckRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Grpc_Health_V1_HealthCheckResponse {
        try await channel.unary(path: "/grpc.health.v1.Health/Check", request: request, options: options)
    }

    public func watch(
        _ request: Grpc_Health_V1_HealthCheckRequest, options: CallOptions = CallOptions()
    ) -> ServerStreamingCall<Grpc_Health_V1_HealthCheckResponse> {
        channel.serverStreaming(path: "/grpc.health.v1.Health/Watch", request: request, options: options)
    }
}
