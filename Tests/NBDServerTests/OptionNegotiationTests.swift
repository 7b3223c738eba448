import BlockfenceBase
import Glibc
import NBDProtocol
import Testing

@testable import NBDServer

@Suite(.serialized)
struct OptionNegotiationTests {
    let scratch = ScratchDirectory()

    func makeServer(configuration: ServerConfiguration = ServerConfiguration()) throws -> TestServer {
        let disk = try FileExport.open(
            name: "disk", path: scratch.file("disk.img"), sizeBytes: 1 << 20, readOnly: false,
            description: "the disk")
        let sparePath = scratch.file("spare.img")
        close(open(sparePath, O_CREAT | O_WRONLY, 0o644))
        truncate(sparePath, 2 << 20)
        let spare = try FileExport.open(name: "spare", path: sparePath, sizeBytes: nil, readOnly: true)
        return try TestServer(exports: [disk, spare], configuration: configuration)
    }

    static let unsupported: [UInt32] = [
        OptionCode.startTLS, OptionCode.extendedHeaders, OptionCode.peekExport, 12, 0xffff_ffff,
    ]

    @Test("Unknown and unsupported options get ERR_UNSUP and negotiation goes on", arguments: unsupported)
    func answersUnsupportedOptions(option: UInt32) throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.greet()
        try client.sendOption(option, [1, 2, 3])
        #expect(try client.receiveOptionReply().type == OptionReplyType.errorUnsupported)
        var go = WireWriter()
        go.append(UInt32(0))
        go.append(UInt16(0))
        try client.sendOption(OptionCode.go, go.bytes)
        var types: [UInt32] = []
        while types.last != OptionReplyType.acknowledge { types.append(try client.receiveOptionReply().type) }
        #expect(types.first == OptionReplyType.info)
    }

    @Test("LIST names every export with its description")
    func listsExports() throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.greet()
        try client.sendOption(OptionCode.list)
        var names: [String] = []
        while true {
            let reply = try client.receiveOptionReply()
            if reply.type == OptionReplyType.acknowledge { break }
            var reader = WireReader(reply.data)
            let length = Int(reader.readUInt32()!)
            names.append(String(decoding: reader.readBytes(length)!, as: UTF8.self))
        }
        #expect(names == ["disk", "spare"])
    }

    static let invalidOptions: [(UInt32, [UInt8], UInt32)] = [
        (OptionCode.list, [0], OptionReplyType.errorInvalid),
        (OptionCode.structuredReply, [0], OptionReplyType.errorInvalid),
        (OptionCode.go, [0, 0, 0, 9, 0x61], OptionReplyType.errorInvalid),
        (OptionCode.info, [0, 0, 0, 4] + Array("nope".utf8) + [0, 0], OptionReplyType.errorUnknownExport),
        (OptionCode.setMetaContext, [0, 0, 0, 0, 0, 0, 0, 0], OptionReplyType.errorInvalid),
    ]

    @Test("Malformed options get an error reply and the client may try again", arguments: invalidOptions)
    func refusesMalformedOptions(option: UInt32, data: [UInt8], expected: UInt32) throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.greet()
        try client.sendOption(option, data)
        #expect(try client.receiveOptionReply().type == expected)
        try client.sendOption(OptionCode.list)
        #expect(try client.receiveOptionReply().type == OptionReplyType.server)
    }

    @Test("An option too long to hold is drained and refused with ERR_TOO_BIG; a longer one ends the session")
    func boundsOptionLength() throws {
        var configuration = ServerConfiguration()
        configuration.maximumOptionBytes = 1024
        configuration.maximumDrainedOptionBytes = 8192
        let server = try makeServer(configuration: configuration)
        let client = try NBDTestClient(port: server.port)
        try client.greet()
        try client.sendOption(OptionCode.go, [UInt8](repeating: 0, count: 4096))
        #expect(try client.receiveOptionReply().type == OptionReplyType.errorTooBig)
        try client.sendOption(OptionCode.go, [UInt8](repeating: 0, count: 9000))
        #expect(client.serverClosed())
    }

    @Test("EXPORT_NAME for an unknown export and unknown client flags end the session")
    func hardDisconnects() throws {
        let server = try makeServer()
        let unknown = try NBDTestClient(port: server.port)
        try unknown.greet()
        try unknown.sendOption(OptionCode.exportName, Array("nope".utf8))
        #expect(unknown.serverClosed())

        let badFlags = try NBDTestClient(port: server.port)
        try badFlags.greet(clientFlags: 0x10)
        #expect(badFlags.serverClosed())
    }

    @Test("EXPORT_NAME with an empty name selects the first export")
    func defaultExport() throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.greet()
        try client.sendOption(OptionCode.exportName, [])
        var reader = WireReader(try client.receive(10))
        #expect(reader.readUInt64() == 1 << 20)
    }

    @Test("A client that never negotiates is dropped at the deadline")
    func enforcesHandshakeDeadline() throws {
        var configuration = ServerConfiguration()
        configuration.handshakeDeadlineMilliseconds = 300
        let server = try makeServer(configuration: configuration)
        let client = try NBDTestClient(port: server.port)
        _ = try client.receive(NBDWireSize.greeting)
        let started = monotonicNanoseconds()
        #expect(client.serverClosed())
        #expect(monotonicNanoseconds() - started < 5_000_000_000)
    }

    @Test("Connections beyond the pending-handshake bound are closed, and a client can connect once they go")
    func boundsPendingHandshakes() throws {
        var configuration = ServerConfiguration()
        configuration.maximumPendingHandshakes = 4
        let server = try makeServer(configuration: configuration)
        var idle: [NBDTestClient] = []
        for _ in 0..<4 {
            let client = try NBDTestClient(port: server.port)
            _ = try client.receive(NBDWireSize.greeting)
            idle.append(client)
        }
        let refused = try NBDTestClient(port: server.port)
        #expect(refused.serverClosed())
        idle.removeAll()
        var waited = 0
        while server.server.connectionCount > 0 && waited < 200 {
            usleep(10_000)
            waited += 1
        }
        let welcome = try NBDTestClient(port: server.port)
        try welcome.handshake(export: "disk")
        #expect(welcome.sizeBytes == 1 << 20)
    }

    @Test("Read-only exports advertise no writing commands and DF only with structured replies")
    func advertisesFlags() throws {
        let server = try makeServer()
        let structured = try NBDTestClient(port: server.port)
        try structured.handshake(export: "spare")
        #expect(structured.flags.contains([.hasFlags, .readOnly, .sendFlush, .canMultiConnection, .sendDF]))
        #expect(structured.flags.isDisjoint(with: [.sendFUA, .sendTrim, .sendWriteZeroes, .sendFastZero]))
        let simple = try NBDTestClient(port: server.port)
        try simple.handshake(export: "disk", structured: false)
        #expect(!simple.flags.contains(.sendDF))
        #expect(simple.flags.contains([.sendFUA, .sendTrim, .sendWriteZeroes, .sendFastZero]))
    }

    @Test("A failed SET_META_CONTEXT leaves no context selected, so BLOCK_STATUS is refused")
    func failedSetMetaContextClearsSelection() throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.greet()
        try client.sendOption(OptionCode.structuredReply)
        _ = try client.receiveOptionReply()
        var good = WireWriter()
        good.append(UInt32(4))
        good.append(contentsOf: "disk".utf8)
        good.append(UInt32(1))
        good.append(UInt32(MetaContext.baseAllocation.utf8.count))
        good.append(contentsOf: MetaContext.baseAllocation.utf8)
        try client.sendOption(OptionCode.setMetaContext, good.bytes)
        #expect(try client.receiveOptionReply().type == OptionReplyType.metaContext)
        #expect(try client.receiveOptionReply().type == OptionReplyType.acknowledge)
        try client.sendOption(OptionCode.setMetaContext, [0, 0, 0, 4] + Array("disk".utf8) + [0, 0, 0, 5])
        #expect(try client.receiveOptionReply().type == OptionReplyType.errorInvalid)
        var go = WireWriter()
        go.append(UInt32(4))
        go.append(contentsOf: "disk".utf8)
        go.append(UInt16(0))
        try client.sendOption(OptionCode.go, go.bytes)
        while try client.receiveOptionReply().type != OptionReplyType.acknowledge {}
        try client.sendRequest(.blockStatus, handle: 1, offset: 0, length: 4096)
        #expect(try client.receiveReply().error == NBDError.invalid.rawValue)
    }
}
