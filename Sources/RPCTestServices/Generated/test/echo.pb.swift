// Generated from test/echo.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers

/// The protobuf message `blockfence.test.EchoRequest`.
public struct Blockfence_Test_EchoRequest: Message {
    public static let protoMessageName = "blockfence.test.EchoRequest"

    public var payload: [UInt8] = []
    public var text: String = ""
    public var delayMilliseconds: UInt32 = 0
    public var failureCode: Int32 = 0
    public var failureMessage: String = ""
    public var responseCount: UInt32 = 0
    public var metadataKey: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufBytes.self, tag, into: &payload)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &text)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt32.self, tag, into: &delayMilliseconds)
        case 4:
            return try decoder.decodeSingular(ProtobufInt32.self, tag, into: &failureCode)
        case 5:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &failureMessage)
        case 6:
            return try decoder.decodeSingular(ProtobufUInt32.self, tag, into: &responseCount)
        case 7:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &metadataKey)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufBytes.self, payload, number: 1)
        encoder.encodeImplicit(ProtobufString.self, text, number: 2)
        encoder.encodeImplicit(ProtobufUInt32.self, delayMilliseconds, number: 3)
        encoder.encodeImplicit(ProtobufInt32.self, failureCode, number: 4)
        encoder.encodeImplicit(ProtobufString.self, failureMessage, number: 5)
        encoder.encodeImplicit(ProtobufUInt32.self, responseCount, number: 6)
        encoder.encodeImplicit(ProtobufString.self, metadataKey, number: 7)
    }
}

/// The protobuf message `blockfence.test.EchoResponse`.
public struct Blockfence_Test_EchoResponse: Message {
    public static let protoMessageName = "blockfence.test.EchoResponse"

    public var payload: [UInt8] = []
    public var text: String = ""
    public var index: UInt32 = 0
    public var metadataValue: String = ""
    public var serverName: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufBytes.self, tag, into: &payload)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &text)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt32.self, tag, into: &index)
        case 4:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &metadataValue)
        case 5:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &serverName)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufBytes.self, payload, number: 1)
        encoder.encodeImplicit(ProtobufString.self, text, number: 2)
        encoder.encodeImplicit(ProtobufUInt32.self, index, number: 3)
        encoder.encodeImplicit(ProtobufString.self, metadataValue, number: 4)
        encoder.encodeImplicit(ProtobufString.self, serverName, number: 5)
    }
}
