// Generated from google/protobuf/timestamp.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

/// The protobuf message `google.protobuf.Timestamp`.
public struct Google_Protobuf_Timestamp: Message {
    public static let protoMessageName = "google.protobuf.Timestamp"

    public var seconds: Int64 = 0
    public var nanos: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &seconds)
        case 2:
            return try decoder.decodeSingular(ProtobufInt32.self, tag, into: &nanos)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt64.self, seconds, number: 1)
        encoder.encodeImplicit(ProtobufInt32.self, nanos, number: 2)
    }
}
