import Testing

@testable import NBDProtocol

struct ClientNegotiationTests {
    @Test("The client reads the server's greeting and answers with flags it offered")
    func readsGreeting() throws {
        let offered = try ClientNegotiation.parseGreeting(Greeting.encode())
        #expect(offered == [.fixedNewstyle, .noZeroes])
        #expect(ClientNegotiation.clientFlags(answering: offered) == [.fixedNewstyle, .noZeroes])
        #expect(ClientNegotiation.clientFlags(answering: [.fixedNewstyle]) == [.fixedNewstyle])
        let answer = ClientNegotiation.encodeClientFlags(ClientNegotiation.clientFlags(answering: offered))
        var reader = WireReader(answer)
        let raw = reader.readUInt32()
        #expect(try Greeting.parseClientFlags(#require(raw)) == [.fixedNewstyle, .noZeroes])
    }

    @Test("Greetings from old or foreign servers are refused")
    func refusesOtherGreetings() {
        #expect(throws: ClientNegotiationError.fixedNewstyleNotOffered) {
            try ClientNegotiation.parseGreeting(Greeting.encode(flags: [.noZeroes]))
        }
        #expect(throws: ClientNegotiationError.notNewstyleServer) {
            try ClientNegotiation.parseGreeting(Array("HTTP/1.1 400 Bad Req".utf8))
        }
        #expect(throws: ClientNegotiationError.notNewstyleServer) {
            try ClientNegotiation.parseGreeting(Array(Greeting.encode().prefix(17)))
        }
    }

    @Test("NBD_OPT_GO names the export and asks for block sizes, as the server parses it")
    func encodesGo() throws {
        let bytes = ClientNegotiation.encodeGo(exportName: "pg-data")
        let header = try OptionHeader.parse(Array(bytes.prefix(NBDWireSize.optionHeader)))
        #expect(header.option == OptionCode.go)
        #expect(Int(header.length) == bytes.count - NBDWireSize.optionHeader)
        let request = try ExportInfoRequest.parse(Array(bytes.dropFirst(NBDWireSize.optionHeader)))
        #expect(request == ExportInfoRequest(exportName: "pg-data", requestedInfo: [InfoType.blockSize]))
    }

    /// Feeds server-encoded replies to the client, in order.
    private func negotiate(_ replies: [[UInt8]]) throws(ClientNegotiationError) -> ServedExport? {
        var state = GoReplies()
        for reply in replies {
            let header = try OptionReplyHeader.parse(Array(reply.prefix(NBDWireSize.optionReplyHeader)))
            let data = Array(reply.dropFirst(NBDWireSize.optionReplyHeader))
            if let export = try ClientNegotiation.absorbGoReply(header, data: data, into: &state) { return export }
        }
        return nil
    }

    @Test("Size, flags and block sizes are taken from the replies in any order, up to the ACK")
    func readsExport() throws {
        let go = OptionCode.go
        let flags: TransmissionFlags = [.hasFlags, .sendFlush, .sendFUA]
        let export = try negotiate([
            OptionReply.infoBlockSize(option: go, minimum: 1, preferred: 4096, maximum: 32 << 20),
            OptionReply.infoString(option: go, infoType: InfoType.name, text: "pg-data"),
            OptionReply.infoExport(option: go, sizeBytes: 1 << 30, flags: flags),
            OptionReply.acknowledge(option: go),
        ])
        #expect(
            export
                == ServedExport(sizeBytes: 1 << 30, flags: flags, preferredBlockBytes: 4096, minimumBlockBytes: 1))
        #expect(try negotiate([OptionReply.infoExport(option: go, sizeBytes: 5, flags: [])]) == nil)
    }

    @Test("Refusals, missing export information and answers to other options are errors")
    func refusesBadReplies() {
        let go = OptionCode.go
        #expect(throws: ClientNegotiationError.refused(type: OptionReplyType.errorUnknownExport, message: "no such")) {
            try negotiate([OptionReply.error(option: go, type: OptionReplyType.errorUnknownExport, message: "no such")])
        }
        #expect(throws: ClientNegotiationError.exportInformationMissing) {
            try negotiate([
                OptionReply.infoBlockSize(option: go, minimum: 1, preferred: 4096, maximum: 1 << 20),
                OptionReply.acknowledge(option: go),
            ])
        }
        #expect(throws: ClientNegotiationError.unexpectedReplyOption(expected: go, received: OptionCode.list)) {
            try negotiate([OptionReply.acknowledge(option: OptionCode.list)])
        }
        #expect(throws: ClientNegotiationError.truncatedReply(type: OptionReplyType.info)) {
            try negotiate([OptionReply.encode(option: go, type: OptionReplyType.info, data: [0, 0, 1])])
        }
        #expect(throws: ClientNegotiationError.badReplyMagic(0)) {
            try OptionReplyHeader.parse([UInt8](repeating: 0, count: NBDWireSize.optionReplyHeader))
        }
    }
}
