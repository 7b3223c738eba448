import CGRPC
import ProtocolBuffers
import Synchronization

/// The responses of a server-streaming call, read with `for try await`. Each iteration makes
/// its own call. Iteration throws `RPCError` when the call ends with a status other than OK.
public struct ServerStreamingCall<Response: Message>: AsyncSequence, Sendable {
    public typealias Element = Response

    let channel: RPCChannel
    let path: String
    let request: [UInt8]
    let options: CallOptions

    public func makeAsyncIterator() -> Iterator {
        Iterator(stream: ResponseStream(channel: channel, path: path, request: request, options: options))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let stream: ResponseStream<Response>
        /// Dropping the iterator before the end cancels the call.
        private let cancelOnDrop: CancelOnDrop

        init(stream: ResponseStream<Response>) {
            self.stream = stream
            self.cancelOnDrop = CancelOnDrop(stream)
        }

        public mutating func next() async throws(RPCError) -> Response? {
            try await stream.next()
        }
    }
}

/// Abandons a stream's call when the iterator holding it goes away, so that a loop left early
/// cancels the call on the server and releases it here.
final class CancelOnDrop: Sendable {
    private let abandon: @Sendable () -> Void

    init<Response>(_ stream: ResponseStream<Response>) {
        abandon = { stream.abandon() }
    }

    deinit {
        abandon()
    }
}

/// The client side of one server-streaming call.
final class ResponseStream<Response: Message>: @unchecked Sendable {
    private enum Phase {
        case notStarted
        case streaming(ClientCall)
        case ended
    }

    private let channel: RPCChannel
    private let path: String
    private let request: [UInt8]
    private let options: CallOptions
    private let phase = Mutex(Phase.notStarted)
    private let status = Promise<(code: StatusCode, message: String)>()

    init(channel: RPCChannel, path: String, request: [UInt8], options: CallOptions) {
        self.channel = channel
        self.path = path
        self.request = request
        self.options = options
    }

    /// Cancels the call if it is still running and lets it be released.
    func abandon() {
        guard case .streaming(let call) = phase.withLock({ $0 }) else { return }
        call.cancel()
        finish(call)
    }

    func next() async throws(RPCError) -> Response? {
        let call: ClientCall
        switch phase.withLock({ $0 }) {
        case .ended: return nil
        case .streaming(let current): call = current
        case .notStarted: call = try start()
        }
        let batch = Batch()
        let message = batch.receiveMessage()
        if await call.run(batch), let bytes = message.bytes {
            do {
                return try Response(serializedBytes: bytes, limits: channel.decodingLimits)
            } catch {
                call.cancel()
                finish(call)
                throw StatusMapping.undecodableResponse(error)
            }
        }
        let (code, details) = await status.value()
        finish(call)
        guard code == .ok else { throw RPCError(code, details) }
        return nil
    }

    private func start() throws(RPCError) -> ClientCall {
        let call = try ClientCall(channel: channel, path: path, options: options)
        let opening = Batch()
        opening.sendInitialMetadata(options.metadata, flags: options.waitForReady ? bf_grpc_wait_for_ready_flags() : 0)
        opening.sendMessage(request)
        opening.sendCloseFromClient()
        _ = opening.receiveInitialMetadata()
        let closing = Batch()
        let received = closing.receiveStatus()
        phase.withLock { $0 = .streaming(call) }
        _ = call.start(opening) { _ in }
        let started = call.start(closing) { [status] _ in status.fulfill(received.status) }
        if !started { status.fulfill((.internal, "the gRPC core refused to start a call to \(path)")) }
        return call
    }

    private func finish(_ call: ClientCall) {
        let wasStreaming = phase.withLock { phase -> Bool in
            guard case .streaming = phase else { return false }
            phase = .ended
            return true
        }
        if wasStreaming { call.end() }
    }
}

/// A value produced once on one thread and awaited on others.
final class Promise<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiters: [CheckedContinuation<Value, Never>] = []
    }

    private let state = Mutex(State())

    func fulfill(_ value: Value) {
        let waiters = state.withLock { state -> [CheckedContinuation<Value, Never>] in
            guard state.value == nil else { return [] }
            state.value = value
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    func value() async -> Value {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Value? in
                if let value = state.value { return value }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
