import Testing

@testable import NBDKernel

struct NetlinkMessageTests {
    @Test("A request carries its length, family, flags, sequence, command and padded attributes")
    func buildsRequests() {
        var builder = NetlinkMessageBuilder(family: 0x1c, flags: 0x5, sequence: 9, command: 1, version: 1)
        builder.append(1, uint32: 7)
        builder.append(2, string: "nbd")
        let nested = builder.beginNested(7)
        let item = builder.beginNested(1)
        builder.append(1, uint32: 42)
        builder.endNested(item)
        builder.endNested(nested)
        let bytes = builder.finished()
        // 16 header + 4 generic + 8 (u32) + 8 ("nbd\0") + 4 + 4 + 8 nested.
        #expect(bytes.count == 52)
        #expect(Array(bytes[0..<4]) == [52, 0, 0, 0])
        #expect(Array(bytes[4..<8]) == [0x1c, 0, 5, 0])
        #expect(Array(bytes[8..<12]) == [9, 0, 0, 0])
        #expect(Array(bytes[16..<20]) == [1, 1, 0, 0])
        // The outer nested attribute has the NLA_F_NESTED bit and covers the inner one.
        #expect(Array(bytes[36..<40]) == [16, 0, 7, 0x80])
        #expect(Array(bytes[40..<44]) == [12, 0, 1, 0x80])
    }

    @Test("Messages and attributes are read back, nested ones included")
    func readsWhatWasBuilt() throws {
        var builder = NetlinkMessageBuilder(family: 0x1c, flags: 0, sequence: 3, command: 5, version: 1)
        let list = builder.beginNested(9)
        for (index, connected) in [(UInt32(0), true), (UInt32(1), false)] {
            let item = builder.beginNested(1)
            builder.append(1, uint32: index)
            builder.append(2, uint16: connected ? 1 : 0)
            builder.endNested(item)
        }
        builder.endNested(list)
        let bytes = builder.finished()
        let messages = NetlinkMessage.split(bytes[...] + bytes[...])
        #expect(messages.count == 2)
        let message = try #require(messages.first)
        #expect(message.type == 0x1c && message.sequence == 3 && message.genericCommand == 5)
        let items = try #require(message.genericAttributes.nested(9)).all(1).map(NetlinkAttributes.init)
        #expect(items.map { $0.uint32(1) } == [0, 1])
        #expect(items.map { $0.uint8(2) } == [1, 0])
    }

    @Test("Truncated messages and attributes are dropped, not read past their end")
    func dropsTruncatedInput() {
        var builder = NetlinkMessageBuilder(family: 0x10, flags: 0, sequence: 1, command: 3, version: 1)
        builder.append(2, string: "nbd")
        let bytes = builder.finished()
        for cut in 0..<bytes.count {
            #expect(NetlinkMessage.split(bytes[0..<cut]).isEmpty)
        }
        let attributes = NetlinkAttributes([12, 0, 1, 0, 1, 2][...])
        #expect(attributes.entries.isEmpty)
    }

    @Test("An acknowledgement carries error 0; a refusal carries the negated errno")
    func readsErrors() {
        func errorMessage(_ code: Int32) -> [UInt8] {
            var bytes: [UInt8] = withUnsafeBytes(of: UInt32(36)) { Array($0) } + [2, 0, 0, 0]
            bytes += withUnsafeBytes(of: UInt32(4)) { Array($0) } + [0, 0, 0, 0]
            bytes += withUnsafeBytes(of: code) { Array($0) } + [UInt8](repeating: 0, count: 16)
            return bytes
        }
        #expect(NetlinkMessage.split(errorMessage(0)[...]).first?.errorCode == 0)
        #expect(NetlinkMessage.split(errorMessage(-16)[...]).first?.errorCode == -16)
    }
}
