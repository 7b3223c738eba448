/// How one protobuf field type maps to a Swift value and to the wire. Generated code names a
/// kind for each field (`ProtobufSInt32.self`), and the generic coding methods do the rest.
public protocol FieldKind {
    associatedtype Value: Sendable, Equatable
    static var wireType: WireType { get }
    static var defaultValue: Value { get }
    /// Whether proto3 implicit presence leaves the value off the wire.
    static func isDefault(_ value: Value) -> Bool
    static func encodeValue(_ value: Value, to encoder: inout WireEncoder)
    static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Value
}

/// Numeric kinds, which repeated fields may pack into one length-delimited run.
public protocol PackableFieldKind: FieldKind {}

/// Kinds allowed as map keys. Deterministic encoding writes map entries in this order.
public protocol MapKeyFieldKind: FieldKind where Value: Hashable {
    static func precedes(_ lhs: Value, _ rhs: Value) -> Bool
}

extension MapKeyFieldKind where Value: Comparable {
    public static func precedes(_ lhs: Value, _ rhs: Value) -> Bool { lhs < rhs }
}

extension FieldKind where Value: Numeric {
    public static var defaultValue: Value { 0 }
    public static func isDefault(_ value: Value) -> Bool { value == 0 }
}

/// int32: a varint; negative values are sign-extended to ten bytes.
public enum ProtobufInt32: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.varint
    public static func encodeValue(_ value: Int32, to encoder: inout WireEncoder) {
        encoder.writeVarint(UInt64(bitPattern: Int64(value)))
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Int32 {
        Int32(truncatingIfNeeded: try decoder.readVarint())
    }
}

public enum ProtobufInt64: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.varint
    public static func encodeValue(_ value: Int64, to encoder: inout WireEncoder) {
        encoder.writeVarint(UInt64(bitPattern: value))
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Int64 {
        Int64(bitPattern: try decoder.readVarint())
    }
}

public enum ProtobufUInt32: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.varint
    public static func encodeValue(_ value: UInt32, to encoder: inout WireEncoder) {
        encoder.writeVarint(UInt64(value))
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> UInt32 {
        UInt32(truncatingIfNeeded: try decoder.readVarint())
    }
}

public enum ProtobufUInt64: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.varint
    public static func encodeValue(_ value: UInt64, to encoder: inout WireEncoder) {
        encoder.writeVarint(value)
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> UInt64 {
        try decoder.readVarint()
    }
}

/// sint32: ZigZag-encoded so that small negative numbers stay short.
public enum ProtobufSInt32: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.varint
    public static func encodeValue(_ value: Int32, to encoder: inout WireEncoder) {
        encoder.writeVarint(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Int32 {
        let raw = UInt32(truncatingIfNeeded: try decoder.readVarint())
        return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }
}

public enum ProtobufSInt64: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.varint
    public static func encodeValue(_ value: Int64, to encoder: inout WireEncoder) {
        encoder.writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Int64 {
        let raw = try decoder.readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }
}

public enum ProtobufFixed32: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.fixed32
    public static func encodeValue(_ value: UInt32, to encoder: inout WireEncoder) { encoder.writeFixed32(value) }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> UInt32 {
        try decoder.readFixed32()
    }
}

public enum ProtobufFixed64: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.fixed64
    public static func encodeValue(_ value: UInt64, to encoder: inout WireEncoder) { encoder.writeFixed64(value) }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> UInt64 {
        try decoder.readFixed64()
    }
}

public enum ProtobufSFixed32: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.fixed32
    public static func encodeValue(_ value: Int32, to encoder: inout WireEncoder) {
        encoder.writeFixed32(UInt32(bitPattern: value))
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Int32 {
        Int32(bitPattern: try decoder.readFixed32())
    }
}

public enum ProtobufSFixed64: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.fixed64
    public static func encodeValue(_ value: Int64, to encoder: inout WireEncoder) {
        encoder.writeFixed64(UInt64(bitPattern: value))
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Int64 {
        Int64(bitPattern: try decoder.readFixed64())
    }
}

/// float: only +0.0 counts as the default, so -0.0 and every NaN payload survive a round trip.
public enum ProtobufFloat: PackableFieldKind {
    public static let wireType = WireType.fixed32
    public static let defaultValue: Float = 0
    public static func isDefault(_ value: Float) -> Bool { value.bitPattern == 0 }
    public static func encodeValue(_ value: Float, to encoder: inout WireEncoder) {
        encoder.writeFixed32(value.bitPattern)
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Float {
        Float(bitPattern: try decoder.readFixed32())
    }
}

public enum ProtobufDouble: PackableFieldKind {
    public static let wireType = WireType.fixed64
    public static let defaultValue: Double = 0
    public static func isDefault(_ value: Double) -> Bool { value.bitPattern == 0 }
    public static func encodeValue(_ value: Double, to encoder: inout WireEncoder) {
        encoder.writeFixed64(value.bitPattern)
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Double {
        Double(bitPattern: try decoder.readFixed64())
    }
}

/// bool: any non-zero varint reads as true; true is written as 1.
public enum ProtobufBool: PackableFieldKind, MapKeyFieldKind {
    public static let wireType = WireType.varint
    public static let defaultValue = false
    public static func isDefault(_ value: Bool) -> Bool { !value }
    public static func precedes(_ lhs: Bool, _ rhs: Bool) -> Bool { !lhs && rhs }
    public static func encodeValue(_ value: Bool, to encoder: inout WireEncoder) { encoder.writeVarint(value ? 1 : 0) }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Bool {
        try decoder.readVarint() != 0
    }
}

/// string: UTF-8, validated on decode. Map keys order by their UTF-8 bytes, not by Swift's
/// Unicode-aware comparison, so the order matches other protobuf runtimes.
public enum ProtobufString: MapKeyFieldKind {
    public static let wireType = WireType.lengthDelimited
    public static let defaultValue = ""
    public static func isDefault(_ value: String) -> Bool { value.utf8.isEmpty }
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
    public static func encodeValue(_ value: String, to encoder: inout WireEncoder) {
        encoder.writeVarint(UInt64(value.utf8.count))
        encoder.writeRawBytes(value.utf8)
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> String {
        try decoder.readString(fieldNumber: fieldNumber)
    }
}

public enum ProtobufBytes: FieldKind {
    public static let wireType = WireType.lengthDelimited
    public static let defaultValue: [UInt8] = []
    public static func isDefault(_ value: [UInt8]) -> Bool { value.isEmpty }
    public static func encodeValue(_ value: [UInt8], to encoder: inout WireEncoder) {
        encoder.writeVarint(UInt64(value.count))
        encoder.writeRawBytes(value)
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> [UInt8] {
        Array(try decoder.readLengthDelimitedBytes())
    }
}

/// An enum field: its number as an int32 varint.
public enum ProtobufEnumField<Enum: ProtobufEnum>: PackableFieldKind {
    public static var wireType: WireType { .varint }
    public static var defaultValue: Enum { Enum.defaultValue }
    public static func isDefault(_ value: Enum) -> Bool { value.rawValue == 0 }
    public static func encodeValue(_ value: Enum, to encoder: inout WireEncoder) {
        encoder.writeVarint(UInt64(bitPattern: Int64(value.rawValue)))
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Enum {
        Enum(rawValue: Int32(truncatingIfNeeded: try decoder.readVarint()))
    }
}

/// An embedded message, length-delimited.
public enum ProtobufMessageField<Value: Message>: FieldKind {
    public static var wireType: WireType { .lengthDelimited }
    public static var defaultValue: Value { Value() }
    public static func isDefault(_ value: Value) -> Bool { false }
    public static func encodeValue(_ value: Value, to encoder: inout WireEncoder) {
        encoder.writeLengthPrefixed { value.encode(to: &$0) }
    }
    public static func decodeValue(from decoder: inout WireDecoder, fieldNumber: Int) throws(DecodingError) -> Value {
        var value = Value()
        try decoder.readMessage(into: &value)
        return value
    }
}
