// Transmission-phase replies, encoded straight into a caller's buffer so the data path copies
// nothing twice and allocates nothing per request.

public enum ReplyEncoding {
    /// A simple reply header: magic, error, handle. Read data, if any, follows it.
    @inline(__always)
    public static func simple(into pointer: UnsafeMutableRawPointer, error: UInt32, handle: UInt64) {
        pointer.storeBigEndian(NBDMagic.simpleReply, at: 0)
        pointer.storeBigEndian(error, at: 4)
        pointer.storeBigEndian(handle, at: 8)
    }

    /// A structured reply chunk header: magic, flags, type, handle, payload length.
    @inline(__always)
    public static func chunk(
        into pointer: UnsafeMutableRawPointer, flags: UInt16, type: UInt16, handle: UInt64, payloadLength: UInt32
    ) {
        pointer.storeBigEndian(NBDMagic.structuredReply, at: 0)
        pointer.storeBigEndian(flags, at: 4)
        pointer.storeBigEndian(type, at: 6)
        pointer.storeBigEndian(handle, at: 8)
        pointer.storeBigEndian(payloadLength, at: 16)
    }

    /// Bytes before the data of an NBD_REPLY_TYPE_OFFSET_DATA chunk: the header and the offset.
    public static let offsetDataPrefix = NBDWireSize.structuredReplyHeader + 8

    /// The header and offset of an OFFSET_DATA chunk that carries `dataLength` bytes after it.
    @inline(__always)
    public static func offsetData(
        into pointer: UnsafeMutableRawPointer, handle: UInt64, offset: UInt64, dataLength: UInt32, done: Bool
    ) {
        chunk(
            into: pointer, flags: done ? ReplyFlags.done : 0, type: StructuredReplyType.offsetData, handle: handle,
            payloadLength: dataLength + 8)
        pointer.storeBigEndian(offset, at: NBDWireSize.structuredReplyHeader)
    }

    /// The size of an NBD_REPLY_TYPE_ERROR chunk with `messageLength` bytes of message.
    @inline(__always)
    public static func errorChunkSize(messageLength: Int) -> Int {
        NBDWireSize.structuredReplyHeader + 6 + messageLength
    }

    /// An NBD_REPLY_TYPE_ERROR chunk marked done. `message` must fit in 16 bits of length.
    public static func errorChunk(
        into pointer: UnsafeMutableRawPointer, handle: UInt64, error: NBDError, message: UnsafeRawBufferPointer
    ) {
        precondition(message.count <= Int(UInt16.max), "error message longer than its 16-bit length field")
        chunk(
            into: pointer, flags: ReplyFlags.done, type: StructuredReplyType.error, handle: handle,
            payloadLength: UInt32(6 + message.count))
        pointer.storeBigEndian(error.rawValue, at: 20)
        pointer.storeBigEndian(UInt16(message.count), at: 24)
        if let base = message.baseAddress, message.count > 0 {
            (pointer + 26).copyMemory(from: base, byteCount: message.count)
        }
    }

    /// The size of an NBD_REPLY_TYPE_BLOCK_STATUS chunk with `count` descriptors.
    @inline(__always)
    public static func blockStatusChunkSize(descriptors count: Int) -> Int {
        NBDWireSize.structuredReplyHeader + 4 + 8 * count
    }

    /// An NBD_REPLY_TYPE_BLOCK_STATUS chunk marked done: context id, then (length, flags) pairs.
    public static func blockStatus(
        into pointer: UnsafeMutableRawPointer, handle: UInt64, contextID: UInt32, extents: [BlockExtent]
    ) {
        chunk(
            into: pointer, flags: ReplyFlags.done, type: StructuredReplyType.blockStatus, handle: handle,
            payloadLength: UInt32(4 + 8 * extents.count))
        pointer.storeBigEndian(contextID, at: 20)
        var position = 24
        for extent in extents {
            pointer.storeBigEndian(extent.length, at: position)
            pointer.storeBigEndian(extent.flags, at: position + 4)
            position += 8
        }
    }
}

/// One descriptor of a block status reply.
public struct BlockExtent: Equatable, Sendable {
    public var length: UInt32
    public var flags: UInt32

    public init(length: UInt32, flags: UInt32) {
        self.length = length
        self.flags = flags
    }
}
