import ProtocolBuffers
import RPCTestServices
import Testing

@Suite struct MessageCodingTests {
    typealias Kinds = Blockfence_Test_AllFieldKinds

    /// Encoding is a pure function of the message, so decode-then-encode reproduces the bytes.
    @Test(arguments: 0..<20)
    func randomMessagesSurviveARoundTrip(batch: Int) throws {
        var samples = ConformanceSamples(seed: UInt64(batch) * 7_919 + 1)
        for _ in 0..<100 {
            let bytes = samples.message().serializedBytes()
            let decoded = try Kinds(serializedBytes: bytes)
            #expect(decoded.serializedBytes() == bytes)
        }
    }

    @Test func fieldsAreWrittenInNumberOrderWithUnknownFieldsLast() throws {
        var message = Kinds()
        message.unknownFields = UnknownFields(bytes: [0xc0, 0x3e, 0x01])
        message.secret = "s"
        message.int32Value = 5
        message.boolValue = true
        #expect(message.serializedBytes() == [0x28, 0x05, 0x40, 0x01, 0xa2, 0x06, 0x01, 0x73, 0xc0, 0x3e, 0x01])
    }

    @Test func repeatedNumbersArePackedUnlessDeclaredOtherwise() {
        var message = Kinds()
        message.repeatedInt32 = [1, 2]
        message.unpackedInt32 = [1, 2]
        #expect(message.serializedBytes() == [0x9a, 0x02, 0x02, 0x01, 0x02, 0x90, 0x03, 0x01, 0x90, 0x03, 0x02])
    }

    @Test func packedAndUnpackedFormsAreBothAccepted() throws {
        let unpackedForPackedField: [UInt8] = [0x98, 0x02, 0x07, 0x98, 0x02, 0x08]
        let packedForUnpackedField: [UInt8] = [0x92, 0x03, 0x02, 0x03, 0x04]
        let message = try Kinds(serializedBytes: unpackedForPackedField + packedForUnpackedField)
        #expect(message.repeatedInt32 == [7, 8])
        #expect(message.unpackedInt32 == [3, 4])
    }

    @Test func aFieldWithTheWrongWireTypeIsKeptAsUnknown() throws {
        let bytes: [UInt8] = [0x2d, 1, 0, 0, 0]  // int32_value (5) sent as fixed32
        let message = try Kinds(serializedBytes: bytes)
        #expect(message.int32Value == 0)
        #expect(message.unknownFields.bytes == bytes)
        #expect(message.serializedBytes() == bytes)
    }

    @Test func theLastOneofMemberWins() throws {
        let bytes: [UInt8] = [0xb0, 0x04, 0x05, 0xba, 0x04, 0x01, 0x78]  // choice_int32 = 5, then choice_string
        let message = try Kinds(serializedBytes: bytes)
        #expect(message.choice == .choiceString("x"))
        #expect(message.serializedBytes() == [0xba, 0x04, 0x01, 0x78])
    }

    @Test func repeatedOccurrencesOfAMessageFieldMerge() throws {
        let first: [UInt8] = [0x92, 0x01, 0x02, 0x08, 0x07]  // nested.value = 7
        let second: [UInt8] = [0x92, 0x01, 0x03, 0x12, 0x01, 0x61]  // nested.tags = ["a"]
        let message = try Kinds(serializedBytes: first + second)
        #expect(message.nested?.value == 7)
        #expect(message.nested?.tags == ["a"])
    }

    @Test func optionalFieldsKeepPresenceOfDefaultValues() throws {
        var message = Kinds()
        message.optionalInt32 = 0
        message.optionalString = ""
        let bytes = message.serializedBytes()
        #expect(bytes == [0xa0, 0x01, 0x00, 0xaa, 0x01, 0x00])
        let decoded = try Kinds(serializedBytes: bytes)
        #expect(decoded.optionalInt32 == 0)
        #expect(decoded.optionalString == "")
        #expect(decoded.optionalColor == nil)
    }

    @Test(arguments: [Int32(0), 1, 2, -3, 99, -100, Int32.min])
    func enumsAreOpen(number: Int32) throws {
        var message = Kinds()
        message.color = Blockfence_Test_Color(rawValue: number)
        let decoded = try Kinds(serializedBytes: message.serializedBytes())
        #expect(decoded.color.rawValue == number)
        if number == 99 { #expect(decoded.color == .unrecognized(99)) }
        if number == -3 { #expect(decoded.color == .blue) }
    }

    @Test func enumAliasesNameTheSameCase() {
        #expect(Kinds.Size.huge == Kinds.Size.large)
        #expect(Kinds.Size(rawValue: 2) == .large)
    }

    @Test func mapEntryWithStrayFieldsIsKeptAsAnUnknownField() throws {
        // string_to_string (60) entry: key "k", then field 3, which an entry does not have.
        let entry: [UInt8] = [0xe2, 0x03, 0x05, 0x0a, 0x01, 0x6b, 0x18, 0x01]
        let message = try Kinds(serializedBytes: entry)
        #expect(message.stringToString.isEmpty)
        #expect(message.unknownFields.bytes == entry)
    }

    @Test func mapEntriesWithoutKeyOrValueTakeDefaults() throws {
        let bytes: [UInt8] = [0xe2, 0x03, 0x00, 0xea, 0x03, 0x02, 0x08, 0x05]  // {}, then {key: 5}
        let message = try Kinds(serializedBytes: bytes)
        #expect(message.stringToString == ["": ""])
        #expect(message.int32ToInt64 == [5: 0])
    }

    @Test func customFieldOptionsAreReadFromFieldOptions() throws {
        var encoder = WireEncoder()
        encoder.encodeSingular(ProtobufInt32.self, 1, number: 1)  // ctype = CORD, a field FieldOptions knows
        encoder.encodeSingular(ProtobufBool.self, true, number: 50_001)
        let options = try Google_Protobuf_FieldOptions(serializedBytes: encoder.bytes)
        #expect(Blockfence_Test_SharedTypesExtensions.sensitive.value(in: options) == true)
        #expect(Blockfence_Test_SharedTypesExtensions.sensitive.extendee == "google.protobuf.FieldOptions")
        #expect(Blockfence_Test_SharedTypesExtensions.sensitive.value(in: Google_Protobuf_FieldOptions()) == nil)
    }

    @Test func wellKnownTypesAreGenerated() throws {
        var timestamp = Google_Protobuf_Timestamp()
        timestamp.seconds = 1_700_000_000
        timestamp.nanos = 5
        var wrapper = Google_Protobuf_StringValue()
        wrapper.value = "wrapped"
        var message = Kinds()
        message.timestamp = timestamp
        message.stringWrapper = wrapper
        message.empty = Google_Protobuf_Empty()
        let decoded = try Kinds(serializedBytes: message.serializedBytes())
        #expect(decoded.timestamp == timestamp)
        #expect(decoded.stringWrapper?.value == "wrapped")
        #expect(decoded.empty != nil)
        #expect(Google_Protobuf_Timestamp.protoMessageName == "google.protobuf.Timestamp")
    }

    @Test func descriptorTypesDecodeProtocOutput() throws {
        var field = Google_Protobuf_FieldDescriptorProto()
        field.name = "volume_id"
        field.number = 1
        field.type = .string
        field.label = .optional
        var message = Google_Protobuf_DescriptorProto()
        message.name = "Volume"
        message.field = [field]
        let decoded = try Google_Protobuf_DescriptorProto(serializedBytes: message.serializedBytes())
        #expect(decoded.field.first?.name == "volume_id")
        #expect(decoded.field.first?.type == .string)
    }
}

@Suite struct TimeConversionTests {
    @Test(arguments: [Duration.seconds(5), .milliseconds(1_500), .nanoseconds(7), .zero, .seconds(-2)])
    func durationsRoundTrip(duration: Duration) {
        #expect(Google_Protobuf_Duration(duration).swiftDuration == duration)
    }

    @Test func nowIsAfterTheStartOf2024() {
        let now = Google_Protobuf_Timestamp.now()
        #expect(now.seconds > 1_704_067_200)
        #expect((0..<1_000_000_000).contains(now.nanos))
    }
}
