/// A field declared with `extend` on another message, most often a custom option on
/// `google.protobuf.FieldOptions`. Its value travels in the extended message's unknown fields,
/// where this reads it.
public struct ProtobufExtension<Kind: FieldKind>: Sendable {
    public let number: Int
    /// The fully qualified name of the extended message.
    public let extendee: String

    public init(number: Int, extendee: String) {
        self.number = number
        self.extendee = extendee
    }

    /// The extension's value in `message`, or nil when it is absent or malformed. When the field
    /// occurs more than once the last occurrence wins, as for any singular field.
    public func value(in message: some Message) -> Kind.Value? {
        guard let decoder = try? WireDecoder(bytes: message.unknownFields.bytes) else { return nil }
        var reader = decoder
        var found: Kind.Value?
        do {
            while let tag = try reader.nextTag() {
                if tag.number == number, tag.wireType == Kind.wireType {
                    found = try Kind.decodeValue(from: &reader, fieldNumber: number)
                } else {
                    try reader.skipField(tag)
                }
            }
        } catch {
            return nil
        }
        return found
    }
}
