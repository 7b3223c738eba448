// Generated from google/protobuf/any.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

/// The protobuf message `google.protobuf.Any`.
public struct Google_Protobuf_Any: Message {
    public static let protoMessageName = "google.protobuf.Any"

    public var typeURL: String = ""
    public var value: [UInt8] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &typeURL)
        case 2:
            return try decoder.decodeSingular(ProtobufBytes.self, tag, into: &value)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, typeURL, number: 1)
        encoder.encodeImplicit(ProtobufBytes.self, value, number: 2)
    }
}
