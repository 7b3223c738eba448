// Generated from google/protobuf/empty.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

/// The protobuf message `google.protobuf.Empty`.
public struct Google_Protobuf_Empty: Message {
    public static let protoMessageName = "google.protobuf.Empty"

    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        false
    }

    public func encodeFields(to encoder: inout WireEncoder) {
    }
}
