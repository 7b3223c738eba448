// libFuzzer entry point for the protobuf decoder, built outside SwiftPM by scripts/fuzz-protobuf
// together with the runtime's sources and the conformance message.
//
// Every input must either be refused with a DecodingError or decode to a message whose encoding
// is stable: decoding that encoding again and encoding once more gives the same bytes. Anything
// else (a crash, a trap, an unstable encoding) is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = DecodingLimits(maximumMessageBytes: 1 << 20, maximumDepth: 100)
    checkStableEncoding(Blockfence_Test_AllFieldKinds.self, bytes, limits: limits)
    checkStableEncoding(Google_Protobuf_FileDescriptorProto.self, bytes, limits: limits)
    return 0
}

private func checkStableEncoding<M: Message>(_ type: M.Type, _ bytes: [UInt8], limits: DecodingLimits) {
    guard let message = try? M(serializedBytes: bytes, limits: limits) else { return }
    let encoded = message.serializedBytes()
    guard let again = try? M(serializedBytes: encoded, limits: limits) else {
        fatalError("\(M.protoMessageName): own encoding was refused")
    }
    guard again.serializedBytes() == encoded else {
        fatalError("\(M.protoMessageName): encoding changed on a second round trip")
    }
}
