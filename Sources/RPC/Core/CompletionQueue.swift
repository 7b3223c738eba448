import BlockfenceBase
import CGRPC

/// A gRPC completion queue and the dedicated thread that polls it. `grpc_completion_queue_next`
/// blocks, so it never runs on Swift's cooperative pool; the tags it returns run their completion
/// handlers on this thread, which only resume waiting tasks and start further batches.
final class CompletionQueue: @unchecked Sendable {
    let queue: OpaquePointer

    init(name: String) throws(SystemError) {
        GRPCLibrary.ensureInitialized()
        queue = grpc_completion_queue_create_for_next(nil)
        try startThread(name: name) { [self] in poll() }
    }

    private func poll() {
        while true {
            let event = grpc_completion_queue_next(queue, gpr_inf_future(GPR_CLOCK_REALTIME), nil)
            switch event.type {
            case GRPC_OP_COMPLETE:
                let tag = Unmanaged<CompletionTag>.fromOpaque(event.tag).takeRetainedValue()
                tag.complete(success: event.success != 0)
            case GRPC_QUEUE_SHUTDOWN:
                grpc_completion_queue_destroy(queue)
                return
            default:
                continue
            }
        }
    }

    /// Lets the poller drain what is pending and exit. Only after every call and server using the
    /// queue is gone; the queue is destroyed by the poller itself.
    func shutdown() {
        grpc_completion_queue_shutdown(queue)
    }
}
