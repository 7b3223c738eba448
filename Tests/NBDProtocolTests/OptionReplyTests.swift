import Testing

@testable import NBDProtocol

struct OptionReplyTests {
    @Test("An ACK is the reply magic, the option, type 1 and no data")
    func acknowledgeBytes() {
        var reader = WireReader(OptionReply.acknowledge(option: OptionCode.go))
        #expect(reader.readUInt64() == NBDMagic.optionReply)
        #expect(reader.readUInt32() == OptionCode.go)
        #expect(reader.readUInt32() == OptionReplyType.acknowledge)
        #expect(reader.readUInt32() == 0)
        #expect(reader.remaining == 0)
    }

    @Test("NBD_INFO_EXPORT carries the size and the transmission flags")
    func infoExportBytes() {
        let bytes = OptionReply.infoExport(option: OptionCode.info, sizeBytes: 1 << 30, flags: [.hasFlags, .readOnly])
        var reader = WireReader(bytes)
        _ = reader.readUInt64()
        _ = reader.readUInt32()
        #expect(reader.readUInt32() == OptionReplyType.info)
        #expect(reader.readUInt32() == 12)
        #expect(reader.readUInt16() == InfoType.export)
        #expect(reader.readUInt64() == 1 << 30)
        #expect(reader.readUInt16() == 0b11)
    }

    @Test("NBD_INFO_BLOCK_SIZE carries minimum, preferred and maximum")
    func infoBlockSizeBytes() {
        let bytes = OptionReply.infoBlockSize(option: OptionCode.go, minimum: 1, preferred: 4096, maximum: 32 << 20)
        #expect(bytes.count == NBDWireSize.optionReplyHeader + 14)
        var reader = WireReader(bytes[NBDWireSize.optionReplyHeader...])
        #expect(reader.readUInt16() == InfoType.blockSize)
        #expect(reader.readUInt32() == 1)
        #expect(reader.readUInt32() == 4096)
        #expect(reader.readUInt32() == 32 << 20)
    }

    @Test("NBD_REP_SERVER puts the name length before the name and the description after it")
    func serverBytes() {
        let bytes = OptionReply.server(name: "disk", description: "a disk")
        var reader = WireReader(bytes[NBDWireSize.optionReplyHeader...])
        #expect(reader.readUInt32() == 4)
        #expect(reader.readBytes(4).map(Array.init) == Array("disk".utf8))
        #expect(reader.readBytes(6).map(Array.init) == Array("a disk".utf8))
    }

    @Test("Error replies carry their message and stay within the string limit")
    func errorBytes() {
        let long = String(repeating: "x", count: 10_000)
        let bytes = OptionReply.error(option: 99, type: OptionReplyType.errorUnsupported, message: long)
        var reader = WireReader(bytes)
        _ = reader.readUInt64()
        #expect(reader.readUInt32() == 99)
        #expect(reader.readUInt32() == OptionReplyType.errorUnsupported)
        #expect(reader.readUInt32() == UInt32(NBDWireSize.maximumString))
    }

    @Test(
        "The EXPORT_NAME answer has 124 zero bytes unless the client asked for none",
        arguments: [(false, 134), (true, 10)])
    func exportNameAnswer(noZeroes: Bool, expectedCount: Int) {
        let bytes = OptionReply.exportNameAnswer(sizeBytes: 4096, flags: [.hasFlags], noZeroes: noZeroes)
        #expect(bytes.count == expectedCount)
        #expect(bytes[10...].allSatisfy { $0 == 0 })
    }

    static let truncations: [(String, Int, Int)] = [
        ("abc", 10, 3),
        ("abcdef", 4, 4),
        ("aé", 2, 1),
        ("aé", 3, 3),
        ("a€", 3, 1),
        ("a😀", 4, 1),
        ("a😀", 5, 5),
        ("😀", 3, 0),
    ]

    @Test("Long strings are cut at a character boundary and stay valid UTF-8", arguments: truncations)
    func cutsStringsAtCharacterBoundaries(text: String, limit: Int, expectedCount: Int) {
        let bytes = nbdStringBytes(text, limit: limit)
        #expect(bytes.count == expectedCount)
        #expect(String(validating: bytes, as: UTF8.self) != nil)
    }
}
