import CGRPC

/// A completion-queue tag: whatever the C core hands back when an operation finishes. The
/// queue's poller retains it while the operation runs and calls `complete` exactly once.
class CompletionTag: @unchecked Sendable {
    private let handler: (Bool) -> Void

    init(_ handler: @escaping (Bool) -> Void) {
        self.handler = handler
    }

    func complete(success: Bool) {
        handler(success)
    }

    /// The pointer given to the C core; it keeps the tag alive until the poller takes it back.
    func retainedPointer() -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(self).toOpaque()
    }

    /// Drops the reference `retainedPointer` made, for an operation the core refused to start.
    static func releaseUnstarted(_ pointer: UnsafeMutableRawPointer) {
        Unmanaged<CompletionTag>.fromOpaque(pointer).release()
    }
}

/// One `grpc_call_start_batch`: the operations and everything they point at, which must stay
/// alive until the batch completes. Receiving operations return slots read after completion.
final class Batch {
    private var operations: [grpc_op] = []
    /// Objects the operations point into, released with the batch.
    private var keptAlive: [AnyObject] = []
    private var sentMessage: UnsafeMutablePointer<grpc_byte_buffer>?
    private var statusDetails: UnsafeMutablePointer<grpc_slice>?

    deinit {
        if let sentMessage { grpc_byte_buffer_destroy(sentMessage) }
        if let statusDetails {
            grpc_slice_unref(statusDetails.pointee)
            statusDetails.deallocate()
        }
    }

    var isEmpty: Bool { operations.isEmpty }

    func sendInitialMetadata(_ metadata: Metadata, flags: UInt32 = 0) {
        let outgoing = OutgoingMetadata(metadata)
        keptAlive.append(outgoing)
        var operation = grpc_op()
        bf_grpc_op_send_initial_metadata(&operation, outgoing.elements, outgoing.count, flags)
        operations.append(operation)
    }

    func sendMessage(_ bytes: [UInt8]) {
        let buffer = ByteBuffers.make(bytes)
        sentMessage = buffer
        var operation = grpc_op()
        bf_grpc_op_send_message(&operation, buffer)
        operations.append(operation)
    }

    func sendCloseFromClient() {
        var operation = grpc_op()
        bf_grpc_op_send_close_from_client(&operation)
        operations.append(operation)
    }

    func sendStatus(_ code: StatusCode, message: String, trailingMetadata: Metadata = Metadata()) {
        let details = UnsafeMutablePointer<grpc_slice>.allocate(capacity: 1)
        details.initialize(to: Slices.make(message))
        statusDetails = details
        let trailing = OutgoingMetadata(trailingMetadata)
        keptAlive.append(trailing)
        var operation = grpc_op()
        bf_grpc_op_send_status_from_server(
            &operation, grpc_status_code(rawValue: code.rawValue), details, trailing.elements,
            trailing.count)
        operations.append(operation)
    }

    func receiveInitialMetadata() -> ReceivedMetadata {
        let slot = ReceivedMetadata()
        keptAlive.append(slot)
        var operation = grpc_op()
        bf_grpc_op_recv_initial_metadata(&operation, slot.array)
        operations.append(operation)
        return slot
    }

    func receiveMessage() -> ReceivedMessage {
        let slot = ReceivedMessage()
        keptAlive.append(slot)
        var operation = grpc_op()
        bf_grpc_op_recv_message(&operation, slot.buffer)
        operations.append(operation)
        return slot
    }

    func receiveStatus() -> ReceivedStatus {
        let slot = ReceivedStatus()
        keptAlive.append(slot)
        var operation = grpc_op()
        bf_grpc_op_recv_status_on_client(&operation, slot.trailingMetadata.array, slot.code, slot.details)
        operations.append(operation)
        return slot
    }

    func receiveClose() -> ReceivedClose {
        let slot = ReceivedClose()
        keptAlive.append(slot)
        var operation = grpc_op()
        bf_grpc_op_recv_close_on_server(&operation, slot.cancelled)
        operations.append(operation)
        return slot
    }

    /// Starts the batch on `call`; `completion` runs on the completion queue's poller thread and
    /// must return quickly. Returns false, without calling `completion`, when the core refuses.
    func start(on call: OpaquePointer, completion: @escaping (Bool) -> Void) -> Bool {
        let tag = CompletionTag { [self] success in
            completion(success)
            // The batch lives until here, so everything its operations point at stays valid.
            _ = self
        }
        let pointer = tag.retainedPointer()
        let result = operations.withUnsafeBufferPointer { buffer in
            grpc_call_start_batch(call, buffer.baseAddress, buffer.count, pointer, nil)
        }
        guard result == GRPC_CALL_OK else {
            CompletionTag.releaseUnstarted(pointer)
            return false
        }
        return true
    }

    /// Starts the batch and waits for it without blocking a thread. Returns whether it succeeded.
    func run(on call: OpaquePointer) async -> Bool {
        await withCheckedContinuation { continuation in
            let started = start(on: call) { success in continuation.resume(returning: success) }
            if !started { continuation.resume(returning: false) }
        }
    }
}

/// Metadata the C core fills in (initial or trailing).
final class ReceivedMetadata {
    let array = UnsafeMutablePointer<grpc_metadata_array>.allocate(capacity: 1)

    init() {
        grpc_metadata_array_init(array)
    }

    deinit {
        grpc_metadata_array_destroy(array)
        array.deallocate()
    }

    var metadata: Metadata { Metadata(array.pointee) }
}

/// A message the C core delivers; nil when the peer sent no further message.
final class ReceivedMessage {
    let buffer = UnsafeMutablePointer<UnsafeMutablePointer<grpc_byte_buffer>?>.allocate(capacity: 1)

    init() {
        buffer.initialize(to: nil)
    }

    deinit {
        if let message = buffer.pointee { grpc_byte_buffer_destroy(message) }
        buffer.deallocate()
    }

    var bytes: [UInt8]? {
        guard let message = buffer.pointee else { return nil }
        return ByteBuffers.bytes(message)
    }
}

/// The status that ends a call on the client side.
final class ReceivedStatus {
    let code = UnsafeMutablePointer<grpc_status_code>.allocate(capacity: 1)
    let details = UnsafeMutablePointer<grpc_slice>.allocate(capacity: 1)
    let trailingMetadata = ReceivedMetadata()

    init() {
        code.initialize(to: GRPC_STATUS_UNKNOWN)
        details.initialize(to: grpc_empty_slice())
    }

    deinit {
        grpc_slice_unref(details.pointee)
        code.deallocate()
        details.deallocate()
    }

    var status: (code: StatusCode, message: String) {
        (StatusCode(rawValue: code.pointee.rawValue) ?? .unknown, Slices.string(details.pointee))
    }
}

/// How a call ended on the server side: cancelled means the client went away, the deadline
/// passed or the server cancelled it, rather than the status being delivered.
final class ReceivedClose {
    let cancelled = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

    init() {
        cancelled.initialize(to: 0)
    }

    deinit {
        cancelled.deallocate()
    }

    var wasCancelled: Bool { cancelled.pointee != 0 }
}
