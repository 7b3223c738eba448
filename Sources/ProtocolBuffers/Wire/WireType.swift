/// The low three bits of every field key: how the value that follows is framed on the wire.
public enum WireType: UInt8, Sendable {
    /// VARINT: int32, int64, uint32, uint64, sint32, sint64, bool, enum.
    case varint = 0
    /// I64: fixed64, sfixed64, double.
    case fixed64 = 1
    /// LEN: string, bytes, embedded messages, packed repeated fields, map entries.
    case lengthDelimited = 2
    /// SGROUP: the start of a proto2 group, which this runtime keeps only as unknown bytes.
    case startGroup = 3
    /// EGROUP: the end of a proto2 group.
    case endGroup = 4
    /// I32: fixed32, sfixed32, float.
    case fixed32 = 5
}

/// A field key as read from the wire: the field number and how its value is framed.
public struct FieldTag: Equatable, Sendable {
    public let number: Int
    public let wireType: WireType

    public init(number: Int, wireType: WireType) {
        self.number = number
        self.wireType = wireType
    }

    /// The largest field number the encoding allows (2^29 - 1).
    public static let maximumNumber = (1 << 29) - 1
}
