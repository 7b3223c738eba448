import Testing

@testable import NBDProtocol

private let writable = NegotiatedExport(
    sizeBytes: 1 << 20,
    flags: [.hasFlags, .sendFlush, .sendFUA, .sendTrim, .sendWriteZeroes, .sendFastZero, .sendCache, .sendDF],
    structuredReplies: true, blockStatusContextSelected: true, maximumPayloadBytes: 32 << 20)

private let readOnly = NegotiatedExport(
    sizeBytes: 1 << 20, flags: [.hasFlags, .readOnly, .sendFlush, .sendCache], structuredReplies: false,
    blockStatusContextSelected: false, maximumPayloadBytes: 32 << 20)

private func request(
    _ type: UInt16, flags: CommandFlags = [], offset: UInt64 = 0, length: UInt32 = 512
) -> RequestHeader {
    RequestHeader(flags: flags, type: type, handle: 7, offset: offset, length: length)
}

private let read = CommandType.read.rawValue
private let write = CommandType.write.rawValue
private let trim = CommandType.trim.rawValue
private let zeroes = CommandType.writeZeroes.rawValue
private let status = CommandType.blockStatus.rawValue
private let flush = CommandType.flush.rawValue
private let cache = CommandType.cache.rawValue

struct RequestValidationTests {
    static let accepted: [RequestHeader] = [
        request(read),
        request(read, flags: [.fua, .dontFragment]),
        request(write, flags: .fua, offset: (1 << 20) - 512),
        request(trim, length: 1 << 20),
        request(zeroes, flags: [.noHole, .fastZero, .fua]),
        request(status, flags: .requestOne),
        request(flush, length: 0),
        request(cache),
        request(CommandType.disconnect.rawValue, flags: CommandFlags(rawValue: 0xffff), offset: 9, length: 9),
    ]

    @Test("Well-formed requests pass", arguments: accepted)
    func acceptsValidRequests(header: RequestHeader) {
        #expect(RequestValidation.check(header, export: writable) == nil)
    }

    @Test("Reads and writes of exactly the maximum payload pass", arguments: [read, write])
    func acceptsMaximumPayload(type: UInt16) {
        #expect(RequestValidation.check(request(type, length: 32 << 20), export: writable.withSize(64 << 20)) == nil)
    }

    static let refused: [(RequestHeader, NegotiatedExport, NBDError)] = [
        // Unknown commands and flags.
        (request(8), writable, .invalid),
        (request(0xffff), writable, .invalid),
        (request(read, flags: .noHole), writable, .invalid),
        (request(read, flags: CommandFlags(rawValue: 1 << 15)), writable, .invalid),
        (request(write, flags: .requestOne), writable, .invalid),
        (request(status, flags: .dontFragment), writable, .invalid),
        (request(read, flags: .dontFragment), readOnly, .invalid),
        (request(read, flags: .fua), readOnly, .invalid),
        (request(write, flags: .payloadLength), writable, .invalid),
        // Read-only exports refuse every writing command.
        (request(write), readOnly, .notPermitted),
        (request(trim), readOnly, .notPermitted),
        (request(zeroes), readOnly, .notPermitted),
        // Zero lengths.
        (request(read, length: 0), writable, .invalid),
        (request(write, length: 0), writable, .invalid),
        (request(trim, length: 0), writable, .invalid),
        (request(cache, length: 0), writable, .invalid),
        // Payloads above the advertised maximum.
        (request(read, length: (32 << 20) + 1), writable.withSize(1 << 40), .invalid),
        (request(write, length: UInt32.max), writable.withSize(1 << 40), .invalid),
        // Ranges beyond the end: ENOSPC for writes, EINVAL otherwise, with no 64-bit wrap.
        (request(read, offset: 1 << 20, length: 1), writable, .invalid),
        (request(read, offset: (1 << 20) - 511, length: 512), writable, .invalid),
        (request(write, offset: 1 << 20, length: 1), writable, .noSpace),
        (request(zeroes, offset: (1 << 20) - 1, length: 2), writable, .noSpace),
        (request(trim, offset: UInt64.max, length: 2), writable, .invalid),
        (request(read, offset: UInt64.max - 100, length: 512), writable, .invalid),
        (request(write, offset: UInt64.max, length: 1), writable, .noSpace),
        (request(status, offset: 1 << 20, length: 1), writable, .invalid),
        (request(cache, offset: 2 << 20, length: 1), writable, .invalid),
        // Commands that need negotiation.
        (request(status), readOnly, .invalid),
        (request(flush, offset: 1, length: 0), writable, .invalid),
        (request(flush, length: 1), writable, .invalid),
        (request(cache), readOnly.withoutCache(), .invalid),
    ]

    @Test("Each malformed request gets the error the specification's table names", arguments: refused)
    func refusesInvalidRequests(header: RequestHeader, export: NegotiatedExport, expected: NBDError) {
        let fault = RequestValidation.check(header, export: export)
        #expect(fault?.error == expected)
        #expect(fault?.message.isEmpty == false)
    }

    @Test("A request header parses from its 28 wire bytes, and bad magic is refused")
    func parsesHeader() {
        var writer = WireWriter()
        let header = RequestHeader(
            flags: [.fua], type: write, handle: 0x0102_0304_0506_0708, offset: 1 << 40, length: 4096)
        header.encode(into: &writer)
        #expect(writer.bytes.count == NBDWireSize.requestHeader)
        writer.bytes.withUnsafeBytes { raw in
            #expect(RequestHeader.parse(raw.baseAddress!) == header)
        }
        var broken = writer.bytes
        broken[0] ^= 0xff
        broken.withUnsafeBytes { raw in
            #expect(RequestHeader.parse(raw.baseAddress!) == nil)
        }
    }
}

extension NegotiatedExport {
    func withSize(_ size: UInt64) -> NegotiatedExport {
        NegotiatedExport(
            sizeBytes: size, flags: flags, structuredReplies: structuredReplies,
            blockStatusContextSelected: blockStatusContextSelected, maximumPayloadBytes: maximumPayloadBytes)
    }

    func withoutCache() -> NegotiatedExport {
        NegotiatedExport(
            sizeBytes: sizeBytes, flags: flags.subtracting(.sendCache), structuredReplies: structuredReplies,
            blockStatusContextSelected: blockStatusContextSelected, maximumPayloadBytes: maximumPayloadBytes)
    }
}
