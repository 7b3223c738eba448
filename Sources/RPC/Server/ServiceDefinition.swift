import ProtocolBuffers

/// A service a server can host. Generated service protocols provide `serviceDefinition` for
/// every type that implements their methods.
public protocol RPCService: Sendable {
    var serviceDefinition: ServiceDefinition { get }
}

/// A service's fully qualified name and its methods, with their message types erased.
public struct ServiceDefinition: Sendable {
    public let name: String
    public let methods: [MethodDefinition]

    public init(name: String, methods: [MethodDefinition]) {
        self.name = name
        self.methods = methods
    }
}

/// One method: how to decode its request, run its handler and encode what it answers.
public struct MethodDefinition: Sendable {
    public let name: String
    public let isServerStreaming: Bool
    /// Runs the handler on the raw request. Returns the response of a unary method, or nil for a
    /// streaming method, which has sent its responses through the call already.
    let handle: @Sendable (_ request: [UInt8], _ call: ServerCall) async throws -> [UInt8]?

    public static func unary<Request: Message, Response: Message>(
        _ name: String, _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) -> MethodDefinition {
        MethodDefinition(name: name, isServerStreaming: false) { bytes, call in
            let request = try decodeRequest(Request.self, bytes, limits: call.decodingLimits)
            return try await handler(request, call.context).serializedBytes()
        }
    }

    public static func serverStreaming<Request: Message, Response: Message>(
        _ name: String,
        _ handler: @escaping @Sendable (Request, ResponseWriter<Response>, ServerContext) async throws -> Void
    ) -> MethodDefinition {
        MethodDefinition(name: name, isServerStreaming: true) { bytes, call in
            let request = try decodeRequest(Request.self, bytes, limits: call.decodingLimits)
            try await handler(request, ResponseWriter(call: call), call.context)
            return nil
        }
    }

    private static func decodeRequest<Request: Message>(
        _ type: Request.Type, _ bytes: [UInt8], limits: DecodingLimits
    ) throws(RPCError) -> Request {
        do {
            return try Request(serializedBytes: bytes, limits: limits)
        } catch {
            throw StatusMapping.undecodableRequest(error)
        }
    }
}

/// Sends the responses of a server-streaming call, one at a time: `send` returns once the C core
/// has taken the message, which paces a fast handler to the speed of the client.
public struct ResponseWriter<Response: Message>: Sendable {
    let call: ServerCall

    public func send(_ response: Response) async throws(RPCError) {
        try await call.sendStreamingMessage(response.serializedBytes())
    }
}
