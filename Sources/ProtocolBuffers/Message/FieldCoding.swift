// The per-field methods generated code calls. Encoding methods write nothing for values that
// proto3 leaves off the wire; decoding methods return false, consuming nothing, when the wire type
// does not fit the field, so that the field is kept as unknown bytes as other runtimes do.

extension WireEncoder {
    /// A proto3 field without presence: written only when it differs from the default.
    public mutating func encodeImplicit<Kind: FieldKind>(_ kind: Kind.Type, _ value: Kind.Value, number: Int) {
        guard !Kind.isDefault(value) else { return }
        encodeSingular(kind, value, number: number)
    }

    /// A field with presence (`optional`, a oneof member, a proto2 field): written whenever set.
    public mutating func encodeSingular<Kind: FieldKind>(_ kind: Kind.Type, _ value: Kind.Value, number: Int) {
        writeTag(number: number, wireType: Kind.wireType)
        Kind.encodeValue(value, to: &self)
    }

    public mutating func encodeOptional<Kind: FieldKind>(_ kind: Kind.Type, _ value: Kind.Value?, number: Int) {
        guard let value else { return }
        encodeSingular(kind, value, number: number)
    }

    /// A repeated field with one key per element.
    public mutating func encodeRepeated<Kind: FieldKind>(_ kind: Kind.Type, _ values: [Kind.Value], number: Int) {
        for value in values { encodeSingular(kind, value, number: number) }
    }

    /// A packed repeated field: one key and length, then the elements back to back.
    public mutating func encodePacked<Kind: PackableFieldKind>(_ kind: Kind.Type, _ values: [Kind.Value], number: Int) {
        guard !values.isEmpty else { return }
        writeLengthDelimited(number: number) { encoder in
            for value in values { Kind.encodeValue(value, to: &encoder) }
        }
    }

    /// A map: one entry message per key, in key order so that the encoding is deterministic.
    /// Entries always carry both key and value, as other runtimes write them.
    public mutating func encodeMap<Key: MapKeyFieldKind, Value: FieldKind>(
        _ keyKind: Key.Type, _ valueKind: Value.Type, _ map: [Key.Value: Value.Value], number: Int
    ) {
        guard !map.isEmpty else { return }
        for key in map.keys.sorted(by: Key.precedes) {
            writeLengthDelimited(number: number) { entry in
                entry.encodeSingular(keyKind, key, number: 1)
                entry.encodeSingular(valueKind, map[key]!, number: 2)
            }
        }
    }
}

extension WireDecoder {
    public mutating func decodeSingular<Kind: FieldKind>(
        _ kind: Kind.Type, _ tag: FieldTag, into value: inout Kind.Value
    ) throws(DecodingError) -> Bool {
        guard tag.wireType == Kind.wireType else { return false }
        value = try Kind.decodeValue(from: &self, fieldNumber: tag.number)
        return true
    }

    public mutating func decodeOptional<Kind: FieldKind>(
        _ kind: Kind.Type, _ tag: FieldTag, into value: inout Kind.Value?
    ) throws(DecodingError) -> Bool {
        guard tag.wireType == Kind.wireType else { return false }
        value = try Kind.decodeValue(from: &self, fieldNumber: tag.number)
        return true
    }

    /// An embedded message merges into what an earlier occurrence of the field left.
    public mutating func decodeMessage<M: Message>(_ tag: FieldTag, into value: inout M) throws(DecodingError) -> Bool {
        guard tag.wireType == .lengthDelimited else { return false }
        try readMessage(into: &value)
        return true
    }

    public mutating func decodeMessage<M: Message>(_ tag: FieldTag, into value: inout M?) throws(DecodingError) -> Bool
    {
        guard tag.wireType == .lengthDelimited else { return false }
        var merged = value ?? M()
        try readMessage(into: &merged)
        value = merged
        return true
    }

    /// Repeated strings, bytes and messages: one element per occurrence.
    public mutating func decodeRepeated<Kind: FieldKind>(
        _ kind: Kind.Type, _ tag: FieldTag, into values: inout [Kind.Value]
    ) throws(DecodingError) -> Bool {
        guard tag.wireType == Kind.wireType else { return false }
        values.append(try Kind.decodeValue(from: &self, fieldNumber: tag.number))
        return true
    }

    /// Repeated numbers accept both the packed and the unpacked form, whichever the field declares.
    public mutating func decodeRepeatedPackable<Kind: PackableFieldKind>(
        _ kind: Kind.Type, _ tag: FieldTag, into values: inout [Kind.Value]
    ) throws(DecodingError) -> Bool {
        if tag.wireType == Kind.wireType {
            values.append(try Kind.decodeValue(from: &self, fieldNumber: tag.number))
            return true
        }
        guard tag.wireType == .lengthDelimited else { return false }
        try readNested(countsAsNesting: false) { decoder throws(DecodingError) in
            while !decoder.isAtEnd { values.append(try Kind.decodeValue(from: &decoder, fieldNumber: tag.number)) }
        }
        return true
    }

    /// One map entry. A missing key or value takes its default and a repeated key replaces the
    /// earlier entry. An entry carrying fields other than its key and value is not inserted:
    /// the whole entry is kept among the message's unknown fields instead, as upb (the runtime
    /// under Python's protobuf and grpcio) does, so that nothing the sender wrote is lost.
    public mutating func decodeMapEntry<Key: MapKeyFieldKind, Value: FieldKind>(
        _ keyKind: Key.Type, _ valueKind: Value.Type, _ tag: FieldTag, into map: inout [Key.Value: Value.Value]
    ) throws(DecodingError) -> Bool {
        guard tag.wireType == .lengthDelimited else { return false }
        var key = Key.defaultValue
        var value = Value.defaultValue
        var valuePresent = false
        var unknown = UnknownFields()
        try readNested(countsAsNesting: true) { decoder throws(DecodingError) in
            while let entryTag = try decoder.nextTag() {
                let start = decoder.tagStart
                switch entryTag.number {
                case 1 where entryTag.wireType == Key.wireType:
                    key = try Key.decodeValue(from: &decoder, fieldNumber: tag.number)
                case 2 where entryTag.wireType == Value.wireType:
                    value = try Value.decodeValue(from: &decoder, fieldNumber: tag.number)
                    valuePresent = true
                default:
                    try decoder.skipField(entryTag)
                    unknown.append(decoder.slice(from: start))
                }
            }
        }
        guard !unknown.isEmpty else {
            map[key] = value
            return true
        }
        var entry = WireEncoder()
        entry.writeLengthDelimited(number: tag.number) { encoder in
            encoder.encodeImplicit(keyKind, key, number: 1)
            if valuePresent { encoder.encodeImplicit(valueKind, value, number: 2) }
            encoder.writeRawBytes(unknown.bytes)
        }
        deferredUnknownField = entry.bytes
        return true
    }
}
