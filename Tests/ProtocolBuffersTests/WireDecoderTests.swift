import ProtocolBuffers
import RPCTestServices
import Testing

@Suite struct WireDecoderTests {
    typealias Kinds = Blockfence_Test_AllFieldKinds

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let error: DecodingError
        var testDescription: String { name }
    }

    static let malformed: [Case] = [
        Case(name: "truncated varint", bytes: [0x08, 0xff], error: .truncated(offset: 1)),
        Case(name: "length past the end", bytes: [0x4a, 0x05, 0x61, 0x62], error: .truncated(offset: 1)),
        Case(name: "fixed64 cut short", bytes: [0x09, 1, 2, 3], error: .truncated(offset: 1)),
        Case(name: "wire type 6", bytes: [0x0e], error: .invalidWireType(rawValue: 6, offset: 0)),
        Case(name: "wire type 7", bytes: [0x0f], error: .invalidWireType(rawValue: 7, offset: 0)),
        Case(name: "field number zero", bytes: [0x00, 0x01], error: .invalidFieldNumber(0, offset: 0)),
        Case(
            name: "field number 2^29", bytes: [0x80, 0x80, 0x80, 0x80, 0x10, 0x00],
            error: .invalidFieldNumber(1 << 29, offset: 0)),
        Case(name: "end group without start", bytes: [0x0c], error: .unmatchedEndGroup(fieldNumber: 1, offset: 0)),
        Case(
            name: "group closed by another number", bytes: [0xc3, 0x3e, 0x14],
            error: .unmatchedEndGroup(fieldNumber: 2, offset: 2)),
        Case(name: "group never closed", bytes: [0xc3, 0x3e, 0x08, 0x01], error: .truncated(offset: 4)),
        Case(
            name: "eleven-byte varint", bytes: [0x08] + [UInt8](repeating: 0xff, count: 10) + [0x01],
            error: .malformedVarint(offset: 1)),
        Case(name: "invalid UTF-8", bytes: [0x4a, 0x02, 0xc3, 0x28], error: .invalidUTF8(fieldNumber: 9, offset: 1)),
        Case(
            name: "UTF-8 surrogate", bytes: [0x4a, 0x03, 0xed, 0xa0, 0x80],
            error: .invalidUTF8(fieldNumber: 9, offset: 1)
        ),
        Case(
            name: "packed fixed32 of five bytes", bytes: [0xaa, 0x02, 0x05, 1, 2, 3, 4, 5], error: .truncated(offset: 7)
        ),
        Case(
            name: "nested message longer than its parent", bytes: [0x92, 0x01, 0x02, 0x08, 0x96, 0x01],
            error: .truncated(offset: 4)),
    ]

    @Test(arguments: malformed)
    func malformedInputIsRefused(_ example: Case) {
        #expect(throws: example.error) { try Kinds(serializedBytes: example.bytes) }
    }

    @Test func messagesOverTheSizeLimitAreRefusedBeforeDecoding() {
        let bytes = [UInt8](repeating: 0, count: 101)
        #expect(throws: DecodingError.messageTooLarge(bytes: 101, limit: 100)) {
            try Kinds(serializedBytes: bytes, limits: DecodingLimits(maximumMessageBytes: 100))
        }
    }

    /// AllFieldKinds.nested (18) holds Nested, whose field 3 holds AllFieldKinds again.
    static func nested(levels: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<levels {
            var inner = WireEncoder()
            inner.writeTag(number: 3, wireType: .lengthDelimited)
            inner.writeVarint(UInt64(bytes.count))
            inner.writeRawBytes(bytes)
            var outer = WireEncoder()
            outer.writeTag(number: 18, wireType: .lengthDelimited)
            outer.writeVarint(UInt64(inner.bytes.count))
            outer.writeRawBytes(inner.bytes)
            bytes = outer.bytes
        }
        return bytes
    }

    @Test func nestingWithinTheLimitDecodes() throws {
        let message = try Kinds(serializedBytes: Self.nested(levels: 40))
        #expect(message.nested?.recursive?.nested != nil)
    }

    @Test func nestingPastTheLimitIsRefused() {
        #expect {
            try Kinds(serializedBytes: Self.nested(levels: 60))
        } throws: { error in
            guard case .nestingTooDeep(let limit, _) = error as? DecodingError else { return false }
            return limit == 100
        }
    }

    @Test func deeplyNestedGroupsAreRefused() {
        let startGroup: [UInt8] = [0xc3, 0x3e]
        let bytes = Array([[UInt8]](repeating: startGroup, count: 200).joined())
        #expect(throws: DecodingError.self) { try Kinds(serializedBytes: bytes) }
    }

    @Test func groupsAreKeptAsUnknownBytes() throws {
        let group: [UInt8] = [0xc3, 0x3e, 0x08, 0x05, 0xc4, 0x3e]
        let bytes: [UInt8] = [0x28, 0x07] + group
        let message = try Kinds(serializedBytes: bytes)
        #expect(message.int32Value == 7)
        #expect(message.unknownFields.bytes == group)
        #expect(message.serializedBytes() == bytes)
    }

    @Test func declaredLengthBeyondTheInputNeverAllocates() {
        // A length prefix of 2^62 with two bytes of content must be refused, not trusted.
        let bytes: [UInt8] = [0x52, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x01, 0x02]
        #expect(throws: DecodingError.truncated(offset: 1)) { try Kinds(serializedBytes: bytes) }
    }
}
