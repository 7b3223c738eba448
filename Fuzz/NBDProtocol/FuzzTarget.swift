// libFuzzer entry point for the NBD parsers. Built outside SwiftPM by scripts/fuzz together
// with Sources/NBDProtocol, so it sees the same code the server runs.
//
// The first input byte picks the parser; the rest is what a hostile client would send.
// Every parser must return or throw for every input: no trap, no hang, no out-of-bounds read.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNBDParsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 6 {
    case 0:
        _ = try? ExportInfoRequest.parse(bytes)
    case 1:
        if let request = try? MetaContextRequest.parse(bytes) {
            _ = MetaContextRequest.matches(queries: request.queries, listing: bytes.count % 2 == 0)
        }
    case 2:
        if bytes.count >= NBDWireSize.optionHeader {
            _ = try? OptionHeader.parse(Array(bytes[0..<NBDWireSize.optionHeader]))
        }
    case 3:
        var reader = WireReader(bytes)
        if let flags = reader.readUInt32() { _ = try? Greeting.parseClientFlags(flags) }
    case 4:
        checkRequests(bytes, structured: true)
    default:
        checkRequests(bytes, structured: false)
    }
    return 0
}

/// Parses a stream of request headers the way the transmission loop does and validates each
/// against an export whose size comes from the input too, so range checks meet extreme values.
private func checkRequests(_ bytes: [UInt8], structured: Bool) {
    guard bytes.count >= 8 else { return }
    var sizeReader = WireReader(bytes)
    let size = sizeReader.readUInt64()!
    var flags: TransmissionFlags = [.hasFlags, .sendFlush, .sendCache, .canMultiConnection]
    if size & 1 == 0 {
        flags.formUnion([.sendFUA, .sendTrim, .sendWriteZeroes, .sendFastZero])
    } else {
        flags.insert(.readOnly)
    }
    if structured { flags.insert(.sendDF) }
    let export = NegotiatedExport(
        sizeBytes: size, flags: flags, structuredReplies: structured, blockStatusContextSelected: structured,
        maximumPayloadBytes: 32 << 20)
    bytes.withUnsafeBytes { raw in
        var offset = 8
        while offset + NBDWireSize.requestHeader <= raw.count {
            guard let header = RequestHeader.parse(raw.baseAddress! + offset) else { return }
            if let fault = RequestValidation.check(header, export: export) {
                _ = fault.error
                _ = fault.message
            }
            offset += NBDWireSize.requestHeader
            if header.carriesPayload { offset += Int(min(header.length, 1 << 20)) }
        }
    }
}
