import BlockfenceBase
import Glibc
import NBDProtocol
import Synchronization
import Testing

@testable import NBDServer

/// A gate a test can close, standing in for a lease that expires.
final class SwitchGate: ExportGate {
    private let closed = Atomic<Bool>(false)
    func close() { closed.store(true, ordering: .sequentiallyConsistent) }
    func admit() -> NBDError? { closed.load(ordering: .sequentiallyConsistent) ? .shutdown : nil }
}

private func pattern(_ seed: UInt8, _ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0) &+ seed }
}

@Suite(.serialized)
struct TransmissionTests {
    let scratch = ScratchDirectory()

    func makeServer(
        gate: any ExportGate = OpenGate(), configuration: ServerConfiguration = ServerConfiguration()
    ) throws
        -> TestServer
    {
        let export = try FileExport.open(
            name: "disk", path: scratch.file("disk.img"), sizeBytes: 8 << 20, readOnly: false, gate: gate)
        return try TestServer(exports: [export], configuration: configuration)
    }

    @Test("Many pipelined writes and reads sent at once all get the right replies", arguments: [true, false])
    func servesPipelinedRequests(structured: Bool) throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk", structured: structured)
        for index in 0..<64 {
            try client.sendRequest(
                .write, handle: UInt64(index), offset: UInt64(index) * 4096, length: 4096,
                payload: pattern(UInt8(index), 4096))
        }
        for index in 0..<64 {
            try client.sendRequest(.read, handle: UInt64(1000 + index), offset: UInt64(index) * 4096, length: 4096)
        }
        var lengths: [UInt64: Int] = [:]
        for index in 0..<64 { lengths[UInt64(1000 + index)] = 4096 }
        var seen = Set<UInt64>()
        for _ in 0..<128 {
            let reply = try client.receiveReply(readLengths: lengths)
            #expect(reply.error == 0)
            seen.insert(reply.handle)
            if reply.handle >= 1000 {
                #expect(reply.data == pattern(UInt8(reply.handle - 1000), 4096))
            }
        }
        #expect(seen.count == 128)
    }

    @Test("FLUSH and FUA replies come once data is durable, and other replies may overtake them")
    func deferredDurableReplies() throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk")
        try client.sendRequest(.write, handle: 1, offset: 0, length: 512, flags: .fua, payload: pattern(1, 512))
        try client.sendRequest(.flush, handle: 2)
        try client.sendRequest(.read, handle: 3, offset: 0, length: 512)
        var replies: [UInt64: NBDTestClient.Reply] = [:]
        for _ in 0..<3 {
            let reply = try client.receiveReply()
            replies[reply.handle] = reply
        }
        #expect(replies.keys.sorted() == [1, 2, 3])
        #expect(replies.values.allSatisfy { $0.error == 0 })
        #expect(replies[3]?.data == pattern(1, 512))
    }

    @Test("A write above the maximum payload is drained and refused, and the connection stays usable")
    func drainsOversizedWrite() throws {
        var configuration = ServerConfiguration()
        configuration.maximumPayloadBytes = 64 << 10
        let server = try makeServer(configuration: configuration)
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk")
        try client.sendRequest(.write, handle: 1, offset: 0, length: 100 << 10, payload: pattern(3, 100 << 10))
        let refused = try client.receiveReply()
        #expect(refused.handle == 1)
        #expect(refused.error == NBDError.invalid.rawValue)
        #expect(refused.errorMessage.contains("maximum payload"))
        try client.sendRequest(.write, handle: 2, offset: 0, length: 512, payload: pattern(4, 512))
        #expect(try client.receiveReply().error == 0)
        try client.sendRequest(.read, handle: 3, offset: 0, length: 512)
        #expect(try client.receiveReply().data == pattern(4, 512))
    }

    @Test("Errors use error chunks under structured replies and simple replies otherwise", arguments: [true, false])
    func reportsErrors(structured: Bool) throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk", structured: structured)
        try client.sendRequest(.read, handle: 1, offset: 8 << 20, length: 512)
        try client.sendRequest(.write, handle: 2, offset: 8 << 20, length: 512, payload: pattern(0, 512))
        try client.sendRequest(.read, handle: 3, offset: 0, length: 512, flags: CommandFlags(rawValue: 1 << 12))
        let replies = try (0..<3).map { _ in try client.receiveReply() }
        #expect(
            replies.map(\.error) == [NBDError.invalid.rawValue, NBDError.noSpace.rawValue, NBDError.invalid.rawValue])
        #expect(replies.allSatisfy { $0.data.isEmpty })
        #expect(replies.allSatisfy { $0.errorMessage.isEmpty != structured })
    }

    @Test("Block status describes data and holes")
    func reportsBlockStatus() throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk")
        try client.sendRequest(.write, handle: 1, offset: 1 << 20, length: 4096, payload: pattern(5, 4096))
        _ = try client.receiveReply()
        try client.sendRequest(.blockStatus, handle: 2, offset: 0, length: 2 << 20)
        let reply = try client.receiveReply()
        let hole = AllocationState.hole | AllocationState.zero
        #expect(reply.extents.map(\.flags) == [hole, 0, hole])
        #expect(reply.extents.reduce(0) { $0 + UInt64($1.length) } == 2 << 20)
        try client.sendRequest(.blockStatus, handle: 3, offset: 0, length: 2 << 20, flags: .requestOne)
        #expect(try client.receiveReply().extents == [BlockExtent(length: 1 << 20, flags: hole)])
    }

    @Test("Once the gate closes, no read or write completes and the connection ends after the replies owed")
    func staleServerCompletesNothing() throws {
        let gate = SwitchGate()
        let server = try makeServer(gate: gate)
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk")
        try client.sendRequest(.write, handle: 1, offset: 0, length: 512, payload: pattern(6, 512))
        #expect(try client.receiveReply().error == 0)

        gate.close()
        try client.sendRequest(.read, handle: 2, offset: 0, length: 512)
        let refused = try client.receiveReply()
        #expect(refused.handle == 2)
        #expect(refused.error == NBDError.shutdown.rawValue)
        #expect(refused.data.isEmpty)
        #expect(client.serverClosed())
    }

    @Test("A FUA write whose sync finishes after the gate closed is not acknowledged")
    func staleServerDoesNotAcknowledgeDeferredWrites() throws {
        let gate = SwitchGate()
        let server = try makeServer(gate: gate)
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk")
        gate.close()
        try client.sendRequest(.flush, handle: 1)
        let reply = try client.receiveReply()
        #expect(reply.error == NBDError.shutdown.rawValue)
        #expect(client.serverClosed())
    }

    @Test("A request with bad magic ends the connection; DISC ends it politely")
    func endsConnections() throws {
        let server = try makeServer()
        let broken = try NBDTestClient(port: server.port)
        try broken.handshake(export: "disk")
        try broken.send([UInt8](repeating: 0x55, count: 28))
        #expect(broken.serverClosed())

        let polite = try NBDTestClient(port: server.port)
        try polite.handshake(export: "disk")
        try polite.sendRequest(.disconnect, handle: 9)
        #expect(polite.serverClosed())
    }

    @Test("Reads larger than one piece are streamed and read back whole", arguments: [true, false])
    func streamsLargeReads(structured: Bool) throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk", structured: structured)
        let length = 3 << 20 | 4096
        let data = pattern(17, length)
        try client.sendRequest(.write, handle: 1, offset: 4096, length: UInt32(length), payload: data)
        #expect(try client.receiveReply().error == 0)
        try client.sendRequest(.read, handle: 2, offset: 4096, length: UInt32(length))
        try client.sendRequest(.read, handle: 3, offset: 4096, length: 512)
        var replies: [UInt64: NBDTestClient.Reply] = [:]
        for _ in 0..<2 {
            let reply = try client.receiveReply(readLengths: [2: length, 3: 512])
            replies[reply.handle] = reply
        }
        #expect(replies[2]?.error == 0)
        #expect(replies[2]?.data == data)
        #expect(replies[3]?.data == Array(data.prefix(512)))
    }

    @Test("Stopping the server ends a connection whose client keeps sending and never reads replies")
    func stopEndsBusyConnections() throws {
        let server = try makeServer()
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk")
        // Large reads whose replies the client never takes fill both socket buffers.
        for handle in 0..<64 {
            try client.sendRequest(.read, handle: UInt64(handle), offset: 0, length: 4 << 20)
        }
        let started = monotonicNanoseconds()
        server.server.stop(timeoutMilliseconds: 20_000)
        let seconds = Double(monotonicNanoseconds() - started) / 1e9
        #expect(server.server.connectionCount == 0)
        #expect(seconds < 15, "stop waited \(seconds) s for a client that does not read")
    }
}
