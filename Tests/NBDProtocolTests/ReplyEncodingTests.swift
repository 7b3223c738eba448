import Testing

@testable import NBDProtocol

private func encode(_ size: Int, _ body: (UnsafeMutableRawPointer) -> Void) -> [UInt8] {
    var bytes = [UInt8](repeating: 0xee, count: size)
    bytes.withUnsafeMutableBytes { body($0.baseAddress!) }
    return bytes
}

struct ReplyEncodingTests {
    @Test("A simple reply is magic, error and handle")
    func simpleReply() {
        let bytes = encode(16) { ReplyEncoding.simple(into: $0, error: 22, handle: 0xabcd) }
        var reader = WireReader(bytes)
        #expect(reader.readUInt32() == NBDMagic.simpleReply)
        #expect(reader.readUInt32() == 22)
        #expect(reader.readUInt64() == 0xabcd)
    }

    @Test("An OFFSET_DATA chunk counts the 8-byte offset in its length and can be final")
    func offsetDataChunk() {
        let bytes = encode(ReplyEncoding.offsetDataPrefix) {
            ReplyEncoding.offsetData(into: $0, handle: 5, offset: 4096, dataLength: 512, done: true)
        }
        var reader = WireReader(bytes)
        #expect(reader.readUInt32() == NBDMagic.structuredReply)
        #expect(reader.readUInt16() == ReplyFlags.done)
        #expect(reader.readUInt16() == StructuredReplyType.offsetData)
        #expect(reader.readUInt64() == 5)
        #expect(reader.readUInt32() == 520)
        #expect(reader.readUInt64() == 4096)
    }

    @Test("An error chunk carries the error, the message length and the message")
    func errorChunk() {
        let message = Array("bad flags".utf8)
        let size = ReplyEncoding.errorChunkSize(messageLength: message.count)
        let bytes = encode(size) { pointer in
            message.withUnsafeBytes { ReplyEncoding.errorChunk(into: pointer, handle: 9, error: .invalid, message: $0) }
        }
        var reader = WireReader(bytes)
        #expect(reader.readUInt32() == NBDMagic.structuredReply)
        #expect(reader.readUInt16() == ReplyFlags.done)
        #expect(reader.readUInt16() == StructuredReplyType.error)
        #expect(reader.readUInt64() == 9)
        #expect(reader.readUInt32() == UInt32(6 + message.count))
        #expect(reader.readUInt32() == NBDError.invalid.rawValue)
        #expect(reader.readUInt16() == UInt16(message.count))
        #expect(reader.readBytes(message.count).map(Array.init) == message)
    }

    @Test("A block status chunk lists the context id and every descriptor")
    func blockStatusChunk() {
        let extents = [BlockExtent(length: 4096, flags: 0), BlockExtent(length: 8192, flags: 3)]
        let bytes = encode(ReplyEncoding.blockStatusChunkSize(descriptors: 2)) {
            ReplyEncoding.blockStatus(into: $0, handle: 1, contextID: 1, extents: extents)
        }
        var reader = WireReader(bytes)
        _ = reader.readUInt32()
        #expect(reader.readUInt16() == ReplyFlags.done)
        #expect(reader.readUInt16() == StructuredReplyType.blockStatus)
        _ = reader.readUInt64()
        #expect(reader.readUInt32() == 20)
        #expect(reader.readUInt32() == 1)
        #expect(reader.readUInt32() == 4096)
        #expect(reader.readUInt32() == 0)
        #expect(reader.readUInt32() == 8192)
        #expect(reader.readUInt32() == 3)
        #expect(reader.remaining == 0)
    }

    @Test("Error values are exactly the specification's numbers")
    func errorValues() {
        let values = NBDError.allCases.map(\.rawValue)
        #expect(values == [1, 5, 12, 22, 28, 75, 95, 108])
    }
}
