import BlockfenceBase
import CGRPC
import ProtocolBuffers

/// A client connection to one gRPC server address, over the C core.
///
/// The core connects lazily, keeps the connection, and reconnects with exponential backoff when
/// the server goes away; calls made while it is down fail UNAVAILABLE unless they set
/// `waitForReady`. One channel carries any number of concurrent calls.
public final class RPCChannel: @unchecked Sendable {
    public let target: ListenAddress
    public let configuration: RPCChannelConfiguration
    let channel: OpaquePointer
    let queue: CompletionQueue
    private let arguments: ChannelArguments

    public init(
        target: ListenAddress, configuration: RPCChannelConfiguration = RPCChannelConfiguration()
    ) throws(SystemError) {
        GRPCLibrary.ensureInitialized()
        self.target = target
        self.configuration = configuration
        queue = try CompletionQueue(name: "rpc-client-cq")
        arguments = ChannelArguments([
            ("grpc.max_receive_message_length", configuration.maximumReceiveMessageBytes),
            ("grpc.max_send_message_length", configuration.maximumSendMessageBytes),
            // Not grpc.min_reconnect_backoff_ms: despite its name the core reads it as the minimum
            // time one connection attempt may take, and a short value fails connections under load.
            ("grpc.initial_reconnect_backoff_ms", Int(configuration.initialReconnectBackoff.milliseconds)),
            ("grpc.max_reconnect_backoff_ms", Int(configuration.maximumReconnectBackoff.milliseconds)),
        ])
        let credentials = grpc_insecure_credentials_create()
        channel = grpc_channel_create(target.description, credentials, arguments.pointer)
        grpc_channel_credentials_release(credentials)
    }

    /// Runs when the last call has let go of the channel.
    deinit {
        grpc_channel_destroy(channel)
        queue.shutdown()
    }

    var decodingLimits: DecodingLimits {
        DecodingLimits(
            maximumMessageBytes: configuration.maximumReceiveMessageBytes,
            maximumDepth: configuration.maximumNestingDepth)
    }

    /// Sends one request and waits for one response. Cancelling the calling task cancels the call.
    public func unary<Request: Message, Response: Message>(
        path: String, request: Request, options: CallOptions = CallOptions(),
        responseType: Response.Type = Response.self
    ) async throws(RPCError) -> Response {
        let call = try ClientCall(channel: self, path: path, options: options)
        defer { call.end() }
        let batch = Batch()
        batch.sendInitialMetadata(options.metadata, flags: options.waitForReady ? bf_grpc_wait_for_ready_flags() : 0)
        batch.sendMessage(request.serializedBytes())
        batch.sendCloseFromClient()
        _ = batch.receiveInitialMetadata()
        let message = batch.receiveMessage()
        let status = batch.receiveStatus()
        guard await call.run(batch) else { throw StatusMapping.callNotStarted(method: path) }
        let (code, details) = status.status
        guard code == .ok else { throw RPCError(code, details) }
        guard let bytes = message.bytes else {
            throw RPCError(.internal, "the server ended \(path) with OK but sent no response")
        }
        do {
            return try Response(serializedBytes: bytes, limits: decodingLimits)
        } catch {
            throw StatusMapping.undecodableResponse(error)
        }
    }

    /// Sends one request and returns the responses as an asynchronous sequence. The call starts
    /// when iteration starts; leaving the loop early cancels it.
    public func serverStreaming<Request: Message, Response: Message>(
        path: String, request: Request, options: CallOptions = CallOptions(),
        responseType: Response.Type = Response.self
    ) -> ServerStreamingCall<Response> {
        ServerStreamingCall(channel: self, path: path, request: request.serializedBytes(), options: options)
    }
}
