import CGRPC

/// Conversions between grpc_slice and Swift values. Slices made here own a copy of the bytes and
/// must be released with `grpc_slice_unref`.
enum Slices {
    static func make(_ bytes: some Collection<UInt8>) -> grpc_slice {
        let contiguous = Array(bytes)
        return contiguous.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                grpc_slice_from_copied_buffer(characters.baseAddress, characters.count)
            }
        }
    }

    static func make(_ text: String) -> grpc_slice {
        make(Array(text.utf8))
    }

    static func bytes(_ slice: grpc_slice) -> [UInt8] {
        withUnsafePointer(to: slice) { pointer in
            let length = bf_grpc_slice_length(pointer)
            guard length > 0, let start = bf_grpc_slice_start(pointer) else { return [] }
            return Array(UnsafeBufferPointer(start: start, count: length))
        }
    }

    static func string(_ slice: grpc_slice) -> String {
        String(decoding: bytes(slice), as: UTF8.self)
    }
}

/// Conversions between grpc_byte_buffer, the C core's message container, and byte arrays.
enum ByteBuffers {
    /// A byte buffer holding a copy of `bytes`; the caller destroys it.
    static func make(_ bytes: [UInt8]) -> UnsafeMutablePointer<grpc_byte_buffer> {
        var slice = Slices.make(bytes)
        defer { grpc_slice_unref(slice) }
        return grpc_raw_byte_buffer_create(&slice, 1)
    }

    /// The whole content of a byte buffer, decompressed if the peer compressed it.
    static func bytes(_ buffer: UnsafeMutablePointer<grpc_byte_buffer>) -> [UInt8]? {
        var reader = grpc_byte_buffer_reader()
        guard grpc_byte_buffer_reader_init(&reader, buffer) != 0 else { return nil }
        defer { grpc_byte_buffer_reader_destroy(&reader) }
        let slice = grpc_byte_buffer_reader_readall(&reader)
        defer { grpc_slice_unref(slice) }
        return Slices.bytes(slice)
    }
}
