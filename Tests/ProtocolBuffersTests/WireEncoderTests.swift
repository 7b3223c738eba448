import ProtocolBuffers
import Testing

@Suite struct WireEncoderTests {
    static let varints: [(UInt64, [UInt8])] = [
        (0, [0x00]),
        (1, [0x01]),
        (127, [0x7f]),
        (128, [0x80, 0x01]),
        (300, [0xac, 0x02]),
        (16_383, [0xff, 0x7f]),
        (16_384, [0x80, 0x80, 0x01]),
        (UInt64.max, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
    ]

    @Test(arguments: varints)
    func varintsUseTheFewestBytes(value: UInt64, expected: [UInt8]) {
        var encoder = WireEncoder()
        encoder.writeVarint(value)
        #expect(encoder.bytes == expected)
        #expect(WireEncoder.varintSize(value) == expected.count)
    }

    static let zigZag: [(Int32, UInt64)] = [
        (0, 0), (-1, 1), (1, 2), (-2, 3), (Int32.max, 4_294_967_294), (Int32.min, 4_294_967_295),
    ]

    @Test(arguments: zigZag)
    func sint32UsesZigZag(value: Int32, wire: UInt64) throws {
        var encoder = WireEncoder()
        ProtobufSInt32.encodeValue(value, to: &encoder)
        var expected = WireEncoder()
        expected.writeVarint(wire)
        #expect(encoder.bytes == expected.bytes)
        var decoder = try WireDecoder(bytes: encoder.bytes)
        #expect(try ProtobufSInt32.decodeValue(from: &decoder, fieldNumber: 1) == value)
    }

    @Test func negativeInt32IsSignExtendedToTenBytes() {
        var encoder = WireEncoder()
        ProtobufInt32.encodeValue(-1, to: &encoder)
        #expect(encoder.bytes == [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
    }

    /// Lengths around each varint boundary exercise the in-place growth of the length prefix.
    @Test(arguments: [0, 1, 127, 128, 129, 16_383, 16_384, 70_000])
    func lengthPrefixMatchesContent(length: Int) throws {
        var encoder = WireEncoder()
        encoder.writeLengthDelimited(number: 3) { nested in
            nested.writeRawBytes([UInt8](repeating: 0xab, count: length))
        }
        var decoder = try WireDecoder(bytes: encoder.bytes, limits: DecodingLimits(maximumMessageBytes: 1 << 20))
        let tag = try #require(try decoder.nextTag())
        #expect(tag == FieldTag(number: 3, wireType: .lengthDelimited))
        let content = try decoder.readLengthDelimitedBytes()
        #expect(content.count == length)
        #expect(content.allSatisfy { $0 == 0xab })
        #expect(decoder.isAtEnd)
    }

    @Test func implicitPresenceLeavesDefaultsOffTheWire() {
        var encoder = WireEncoder()
        encoder.encodeImplicit(ProtobufInt64.self, 0, number: 1)
        encoder.encodeImplicit(ProtobufString.self, "", number: 2)
        encoder.encodeImplicit(ProtobufDouble.self, 0.0, number: 3)
        encoder.encodeImplicit(ProtobufBool.self, false, number: 4)
        #expect(encoder.bytes.isEmpty)
        encoder.encodeImplicit(ProtobufDouble.self, -0.0, number: 3)
        #expect(encoder.bytes == [0x19, 0, 0, 0, 0, 0, 0, 0, 0x80])
    }

    @Test func mapEntriesAreSortedByKeyBytes() {
        var encoder = WireEncoder()
        encoder.encodeMap(ProtobufString.self, ProtobufInt32.self, ["b": 2, "ab": 3, "a": 1, "é": 4], number: 1)
        var keys: [String] = []
        var decoder = try! WireDecoder(bytes: encoder.bytes)
        var map: [String: Int32] = [:]
        while let tag = try! decoder.nextTag() {
            var single: [String: Int32] = [:]
            _ = try! decoder.decodeMapEntry(ProtobufString.self, ProtobufInt32.self, tag, into: &single)
            keys += single.keys
            map.merge(single) { $1 }
        }
        #expect(keys == ["a", "ab", "b", "é"])
        #expect(map == ["b": 2, "ab": 3, "a": 1, "é": 4])
    }

    @Test func signedMapKeysSortNumerically() {
        var encoder = WireEncoder()
        encoder.encodeMap(ProtobufSInt32.self, ProtobufBool.self, [3: true, -5: false, -1: true], number: 1)
        var order: [Int32] = []
        var decoder = try! WireDecoder(bytes: encoder.bytes)
        while let tag = try! decoder.nextTag() {
            var single: [Int32: Bool] = [:]
            _ = try! decoder.decodeMapEntry(ProtobufSInt32.self, ProtobufBool.self, tag, into: &single)
            order += single.keys
        }
        #expect(order == [-5, -1, 3])
    }
}
