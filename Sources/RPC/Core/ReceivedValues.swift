import CGRPC

// Slots that receiving operations fill in. Each owns the memory the C core writes into and frees it
// when the batch that holds it goes away, after its completion handler has read it.

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
