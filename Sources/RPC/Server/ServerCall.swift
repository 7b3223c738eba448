import BlockfenceBase
import CGRPC
import ProtocolBuffers
import Synchronization

/// One call on the server, from the moment the C core hands it over until its status is sent and
/// the core's reference is dropped.
///
/// A call runs three overlapping things: a receive-close operation that reports cancellation, the
/// request read, and the handler's task. The core's call object is released only once every
/// started batch has completed and the status has gone out, so no batch ever touches a released
/// call.
final class ServerCall: @unchecked Sendable {
    private struct State {
        var pendingBatches = 0
        var statusFinished = false
        var released = false
        var initialMetadataSent = false
        var sendInFlight = false
        var handlerTask: Task<Void, Never>?
    }

    private let call: OpaquePointer
    let context: ServerContext
    let decodingLimits: DecodingLimits
    private let state = Mutex(State())
    private let startInstant = ContinuousClock.now
    /// Runs once the call is released, for the server's accounting.
    private let onRelease: @Sendable () -> Void

    init(
        call: OpaquePointer, context: ServerContext, decodingLimits: DecodingLimits,
        onRelease: @escaping @Sendable () -> Void
    ) {
        self.call = call
        self.context = context
        self.decodingLimits = decodingLimits
        self.onRelease = onRelease
    }

    /// Starts serving on the poller thread: watches for cancellation, then either answers at once
    /// (`rejection`) or reads the request and runs `method` on `executor`.
    func begin(method: MethodDefinition?, rejection: RPCError?, executor: WorkerPool) {
        let close = Batch()
        let closed = close.receiveClose()
        _ = startBatch(close) { [self] _ in
            guard closed.wasCancelled else { return }
            context.cancellation.set()
            let task = state.withLock { $0.handlerTask }
            task?.cancel()
        }
        guard let method, rejection == nil else {
            sendStatusNow(rejection ?? StatusMapping.unimplemented(method: context.method))
            return
        }
        let read = Batch()
        let message = read.receiveMessage()
        let started = startBatch(read) { [self] success in
            guard success, let request = message.bytes else {
                sendStatusNow(StatusMapping.missingRequest())
                return
            }
            runHandler(method, request: request, executor: executor)
        }
        if !started { sendStatusNow(StatusMapping.missingRequest()) }
    }

    private func runHandler(_ method: MethodDefinition, request: [UInt8], executor: WorkerPool) {
        let task = Task(executorPreference: executor) { [self] in
            var response: [UInt8]?
            var failure: RPCError?
            do {
                response = try await method.handle(request, self)
            } catch {
                failure = StatusMapping.status(for: error)
            }
            await finish(response: response, failure: failure)
        }
        state.withLock { $0.handlerTask = task }
        if context.cancellation.isSet { task.cancel() }
    }

    /// Sends one message of a server-streaming response and waits until the core has taken it.
    func sendStreamingMessage(_ bytes: [UInt8]) async throws(RPCError) {
        let sendsMetadata = try state.withLock { state throws(RPCError) -> Bool in
            guard !state.sendInFlight else { throw StatusMapping.concurrentSend() }
            state.sendInFlight = true
            defer { state.initialMetadataSent = true }
            return !state.initialMetadataSent
        }
        defer { state.withLock { $0.sendInFlight = false } }
        let batch = Batch()
        if sendsMetadata { batch.sendInitialMetadata(Metadata()) }
        batch.sendMessage(bytes)
        guard await run(batch) else { throw StatusMapping.responseStreamClosed() }
    }

    /// Sends the response of a unary call, if any, and the status that ends the call.
    private func finish(response: [UInt8]?, failure: RPCError?) async {
        let batch = Batch()
        let sendsMetadata = state.withLock { state -> Bool in
            defer { state.initialMetadataSent = true }
            return !state.initialMetadataSent
        }
        if sendsMetadata { batch.sendInitialMetadata(Metadata()) }
        if let failure {
            batch.sendStatus(failure.code, message: failure.message)
        } else {
            if let response { batch.sendMessage(response) }
            batch.sendStatus(.ok, message: "")
        }
        _ = await run(batch)
        logFinished(failure?.code ?? .ok)
        statusDidFinish()
    }

    /// Answers without running a handler: an unknown method, a rejected or unreadable call.
    private func sendStatusNow(_ status: RPCError) {
        let batch = Batch()
        batch.sendInitialMetadata(Metadata())
        batch.sendStatus(status.code, message: status.message)
        state.withLock { $0.initialMetadataSent = true }
        let started = startBatch(batch) { [self] _ in
            logFinished(status.code)
            statusDidFinish()
        }
        if !started { statusDidFinish() }
    }

    private func logFinished(_ code: StatusCode) {
        let elapsed = ContinuousClock.now - startInstant
        let (seconds, attoseconds) = elapsed.components
        context.logger.trace(
            "Call finished.",
            [
                "code": code, "elapsed_microseconds": seconds * 1_000_000 + attoseconds / 1_000_000_000_000,
                "cancelled": context.cancellation.isSet,
            ])
    }

    private func run(_ batch: Batch) async -> Bool {
        await withCheckedContinuation { continuation in
            let started = startBatch(batch) { success in continuation.resume(returning: success) }
            if !started { continuation.resume(returning: false) }
        }
    }

    /// Starts a batch and counts it, so that the call outlives it.
    private func startBatch(_ batch: Batch, completion: @escaping (Bool) -> Void) -> Bool {
        state.withLock { $0.pendingBatches += 1 }
        let started = batch.start(on: call) { [self] success in
            completion(success)
            batchDidFinish()
        }
        if !started { batchDidFinish() }
        return started
    }

    private func batchDidFinish() {
        let release = state.withLock { state -> Bool in
            state.pendingBatches -= 1
            return takeRelease(&state)
        }
        if release { releaseCall() }
    }

    private func statusDidFinish() {
        let release = state.withLock { state -> Bool in
            state.statusFinished = true
            return takeRelease(&state)
        }
        if release { releaseCall() }
    }

    private func takeRelease(_ state: inout State) -> Bool {
        guard state.pendingBatches == 0, state.statusFinished, !state.released else { return false }
        state.released = true
        state.handlerTask = nil
        return true
    }

    private func releaseCall() {
        grpc_call_unref(call)
        onRelease()
    }
}
