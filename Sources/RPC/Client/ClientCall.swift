import CGRPC
import Synchronization

/// One call from the client side. Like `ServerCall`, it drops the core's call object only after
/// every started batch has completed and the call has ended, and cancels only a live call.
final class ClientCall: @unchecked Sendable {
    private struct State {
        var pendingBatches = 0
        var ended = false
        var released = false
    }

    /// Kept so that the channel outlives its calls.
    let channel: RPCChannel
    private let call: OpaquePointer
    private let state = Mutex(State())

    init(channel: RPCChannel, path: String, options: CallOptions) throws(RPCError) {
        self.channel = channel
        let method = Slices.make(path)
        defer { grpc_slice_unref(method) }
        guard
            let call = grpc_channel_create_call(
                channel.channel, nil, bf_grpc_propagate_defaults(), channel.queue.queue, method, nil,
                Deadlines.timespec(after: options.timeout), nil)
        else { throw StatusMapping.callNotStarted(method: path) }
        self.call = call
    }

    /// Starts a batch; `completion` runs on the channel's poller thread.
    func start(_ batch: Batch, completion: @escaping (Bool) -> Void) -> Bool {
        state.withLock { $0.pendingBatches += 1 }
        let started = batch.start(on: call) { [self] success in
            completion(success)
            batchDidFinish()
        }
        if !started { batchDidFinish() }
        return started
    }

    /// Runs a batch to completion; cancelling the waiting task cancels the call.
    func run(_ batch: Batch) async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let started = start(batch) { success in continuation.resume(returning: success) }
                if !started { continuation.resume(returning: false) }
            }
        } onCancel: {
            cancel()
        }
    }

    func cancel() {
        state.withLock { state in
            guard !state.released else { return }
            _ = grpc_call_cancel(call, nil)
        }
    }

    /// Marks the call over; the core's object goes once no batch is pending.
    func end() {
        let release = state.withLock { state -> Bool in
            state.ended = true
            return takeRelease(&state)
        }
        if release { grpc_call_unref(call) }
    }

    private func batchDidFinish() {
        let release = state.withLock { state -> Bool in
            state.pendingBatches -= 1
            return takeRelease(&state)
        }
        if release { grpc_call_unref(call) }
    }

    private func takeRelease(_ state: inout State) -> Bool {
        guard state.ended, state.pendingBatches == 0, !state.released else { return false }
        state.released = true
        return true
    }
}
