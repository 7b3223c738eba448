import RPC

/// `blockfence.test.Echo`: answers with what it was sent, after an optional delay, or fails
/// with the status the request names. Tests, the interop suite and the benchmark serve it.
public struct EchoService: Blockfence_Test_EchoService {
    /// Returned in every response so that a test can tell which server answered.
    public let serverName: String

    public init(serverName: String) {
        self.serverName = serverName
    }

    public func echo(
        _ request: Blockfence_Test_EchoRequest, context: ServerContext
    ) async throws -> Blockfence_Test_EchoResponse {
        try await wait(request)
        try failIfAsked(request)
        return response(to: request, index: 0, context: context)
    }

    public func expand(
        _ request: Blockfence_Test_EchoRequest,
        responses: ResponseWriter<Blockfence_Test_EchoResponse>,
        context: ServerContext
    ) async throws {
        for index in 0..<request.responseCount {
            try await wait(request)
            try await responses.send(response(to: request, index: index, context: context))
        }
        try failIfAsked(request)
    }

    /// Sleeps for the requested delay; cancellation of the call ends the sleep early.
    private func wait(_ request: Blockfence_Test_EchoRequest) async throws {
        guard request.delayMilliseconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64(request.delayMilliseconds)))
    }

    private func failIfAsked(_ request: Blockfence_Test_EchoRequest) throws {
        guard request.failureCode != 0 else { return }
        let code = StatusCode(rawValue: request.failureCode) ?? .unknown
        throw RPCError(code, request.failureMessage)
    }

    private func response(
        to request: Blockfence_Test_EchoRequest, index: UInt32, context: ServerContext
    ) -> Blockfence_Test_EchoResponse {
        var response = Blockfence_Test_EchoResponse()
        response.payload = request.payload
        response.text = request.text
        response.index = index
        response.serverName = serverName
        if !request.metadataKey.isEmpty { response.metadataValue = context.metadata[request.metadataKey] ?? "" }
        return response
    }
}
