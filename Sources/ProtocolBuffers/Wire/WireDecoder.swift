/// Reads protobuf wire format from a byte array, checking every length against the bytes present.
///
/// One decoder walks the whole input; a nested message narrows `end` to its own length for the
/// duration of its decoding, so nothing is copied per level.
public struct WireDecoder {
    private let bytes: [UInt8]
    /// The offset of the next unread byte.
    public private(set) var position: Int
    /// Where the message being decoded ends.
    private var end: Int
    /// How many messages and groups enclose the current position.
    private var depth = 0
    public let limits: DecodingLimits
    /// The offset of the key most recently returned by `nextTag`.
    public private(set) var tagStart = 0
    /// A field a decoding method consumed but chose to keep as unknown bytes of the enclosing
    /// message (a map entry with unexpected fields); `Message.merge` moves it there.
    var deferredUnknownField: [UInt8]?

    public init(bytes: [UInt8], limits: DecodingLimits = .standard) throws(DecodingError) {
        guard bytes.count <= limits.maximumMessageBytes else {
            throw .messageTooLarge(bytes: bytes.count, limit: limits.maximumMessageBytes)
        }
        self.bytes = bytes
        self.position = 0
        self.end = bytes.count
        self.limits = limits
    }

    public var isAtEnd: Bool { position >= end }

    public mutating func readVarint() throws(DecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = position
        while true {
            guard position < end else { throw .truncated(offset: start) }
            // The tenth byte may only contribute the top bit; anything longer is malformed.
            guard shift < 64 else { throw .malformedVarint(offset: start) }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    public mutating func readFixed32() throws(DecodingError) -> UInt32 {
        guard end - position >= 4 else { throw .truncated(offset: position) }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << (8 * index) }
        position += 4
        return value
    }

    public mutating func readFixed64() throws(DecodingError) -> UInt64 {
        guard end - position >= 8 else { throw .truncated(offset: position) }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * index) }
        position += 8
        return value
    }

    /// Reads a length prefix and checks that that many bytes remain in the current message.
    public mutating func readLength() throws(DecodingError) -> Int {
        let start = position
        let length = try readVarint()
        guard length <= UInt64(end - position) else { throw .truncated(offset: start) }
        return Int(length)
    }

    /// Reads a length-delimited value's content.
    public mutating func readLengthDelimitedBytes() throws(DecodingError) -> ArraySlice<UInt8> {
        let length = try readLength()
        defer { position += length }
        return bytes[position..<(position + length)]
    }

    public mutating func readString(fieldNumber: Int) throws(DecodingError) -> String {
        let start = position
        let content = try readLengthDelimitedBytes()
        guard let text = String(validating: content, as: UTF8.self) else {
            throw .invalidUTF8(fieldNumber: fieldNumber, offset: start)
        }
        return text
    }

    /// The next field key of the current message, or nil at its end.
    public mutating func nextTag() throws(DecodingError) -> FieldTag? {
        guard position < end else { return nil }
        tagStart = position
        let key = try readVarint()
        guard let wireType = WireType(rawValue: UInt8(key & 7)) else {
            throw .invalidWireType(rawValue: UInt8(key & 7), offset: tagStart)
        }
        let number = key >> 3
        guard number >= 1, number <= UInt64(FieldTag.maximumNumber) else {
            throw .invalidFieldNumber(Int(truncatingIfNeeded: number), offset: tagStart)
        }
        // An end-group key is consumed by `skipField` of its group; met here it has no start.
        guard wireType != .endGroup else { throw .unmatchedEndGroup(fieldNumber: Int(number), offset: tagStart) }
        return FieldTag(number: Int(number), wireType: wireType)
    }

    /// Steps over the value of a field whose key was just read. Groups are walked to their end
    /// key, nested groups included, so their bytes can be kept as an unknown field.
    public mutating func skipField(_ tag: FieldTag) throws(DecodingError) {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: position += try readLength()
        case .startGroup: try skipGroup(number: tag.number)
        case .endGroup: throw .unmatchedEndGroup(fieldNumber: tag.number, offset: tagStart)
        }
    }

    private mutating func skipGroup(number: Int) throws(DecodingError) {
        try enterNesting()
        defer { depth -= 1 }
        while true {
            guard position < end else { throw .truncated(offset: position) }
            let keyStart = position
            let key = try readVarint()
            guard let wireType = WireType(rawValue: UInt8(key & 7)) else {
                throw .invalidWireType(rawValue: UInt8(key & 7), offset: keyStart)
            }
            let fieldNumber = key >> 3
            guard fieldNumber >= 1, fieldNumber <= UInt64(FieldTag.maximumNumber) else {
                throw .invalidFieldNumber(Int(truncatingIfNeeded: fieldNumber), offset: keyStart)
            }
            if wireType == .endGroup {
                guard fieldNumber == UInt64(number) else {
                    throw .unmatchedEndGroup(fieldNumber: Int(fieldNumber), offset: keyStart)
                }
                return
            }
            tagStart = keyStart
            try skipField(FieldTag(number: Int(fieldNumber), wireType: wireType))
        }
    }

    /// The raw bytes between two offsets, for keeping unknown fields.
    public func slice(from start: Int) -> ArraySlice<UInt8> {
        bytes[start..<position]
    }

    /// Decodes a length-delimited embedded message, merging it into `message`.
    public mutating func readMessage<M: Message>(into message: inout M) throws(DecodingError) {
        try readNested(countsAsNesting: true) { decoder throws(DecodingError) in try message.merge(from: &decoder) }
    }

    /// Reads a length prefix and runs `body` with the decoder narrowed to that many bytes; `body`
    /// must consume them all. Embedded messages and map entries count against the depth limit.
    public mutating func readNested(
        countsAsNesting: Bool, _ body: (inout WireDecoder) throws(DecodingError) -> Void
    ) throws(DecodingError) {
        let length = try readLength()
        let savedEnd = end
        end = position + length
        if countsAsNesting { try enterNesting() }
        try body(&self)
        if countsAsNesting { depth -= 1 }
        end = savedEnd
    }

    private mutating func enterNesting() throws(DecodingError) {
        guard depth < limits.maximumDepth else { throw .nestingTooDeep(limit: limits.maximumDepth, offset: position) }
        depth += 1
    }
}
