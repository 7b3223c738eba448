// Generated from test/echo.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers
import RPC

/// Serves `blockfence.test.Echo` over gRPC. Implement the methods and register the value with an `RPCServer`;
/// a method throws `RPCError` to answer with a status code other than OK.
public protocol Blockfence_Test_EchoService: RPCService {
    func echo(
        _ request: Blockfence_Test_EchoRequest, context: ServerContext
    ) async throws -> Blockfence_Test_EchoResponse
    func expand(
        _ request: Blockfence_Test_EchoRequest,
        responses: ResponseWriter<Blockfence_Test_EchoResponse>,
        context: ServerContext
    ) async throws
}

extension Blockfence_Test_EchoService {
    public var serviceDefinition: ServiceDefinition {
        ServiceDefinition(
            name: "blockfence.test.Echo",
            methods: [
                .unary("Echo") { (request: Blockfence_Test_EchoRequest, context) in
                    try await self.echo(request, context: context)
                },
                .serverStreaming("Expand") { (request: Blockfence_Test_EchoRequest, responses, context) in
                    try await self.expand(request, responses: responses, context: context)
                },
            ]
        )
    }
}

/// Calls the gRPC service `blockfence.test.Echo` over an `RPCChannel`.
public struct Blockfence_Test_EchoClient: Sendable {
    public let channel: RPCChannel

    public init(channel: RPCChannel) {
        self.channel = channel
    }

    public func echo(
        _ request: Blockfence_Test_EchoRequest, options: CallOptions = CallOptions()
    ) async throws(RPCError) -> Blockfence_Test_EchoResponse {
        try await channel.unary(path: "/blockfence.test.Echo/Echo", request: request, options: options)
    }

    public func expand(
        _ request: Blockfence_Test_EchoRequest, options: CallOptions = CallOptions()
    ) -> ServerStreamingCall<Blockfence_Test_EchoResponse> {
        channel.serverStreaming(path: "/blockfence.test.Echo/Expand", request: request, options: options)
    }
}
