// Generated from google/protobuf/wrappers.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

/// The protobuf message `google.protobuf.DoubleValue`.
public struct Google_Protobuf_DoubleValue: Message {
    public static let protoMessageName = "google.protobuf.DoubleValue"

    public var value: Double = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufDouble.self, tag, into: &value)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufDouble.self, value, number: 1)
    }
}

/// The protobuf message `google.protobuf.FloatValue`.
public struct Google_Protobuf_FloatValue: Message {
    public static let protoMessageName = "google.protobuf.FloatValue"

    public var value: Float = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufFloat.self, tag, into: &value)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufFloat.self, value, number: 1)
    }
}

/// The protobuf message `google.protobuf.Int64Value`.
public struct Google_Protobuf_Int64Value: Message {
    public static let protoMessageName = "google.protobuf.Int64Value"

    public var value: Int64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &value)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt64.self, value, number: 1)
    }
}

/// The protobuf message `google.protobuf.UInt64Value`.
public struct Google_Protobuf_UInt64Value: Message {
    public static let protoMessageName = "google.protobuf.UInt64Value"

    public var value: UInt64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &value)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufUInt64.self, value, number: 1)
    }
}

/// The protobuf message `google.protobuf.Int32Value`.
public struct Google_Protobuf_Int32Value: Message {
    public static let protoMessageName = "google.protobuf.Int32Value"

    public var value: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt32.self, tag, into: &value)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt32.self, value, number: 1)
    }
}

/// The protobuf message `google.protobuf.UInt32Value`.
public struct Google_Protobuf_UInt32Value: Message {
    public static let protoMessageName = "google.protobuf.UInt32Value"

    public var value: UInt32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufUInt32.self, tag, into: &value)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufUInt32.self, value, number: 1)
    }
}

/// The protobuf message `google.protobuf.BoolValue`.
public struct Google_Protobuf_BoolValue: Message {
    public static let protoMessageName = "google.protobuf.BoolValue"

    public var value: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &value)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufBool.self, value, number: 1)
    }
}

/// The protobuf message `google.protobuf.StringValue`.
public struct Google_Protobuf_StringValue: Message {
    public static let protoMessageName = "google.protobuf.StringValue"

    public var value: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &value)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, value, number: 1)
    }
}

/// The protobuf message `google.protobuf.BytesValue`.
public struct Google_Protobuf_BytesValue: Message {
    public static let protoMessageName = "google.protobuf.BytesValue"

    public var value: [UInt8] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufBytes.self, tag, into: &value)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufBytes.self, value, number: 1)
    }
}
