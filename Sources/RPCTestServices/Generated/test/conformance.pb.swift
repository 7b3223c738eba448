// Generated from test/conformance.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers

/// The protobuf message `blockfence.test.AllFieldKinds`.
public struct Blockfence_Test_AllFieldKinds: Message {
    public static let protoMessageName = "blockfence.test.AllFieldKinds"

    public var doubleValue: Double = 0
    public var floatValue: Float = 0
    public var int64Value: Int64 = 0
    public var uint64Value: UInt64 = 0
    public var int32Value: Int32 = 0
    public var fixed64Value: UInt64 = 0
    public var fixed32Value: UInt32 = 0
    public var boolValue: Bool = false
    public var stringValue: String = ""
    public var bytesValue: [UInt8] = []
    public var uint32Value: UInt32 = 0
    public var sfixed32Value: Int32 = 0
    public var sfixed64Value: Int64 = 0
    public var sint32Value: Int32 = 0
    public var sint64Value: Int64 = 0
    public var size: Blockfence_Test_AllFieldKinds.Size = .defaultValue
    public var color: Blockfence_Test_Color = .defaultValue
    public var nested: Blockfence_Test_AllFieldKinds.Nested? {
        get { _nested?.value }
        set { _nested = newValue.map(MessageBox.init) }
    }
    public var point: Blockfence_Test_Point? {
        get { _point?.value }
        set { _point = newValue.map(MessageBox.init) }
    }
    public var optionalInt32: Int32?
    public var optionalString: String?
    public var optionalColor: Blockfence_Test_Color?
    public var optionalDouble: Double?
    public var repeatedDouble: [Double] = []
    public var repeatedFloat: [Float] = []
    public var repeatedInt64: [Int64] = []
    public var repeatedUint64: [UInt64] = []
    public var repeatedInt32: [Int32] = []
    public var repeatedFixed64: [UInt64] = []
    public var repeatedFixed32: [UInt32] = []
    public var repeatedBool: [Bool] = []
    public var repeatedString: [String] = []
    public var repeatedBytes: [[UInt8]] = []
    public var repeatedUint32: [UInt32] = []
    public var repeatedSfixed32: [Int32] = []
    public var repeatedSfixed64: [Int64] = []
    public var repeatedSint32: [Int32] = []
    public var repeatedSint64: [Int64] = []
    public var repeatedColor: [Blockfence_Test_Color] = []
    public var repeatedNested: [Blockfence_Test_AllFieldKinds.Nested] = []
    public var unpackedInt32: [Int32] = []
    public var unpackedSint64: [Int64] = []
    public var unpackedDouble: [Double] = []
    public var unpackedColor: [Blockfence_Test_Color] = []
    public var stringToString: [String: String] = [:]
    public var int32ToInt64: [Int32: Int64] = [:]
    public var uint64ToBytes: [UInt64: [UInt8]] = [:]
    public var sint32ToNested: [Int32: Blockfence_Test_AllFieldKinds.Nested] = [:]
    public var boolToColor: [Bool: Blockfence_Test_Color] = [:]
    public var fixed32ToDouble: [UInt32: Double] = [:]
    public var sfixed64ToPoint: [Int64: Blockfence_Test_Point] = [:]
    public var stringToTimestamp: [String: Google_Protobuf_Timestamp] = [:]
    public var timestamp: Google_Protobuf_Timestamp? {
        get { _timestamp?.value }
        set { _timestamp = newValue.map(MessageBox.init) }
    }
    public var duration: Google_Protobuf_Duration? {
        get { _duration?.value }
        set { _duration = newValue.map(MessageBox.init) }
    }
    public var empty: Google_Protobuf_Empty? {
        get { _empty?.value }
        set { _empty = newValue.map(MessageBox.init) }
    }
    public var int32Wrapper: Google_Protobuf_Int32Value? {
        get { _int32Wrapper?.value }
        set { _int32Wrapper = newValue.map(MessageBox.init) }
    }
    public var int64Wrapper: Google_Protobuf_Int64Value? {
        get { _int64Wrapper?.value }
        set { _int64Wrapper = newValue.map(MessageBox.init) }
    }
    public var uint32Wrapper: Google_Protobuf_UInt32Value? {
        get { _uint32Wrapper?.value }
        set { _uint32Wrapper = newValue.map(MessageBox.init) }
    }
    public var uint64Wrapper: Google_Protobuf_UInt64Value? {
        get { _uint64Wrapper?.value }
        set { _uint64Wrapper = newValue.map(MessageBox.init) }
    }
    public var floatWrapper: Google_Protobuf_FloatValue? {
        get { _floatWrapper?.value }
        set { _floatWrapper = newValue.map(MessageBox.init) }
    }
    public var doubleWrapper: Google_Protobuf_DoubleValue? {
        get { _doubleWrapper?.value }
        set { _doubleWrapper = newValue.map(MessageBox.init) }
    }
    public var boolWrapper: Google_Protobuf_BoolValue? {
        get { _boolWrapper?.value }
        set { _boolWrapper = newValue.map(MessageBox.init) }
    }
    public var stringWrapper: Google_Protobuf_StringValue? {
        get { _stringWrapper?.value }
        set { _stringWrapper = newValue.map(MessageBox.init) }
    }
    public var bytesWrapper: Google_Protobuf_BytesValue? {
        get { _bytesWrapper?.value }
        set { _bytesWrapper = newValue.map(MessageBox.init) }
    }
    public var secret: String = ""
    public var choice: OneOf_Choice?
    public var unknownFields = UnknownFields()

    private var _nested: MessageBox<Blockfence_Test_AllFieldKinds.Nested>?
    private var _point: MessageBox<Blockfence_Test_Point>?
    private var _timestamp: MessageBox<Google_Protobuf_Timestamp>?
    private var _duration: MessageBox<Google_Protobuf_Duration>?
    private var _empty: MessageBox<Google_Protobuf_Empty>?
    private var _int32Wrapper: MessageBox<Google_Protobuf_Int32Value>?
    private var _int64Wrapper: MessageBox<Google_Protobuf_Int64Value>?
    private var _uint32Wrapper: MessageBox<Google_Protobuf_UInt32Value>?
    private var _uint64Wrapper: MessageBox<Google_Protobuf_UInt64Value>?
    private var _floatWrapper: MessageBox<Google_Protobuf_FloatValue>?
    private var _doubleWrapper: MessageBox<Google_Protobuf_DoubleValue>?
    private var _boolWrapper: MessageBox<Google_Protobuf_BoolValue>?
    private var _stringWrapper: MessageBox<Google_Protobuf_StringValue>?
    private var _bytesWrapper: MessageBox<Google_Protobuf_BytesValue>?

    public init() {}

    /// The oneof `choice`: at most one of these is set.
    public indirect enum OneOf_Choice: Equatable, Sendable {
        case choiceInt32(Int32)
        case choiceString(String)
        case choiceNested(Blockfence_Test_AllFieldKinds.Nested)
        case choiceColor(Blockfence_Test_Color)
        case choiceBytes([UInt8])
    }

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufDouble.self, tag, into: &doubleValue)
        case 2:
            return try decoder.decodeSingular(ProtobufFloat.self, tag, into: &floatValue)
        case 3:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &int64Value)
        case 4:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &uint64Value)
        case 5:
            return try decoder.decodeSingular(ProtobufInt32.self, tag, into: &int32Value)
        case 6:
            return try decoder.decodeSingular(ProtobufFixed64.self, tag, into: &fixed64Value)
        case 7:
            return try decoder.decodeSingular(ProtobufFixed32.self, tag, into: &fixed32Value)
        case 8:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &boolValue)
        case 9:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &stringValue)
        case 10:
            return try decoder.decodeSingular(ProtobufBytes.self, tag, into: &bytesValue)
        case 11:
            return try decoder.decodeSingular(ProtobufUInt32.self, tag, into: &uint32Value)
        case 12:
            return try decoder.decodeSingular(ProtobufSFixed32.self, tag, into: &sfixed32Value)
        case 13:
            return try decoder.decodeSingular(ProtobufSFixed64.self, tag, into: &sfixed64Value)
        case 14:
            return try decoder.decodeSingular(ProtobufSInt32.self, tag, into: &sint32Value)
        case 15:
            return try decoder.decodeSingular(ProtobufSInt64.self, tag, into: &sint64Value)
        case 16:
            return try decoder.decodeSingular(
                ProtobufEnumField<Blockfence_Test_AllFieldKinds.Size>.self, tag, into: &size)
        case 17:
            return try decoder.decodeSingular(ProtobufEnumField<Blockfence_Test_Color>.self, tag, into: &color)
        case 18:
            return try decoder.decodeMessage(tag, into: &nested)
        case 19:
            return try decoder.decodeMessage(tag, into: &point)
        case 20:
            return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &optionalInt32)
        case 21:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &optionalString)
        case 22:
            return try decoder.decodeOptional(ProtobufEnumField<Blockfence_Test_Color>.self, tag, into: &optionalColor)
        case 23:
            return try decoder.decodeOptional(ProtobufDouble.self, tag, into: &optionalDouble)
        case 31:
            return try decoder.decodeRepeatedPackable(ProtobufDouble.self, tag, into: &repeatedDouble)
        case 32:
            return try decoder.decodeRepeatedPackable(ProtobufFloat.self, tag, into: &repeatedFloat)
        case 33:
            return try decoder.decodeRepeatedPackable(ProtobufInt64.self, tag, into: &repeatedInt64)
        case 34:
            return try decoder.decodeRepeatedPackable(ProtobufUInt64.self, tag, into: &repeatedUint64)
        case 35:
            return try decoder.decodeRepeatedPackable(ProtobufInt32.self, tag, into: &repeatedInt32)
        case 36:
            return try decoder.decodeRepeatedPackable(ProtobufFixed64.self, tag, into: &repeatedFixed64)
        case 37:
            return try decoder.decodeRepeatedPackable(ProtobufFixed32.self, tag, into: &repeatedFixed32)
        case 38:
            return try decoder.decodeRepeatedPackable(ProtobufBool.self, tag, into: &repeatedBool)
        case 39:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &repeatedString)
        case 40:
            return try decoder.decodeRepeated(ProtobufBytes.self, tag, into: &repeatedBytes)
        case 41:
            return try decoder.decodeRepeatedPackable(ProtobufUInt32.self, tag, into: &repeatedUint32)
        case 42:
            return try decoder.decodeRepeatedPackable(ProtobufSFixed32.self, tag, into: &repeatedSfixed32)
        case 43:
            return try decoder.decodeRepeatedPackable(ProtobufSFixed64.self, tag, into: &repeatedSfixed64)
        case 44:
            return try decoder.decodeRepeatedPackable(ProtobufSInt32.self, tag, into: &repeatedSint32)
        case 45:
            return try decoder.decodeRepeatedPackable(ProtobufSInt64.self, tag, into: &repeatedSint64)
        case 46:
            return try decoder.decodeRepeatedPackable(
                ProtobufEnumField<Blockfence_Test_Color>.self, tag, into: &repeatedColor)
        case 47:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Test_AllFieldKinds.Nested>.self, tag, into: &repeatedNested)
        case 50:
            return try decoder.decodeRepeatedPackable(ProtobufInt32.self, tag, into: &unpackedInt32)
        case 51:
            return try decoder.decodeRepeatedPackable(ProtobufSInt64.self, tag, into: &unpackedSint64)
        case 52:
            return try decoder.decodeRepeatedPackable(ProtobufDouble.self, tag, into: &unpackedDouble)
        case 53:
            return try decoder.decodeRepeatedPackable(
                ProtobufEnumField<Blockfence_Test_Color>.self, tag, into: &unpackedColor)
        case 60:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &stringToString)
        case 61:
            return try decoder.decodeMapEntry(ProtobufInt32.self, ProtobufInt64.self, tag, into: &int32ToInt64)
        case 62:
            return try decoder.decodeMapEntry(ProtobufUInt64.self, ProtobufBytes.self, tag, into: &uint64ToBytes)
        case 63:
            return try decoder.decodeMapEntry(
                ProtobufSInt32.self, ProtobufMessageField<Blockfence_Test_AllFieldKinds.Nested>.self, tag,
                into: &sint32ToNested)
        case 64:
            return try decoder.decodeMapEntry(
                ProtobufBool.self, ProtobufEnumField<Blockfence_Test_Color>.self, tag, into: &boolToColor)
        case 65:
            return try decoder.decodeMapEntry(ProtobufFixed32.self, ProtobufDouble.self, tag, into: &fixed32ToDouble)
        case 66:
            return try decoder.decodeMapEntry(
                ProtobufSFixed64.self, ProtobufMessageField<Blockfence_Test_Point>.self, tag, into: &sfixed64ToPoint)
        case 67:
            return try decoder.decodeMapEntry(
                ProtobufString.self, ProtobufMessageField<Google_Protobuf_Timestamp>.self, tag,
                into: &stringToTimestamp)
        case 70:
            var value = ProtobufInt32.defaultValue
            guard try decoder.decodeSingular(ProtobufInt32.self, tag, into: &value) else { return false }
            choice = .choiceInt32(value)
            return true
        case 71:
            var value = ProtobufString.defaultValue
            guard try decoder.decodeSingular(ProtobufString.self, tag, into: &value) else { return false }
            choice = .choiceString(value)
            return true
        case 72:
            var value = Blockfence_Test_AllFieldKinds.Nested()
            if case .choiceNested(let existing)? = choice { value = existing }
            guard try decoder.decodeMessage(tag, into: &value) else { return false }
            choice = .choiceNested(value)
            return true
        case 73:
            var value = ProtobufEnumField<Blockfence_Test_Color>.defaultValue
            guard try decoder.decodeSingular(
                ProtobufEnumField<Blockfence_Test_Color>.self, tag, into: &value) else { return false }
            choice = .choiceColor(value)
            return true
        case 74:
            var value = ProtobufBytes.defaultValue
            guard try decoder.decodeSingular(ProtobufBytes.self, tag, into: &value) else { return false }
            choice = .choiceBytes(value)
            return true
        case 80:
            return try decoder.decodeMessage(tag, into: &timestamp)
        case 81:
            return try decoder.decodeMessage(tag, into: &duration)
        case 82:
            return try decoder.decodeMessage(tag, into: &empty)
        case 83:
            return try decoder.decodeMessage(tag, into: &int32Wrapper)
        case 84:
            return try decoder.decodeMessage(tag, into: &int64Wrapper)
        case 85:
            return try decoder.decodeMessage(tag, into: &uint32Wrapper)
        case 86:
            return try decoder.decodeMessage(tag, into: &uint64Wrapper)
        case 87:
            return try decoder.decodeMessage(tag, into: &floatWrapper)
        case 88:
            return try decoder.decodeMessage(tag, into: &doubleWrapper)
        case 89:
            return try decoder.decodeMessage(tag, into: &boolWrapper)
        case 90:
            return try decoder.decodeMessage(tag, into: &stringWrapper)
        case 91:
            return try decoder.decodeMessage(tag, into: &bytesWrapper)
        case 100:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &secret)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufDouble.self, doubleValue, number: 1)
        encoder.encodeImplicit(ProtobufFloat.self, floatValue, number: 2)
        encoder.encodeImplicit(ProtobufInt64.self, int64Value, number: 3)
        encoder.encodeImplicit(ProtobufUInt64.self, uint64Value, number: 4)
        encoder.encodeImplicit(ProtobufInt32.self, int32Value, number: 5)
        encoder.encodeImplicit(ProtobufFixed64.self, fixed64Value, number: 6)
        encoder.encodeImplicit(ProtobufFixed32.self, fixed32Value, number: 7)
        encoder.encodeImplicit(ProtobufBool.self, boolValue, number: 8)
        encoder.encodeImplicit(ProtobufString.self, stringValue, number: 9)
        encoder.encodeImplicit(ProtobufBytes.self, bytesValue, number: 10)
        encoder.encodeImplicit(ProtobufUInt32.self, uint32Value, number: 11)
        encoder.encodeImplicit(ProtobufSFixed32.self, sfixed32Value, number: 12)
        encoder.encodeImplicit(ProtobufSFixed64.self, sfixed64Value, number: 13)
        encoder.encodeImplicit(ProtobufSInt32.self, sint32Value, number: 14)
        encoder.encodeImplicit(ProtobufSInt64.self, sint64Value, number: 15)
        encoder.encodeImplicit(ProtobufEnumField<Blockfence_Test_AllFieldKinds.Size>.self, size, number: 16)
        encoder.encodeImplicit(ProtobufEnumField<Blockfence_Test_Color>.self, color, number: 17)
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Test_AllFieldKinds.Nested>.self, nested, number: 18)
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Test_Point>.self, point, number: 19)
        encoder.encodeOptional(ProtobufInt32.self, optionalInt32, number: 20)
        encoder.encodeOptional(ProtobufString.self, optionalString, number: 21)
        encoder.encodeOptional(ProtobufEnumField<Blockfence_Test_Color>.self, optionalColor, number: 22)
        encoder.encodeOptional(ProtobufDouble.self, optionalDouble, number: 23)
        encoder.encodePacked(ProtobufDouble.self, repeatedDouble, number: 31)
        encoder.encodePacked(ProtobufFloat.self, repeatedFloat, number: 32)
        encoder.encodePacked(ProtobufInt64.self, repeatedInt64, number: 33)
        encoder.encodePacked(ProtobufUInt64.self, repeatedUint64, number: 34)
        encoder.encodePacked(ProtobufInt32.self, repeatedInt32, number: 35)
        encoder.encodePacked(ProtobufFixed64.self, repeatedFixed64, number: 36)
        encoder.encodePacked(ProtobufFixed32.self, repeatedFixed32, number: 37)
        encoder.encodePacked(ProtobufBool.self, repeatedBool, number: 38)
        encoder.encodeRepeated(ProtobufString.self, repeatedString, number: 39)
        encoder.encodeRepeated(ProtobufBytes.self, repeatedBytes, number: 40)
        encoder.encodePacked(ProtobufUInt32.self, repeatedUint32, number: 41)
        encoder.encodePacked(ProtobufSFixed32.self, repeatedSfixed32, number: 42)
        encoder.encodePacked(ProtobufSFixed64.self, repeatedSfixed64, number: 43)
        encoder.encodePacked(ProtobufSInt32.self, repeatedSint32, number: 44)
        encoder.encodePacked(ProtobufSInt64.self, repeatedSint64, number: 45)
        encoder.encodePacked(ProtobufEnumField<Blockfence_Test_Color>.self, repeatedColor, number: 46)
        encoder.encodeRepeated(
            ProtobufMessageField<Blockfence_Test_AllFieldKinds.Nested>.self, repeatedNested, number: 47)
        encoder.encodeRepeated(ProtobufInt32.self, unpackedInt32, number: 50)
        encoder.encodeRepeated(ProtobufSInt64.self, unpackedSint64, number: 51)
        encoder.encodeRepeated(ProtobufDouble.self, unpackedDouble, number: 52)
        encoder.encodeRepeated(ProtobufEnumField<Blockfence_Test_Color>.self, unpackedColor, number: 53)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, stringToString, number: 60)
        encoder.encodeMap(ProtobufInt32.self, ProtobufInt64.self, int32ToInt64, number: 61)
        encoder.encodeMap(ProtobufUInt64.self, ProtobufBytes.self, uint64ToBytes, number: 62)
        encoder.encodeMap(
            ProtobufSInt32.self, ProtobufMessageField<Blockfence_Test_AllFieldKinds.Nested>.self, sint32ToNested,
            number: 63)
        encoder.encodeMap(ProtobufBool.self, ProtobufEnumField<Blockfence_Test_Color>.self, boolToColor, number: 64)
        encoder.encodeMap(ProtobufFixed32.self, ProtobufDouble.self, fixed32ToDouble, number: 65)
        encoder.encodeMap(
            ProtobufSFixed64.self, ProtobufMessageField<Blockfence_Test_Point>.self, sfixed64ToPoint, number: 66)
        encoder.encodeMap(
            ProtobufString.self, ProtobufMessageField<Google_Protobuf_Timestamp>.self, stringToTimestamp, number: 67)
        if case .choiceInt32(let value)? = choice {
            encoder.encodeSingular(ProtobufInt32.self, value, number: 70)
        }
        if case .choiceString(let value)? = choice {
            encoder.encodeSingular(ProtobufString.self, value, number: 71)
        }
        if case .choiceNested(let value)? = choice {
            encoder.encodeSingular(ProtobufMessageField<Blockfence_Test_AllFieldKinds.Nested>.self, value, number: 72)
        }
        if case .choiceColor(let value)? = choice {
            encoder.encodeSingular(ProtobufEnumField<Blockfence_Test_Color>.self, value, number: 73)
        }
        if case .choiceBytes(let value)? = choice {
            encoder.encodeSingular(ProtobufBytes.self, value, number: 74)
        }
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Timestamp>.self, timestamp, number: 80)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Duration>.self, duration, number: 81)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Empty>.self, empty, number: 82)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Int32Value>.self, int32Wrapper, number: 83)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Int64Value>.self, int64Wrapper, number: 84)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_UInt32Value>.self, uint32Wrapper, number: 85)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_UInt64Value>.self, uint64Wrapper, number: 86)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_FloatValue>.self, floatWrapper, number: 87)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_DoubleValue>.self, doubleWrapper, number: 88)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_BoolValue>.self, boolWrapper, number: 89)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_StringValue>.self, stringWrapper, number: 90)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_BytesValue>.self, bytesWrapper, number: 91)
        encoder.encodeImplicit(ProtobufString.self, secret, number: 100)
    }

    /// The protobuf message `blockfence.test.AllFieldKinds.Nested`.
    public struct Nested: Message {
        public static let protoMessageName = "blockfence.test.AllFieldKinds.Nested"

        public var value: Int32 = 0
        public var tags: [String] = []
        public var recursive: Blockfence_Test_AllFieldKinds? {
            get { _recursive?.value }
            set { _recursive = newValue.map(MessageBox.init) }
        }
        public var unknownFields = UnknownFields()

        private var _recursive: MessageBox<Blockfence_Test_AllFieldKinds>?

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(ProtobufInt32.self, tag, into: &value)
            case 2:
                return try decoder.decodeRepeated(ProtobufString.self, tag, into: &tags)
            case 3:
                return try decoder.decodeMessage(tag, into: &recursive)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(ProtobufInt32.self, value, number: 1)
            encoder.encodeRepeated(ProtobufString.self, tags, number: 2)
            encoder.encodeOptional(ProtobufMessageField<Blockfence_Test_AllFieldKinds>.self, recursive, number: 3)
        }
    }

    /// The protobuf enum `blockfence.test.AllFieldKinds.Size`.
    public enum Size: ProtobufEnum {
        case unspecified
        case small
        case large
        /// A number this schema does not name, kept so that it is encoded again unchanged.
        case unrecognized(Int32)

        public static let defaultValue = Size.unspecified
        public static let huge = Size.large

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .small
            case 2: self = .large
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .small: 1
            case .large: 2
            case .unrecognized(let number): number
            }
        }
    }
}
