import BlockfenceBase
import Glibc
import NBDProtocol

/// A deliberately small NBD client for driving the server from tests: blocking, one socket,
/// requests and replies written and read by hand so tests can also send what real clients never do.
final class NBDTestClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// One reply as it arrived: a simple reply, or the chunks of a structured one.
    struct Reply {
        var handle: UInt64
        var error: UInt32
        var data: [UInt8]
        var extents: [BlockExtent]
        var errorMessage: String
    }

    let descriptor: Int32
    private(set) var structuredReplies = false
    private(set) var sizeBytes: UInt64 = 0
    private(set) var flags: TransmissionFlags = []

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw Failure(description: "connect failed: errno \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
    }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard result > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            sent += result
        }
    }

    func receive(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let result = bytes.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress! + received, count - received, 0)
            }
            guard result > 0 else {
                throw Failure(description: "connection closed after \(received) of \(count) bytes")
            }
            received += result
        }
        return bytes
    }

    /// True when the server has closed the connection: end of file, or a reset when the server
    /// closed with bytes of ours still unread.
    func serverClosed() -> Bool {
        var byte: UInt8 = 0
        let result = recv(descriptor, &byte, 1, 0)
        return result == 0 || (result < 0 && errno == ECONNRESET)
    }

    func sendOption(_ option: UInt32, _ data: [UInt8] = []) throws {
        var writer = WireWriter()
        writer.append(NBDMagic.optionRequest)
        writer.append(option)
        writer.append(UInt32(data.count))
        writer.append(contentsOf: data)
        try send(writer.bytes)
    }

    /// Reads one option reply: its type and data.
    func receiveOptionReply() throws -> (type: UInt32, data: [UInt8]) {
        var reader = WireReader(try receive(NBDWireSize.optionReplyHeader))
        guard reader.readUInt64() == NBDMagic.optionReply else { throw Failure(description: "bad option reply magic") }
        _ = reader.readUInt32()
        let type = reader.readUInt32()!
        let length = reader.readUInt32()!
        return (type, try receive(Int(length)))
    }

    /// The greeting and client flags.
    func greet(clientFlags: UInt32 = 3) throws {
        let greeting = try receive(NBDWireSize.greeting)
        guard greeting == Greeting.encode() else { throw Failure(description: "unexpected greeting") }
        var writer = WireWriter()
        writer.append(clientFlags)
        try send(writer.bytes)
    }

    /// A full fixed newstyle handshake ending in NBD_OPT_GO.
    func handshake(export: String, structured: Bool = true, blockStatus: Bool = true) throws {
        try greet()
        if structured {
            try sendOption(OptionCode.structuredReply)
            guard try receiveOptionReply().type == OptionReplyType.acknowledge else {
                throw Failure(description: "structured replies refused")
            }
            structuredReplies = true
            if blockStatus {
                var meta = WireWriter()
                meta.append(UInt32(export.utf8.count))
                meta.append(contentsOf: export.utf8)
                meta.append(UInt32(1))
                meta.append(UInt32(MetaContext.baseAllocation.utf8.count))
                meta.append(contentsOf: MetaContext.baseAllocation.utf8)
                try sendOption(OptionCode.setMetaContext, meta.bytes)
                while try receiveOptionReply().type != OptionReplyType.acknowledge {}
            }
        }
        var go = WireWriter()
        go.append(UInt32(export.utf8.count))
        go.append(contentsOf: export.utf8)
        go.append(UInt16(0))
        try sendOption(OptionCode.go, go.bytes)
        while true {
            let reply = try receiveOptionReply()
            if reply.type == OptionReplyType.acknowledge { return }
            if reply.type & 0x8000_0000 != 0 {
                throw Failure(description: "GO refused: \(String(decoding: reply.data, as: UTF8.self))")
            }
            var reader = WireReader(reply.data)
            if reader.readUInt16() == InfoType.export {
                sizeBytes = reader.readUInt64()!
                flags = TransmissionFlags(rawValue: reader.readUInt16()!)
            }
        }
    }

    func sendRequest(
        _ command: CommandType, handle: UInt64, offset: UInt64 = 0, length: UInt32 = 0, flags: CommandFlags = [],
        payload: [UInt8] = []
    ) throws {
        var writer = WireWriter()
        RequestHeader(flags: flags, type: command.rawValue, handle: handle, offset: offset, length: length)
            .encode(into: &writer)
        writer.append(contentsOf: payload)
        try send(writer.bytes)
    }

    /// Reads one complete reply. `readLengths` tells how much data a simple reply to a READ
    /// carries, since simple replies do not say.
    func receiveReply(readLengths: [UInt64: Int] = [:]) throws -> Reply {
        var reader = WireReader(try receive(4))
        let magic = reader.readUInt32()!
        if magic == NBDMagic.simpleReply {
            var rest = WireReader(try receive(12))
            let error = rest.readUInt32()!
            let handle = rest.readUInt64()!
            let data = error == 0 ? try receive(readLengths[handle] ?? 0) : []
            return Reply(handle: handle, error: error, data: data, extents: [], errorMessage: "")
        }
        guard magic == NBDMagic.structuredReply else { throw Failure(description: "bad reply magic \(magic)") }
        var reply = Reply(handle: 0, error: 0, data: [], extents: [], errorMessage: "")
        var first = true
        while true {
            if !first {
                var next = WireReader(try receive(4))
                guard next.readUInt32() == NBDMagic.structuredReply else {
                    throw Failure(description: "bad chunk magic")
                }
            }
            first = false
            var header = WireReader(try receive(16))
            let chunkFlags = header.readUInt16()!
            let type = header.readUInt16()!
            reply.handle = header.readUInt64()!
            let length = header.readUInt32()!
            var payload = WireReader(try receive(Int(length)))
            switch type {
            case StructuredReplyType.offsetData:
                _ = payload.readUInt64()
                reply.data += payload.readBytes(Int(length) - 8)!
            case StructuredReplyType.blockStatus:
                _ = payload.readUInt32()
                while payload.remaining >= 8 {
                    reply.extents.append(BlockExtent(length: payload.readUInt32()!, flags: payload.readUInt32()!))
                }
            case StructuredReplyType.error, StructuredReplyType.errorOffset:
                reply.error = payload.readUInt32()!
                let messageLength = Int(payload.readUInt16()!)
                reply.errorMessage = String(decoding: payload.readBytes(messageLength)!, as: UTF8.self)
            default:
                break
            }
            if chunkFlags & ReplyFlags.done != 0 { return reply }
        }
    }
}
