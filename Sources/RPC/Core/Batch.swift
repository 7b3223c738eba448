import CGRPC

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
}
