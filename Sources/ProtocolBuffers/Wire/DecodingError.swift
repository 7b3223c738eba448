/// Why bytes could not be decoded as a message. Offsets count bytes from the start of the input.
public enum DecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input is longer than `DecodingLimits.maximumMessageBytes`.
    case messageTooLarge(bytes: Int, limit: Int)
    /// A value, or a length prefix, runs past the end of its enclosing message.
    case truncated(offset: Int)
    /// A varint longer than ten bytes.
    case malformedVarint(offset: Int)
    /// Wire types 6 and 7 do not exist.
    case invalidWireType(rawValue: UInt8, offset: Int)
    /// Field number 0, or one above 2^29 - 1.
    case invalidFieldNumber(Int, offset: Int)
    /// An end-group key without its start, or with another field number.
    case unmatchedEndGroup(fieldNumber: Int, offset: Int)
    /// Messages or groups nest deeper than `DecodingLimits.maximumDepth`.
    case nestingTooDeep(limit: Int, offset: Int)
    /// A string field whose bytes are not valid UTF-8, which proto3 forbids.
    case invalidUTF8(fieldNumber: Int, offset: Int)

    public var description: String {
        switch self {
        case .messageTooLarge(let bytes, let limit): "message of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case .truncated(let offset): "input ends inside a field at offset \(offset)"
        case .malformedVarint(let offset): "varint longer than ten bytes at offset \(offset)"
        case .invalidWireType(let rawValue, let offset): "wire type \(rawValue) does not exist (offset \(offset))"
        case .invalidFieldNumber(let number, let offset): "field number \(number) is out of range (offset \(offset))"
        case .unmatchedEndGroup(let number, let offset): "end of group \(number) without its start (offset \(offset))"
        case .nestingTooDeep(let limit, let offset): "messages nest deeper than \(limit) levels (offset \(offset))"
        case .invalidUTF8(let number, let offset): "string field \(number) is not valid UTF-8 (offset \(offset))"
        }
    }
}
