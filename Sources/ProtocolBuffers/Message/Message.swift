/// A protobuf message type. Generated code conforms to it; this runtime supplies decoding and
/// encoding of whole messages on top of the per-field methods below.
public protocol Message: Sendable, Equatable {
    /// The fully qualified protobuf name, for example `google.protobuf.Timestamp`.
    static var protoMessageName: String { get }

    /// Fields this type does not know, kept as they arrived so that re-encoding loses nothing.
    var unknownFields: UnknownFields { get set }

    init()

    /// Decodes the value of one field whose key was just read. Returns false, having consumed
    /// nothing, when the field number is unknown or arrived with an unexpected wire type; the
    /// caller then keeps the field as unknown bytes.
    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool

    /// Encodes the known fields in field-number order.
    func encodeFields(to encoder: inout WireEncoder)
}

extension Message {
    /// Decodes a message from its serialized form.
    public init(serializedBytes bytes: [UInt8], limits: DecodingLimits = .standard) throws(DecodingError) {
        self.init()
        var decoder = try WireDecoder(bytes: bytes, limits: limits)
        try merge(from: &decoder)
    }

    /// Encodes the message: known fields in field-number order, then unknown fields as received.
    public func serializedBytes() -> [UInt8] {
        var encoder = WireEncoder()
        encode(to: &encoder)
        return encoder.bytes
    }

    public func encode(to encoder: inout WireEncoder) {
        encodeFields(to: &encoder)
        encoder.writeRawBytes(unknownFields.bytes)
    }

    /// Decodes fields until the decoder reaches the end of the current message. A field that
    /// appears again replaces a scalar, extends a repeated field and merges into a message.
    public mutating func merge(from decoder: inout WireDecoder) throws(DecodingError) {
        while let tag = try decoder.nextTag() {
            let start = decoder.tagStart
            if try decodeField(tag, from: &decoder) {
                if let deferred = decoder.deferredUnknownField {
                    unknownFields.append(deferred)
                    decoder.deferredUnknownField = nil
                }
                continue
            }
            try decoder.skipField(tag)
            unknownFields.append(decoder.slice(from: start))
        }
    }
}

/// Holds a message-typed field out of line, which lets a message contain itself (directly or
/// through other messages) while staying a value type: the box is immutable and replaced on write.
public final class MessageBox<Value: Message>: Sendable, Equatable {
    public let value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public static func == (lhs: MessageBox, rhs: MessageBox) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }
}
