import Testing

@testable import NBDProtocol

struct HandshakeTests {
    @Test("The greeting is NBDMAGIC, IHAVEOPT and the handshake flags")
    func greetingBytes() {
        let bytes = Greeting.encode()
        #expect(bytes.count == NBDWireSize.greeting)
        #expect(Array(bytes[0..<8]) == Array("NBDMAGIC".utf8))
        #expect(Array(bytes[8..<16]) == Array("IHAVEOPT".utf8))
        #expect(bytes[16] == 0 && bytes[17] == 0b11)
    }

    static let clientFlags: [(UInt32, ClientFlags?)] = [
        (0, []),
        (1, [.fixedNewstyle]),
        (3, [.fixedNewstyle, .noZeroes]),
        (2, [.noZeroes]),
        (4, nil),
        (0x8000_0001, nil),
        (0xffff_ffff, nil),
    ]

    @Test("Client flags are accepted only when every bit was offered", arguments: clientFlags)
    func checksClientFlags(raw: UInt32, expected: ClientFlags?) throws {
        if let expected {
            #expect(try Greeting.parseClientFlags(raw) == expected)
        } else {
            #expect(throws: HandshakeViolation.unknownClientFlags(raw)) { try Greeting.parseClientFlags(raw) }
        }
    }

    @Test("NO_ZEROES from the client is refused when the server did not offer it")
    func refusesUnofferedNoZeroes() {
        #expect(throws: HandshakeViolation.unknownClientFlags(3)) {
            try Greeting.parseClientFlags(3, offered: [.fixedNewstyle])
        }
    }
}
