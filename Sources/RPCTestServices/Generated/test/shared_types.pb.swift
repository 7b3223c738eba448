// Generated from test/shared_types.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers

/// The protobuf enum `blockfence.test.Color`.
public enum Blockfence_Test_Color: ProtobufEnum {
    case unspecified
    case red
    case green
    case blue
    /// A number this schema does not name, kept so that it is encoded again unchanged.
    case unrecognized(Int32)

    public static let defaultValue = Blockfence_Test_Color.unspecified

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .red
        case 2: self = .green
        case -3: self = .blue
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .red: 1
        case .green: 2
        case .blue: -3
        case .unrecognized(let number): number
        }
    }
}

/// The protobuf message `blockfence.test.Point`.
public struct Blockfence_Test_Point: Message {
    public static let protoMessageName = "blockfence.test.Point"

    public var x: Int64 = 0
    public var y: Int64 = 0
    public var label: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufSInt64.self, tag, into: &x)
        case 2:
            return try decoder.decodeSingular(ProtobufSInt64.self, tag, into: &y)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &label)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufSInt64.self, x, number: 1)
        encoder.encodeImplicit(ProtobufSInt64.self, y, number: 2)
        encoder.encodeImplicit(ProtobufString.self, label, number: 3)
    }
}

/// The extensions `test/shared_types.proto` declares.
public enum Blockfence_Test_SharedTypesExtensions {
    /// `blockfence.test.sensitive`, field 50001 of `google.protobuf.FieldOptions`.
    public static let sensitive = ProtobufExtension<ProtobufBool>(
        number: 50001, extendee: "google.protobuf.FieldOptions")
}
