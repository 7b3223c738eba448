/// The content of each write: a header naming it and a body derived from it, with a checksum, so
/// that a block read back says which write it holds and whether it is intact.
///
/// Layout: magic (8 bytes), sequence (8), block (8), checksum of everything after it (8), body.
public enum BlockPattern {
    static let magic: UInt64 = 0x6266_5f73_6365_6e65
    static let headerBytes = 32

    public static func make(sequence: UInt64, block: Int, bytes: Int) -> [UInt8] {
        var data = [UInt8](repeating: 0, count: bytes)
        var state = sequence &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(block)
        for index in stride(from: headerBytes, to: bytes, by: 8) {
            // xorshift: cheap, and different for every write.
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            store(state, into: &data, at: index)
        }
        store(magic, into: &data, at: 0)
        store(sequence, into: &data, at: 8)
        store(UInt64(block), into: &data, at: 16)
        store(checksum(data[24...]), into: &data, at: 24)
        return data
    }

    public static func decode(_ data: [UInt8], block: Int) -> BlockContent {
        if data.allSatisfy({ $0 == 0 }) { return .zero }
        guard data.count >= headerBytes, load(data, at: 0) == magic else { return .corrupt("no header") }
        let sequence = load(data, at: 8)
        guard load(data, at: 16) == UInt64(block) else {
            return .corrupt("it names block \(load(data, at: 16))")
        }
        var body = data
        store(0, into: &body, at: 24)
        guard checksum(body[24...]) == load(data, at: 24) else { return .corrupt("checksum mismatch") }
        return .write(sequence)
    }

    /// FNV-1a over the bytes, with the checksum field itself zero.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func store(_ value: UInt64, into data: inout [UInt8], at offset: Int) {
        for index in 0..<8 { data[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
    }

    static func load(_ data: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(data[offset + $1]) << (8 * UInt64($1)) }
    }
}
