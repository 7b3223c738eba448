/// Appends protobuf wire format to a byte array.
///
/// Output is canonical: varints use the fewest bytes, length prefixes are exact, and callers
/// write fields in field-number order, so equal messages always encode to equal bytes.
public struct WireEncoder {
    public private(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func writeVarint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    public mutating func writeTag(number: Int, wireType: WireType) {
        writeVarint(UInt64(number) << 3 | UInt64(wireType.rawValue))
    }

    public mutating func writeFixed32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func writeFixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func writeRawBytes(_ raw: some Collection<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    /// Writes a length-delimited value whose content `body` appends.
    ///
    /// The content is written in place after a one-byte length placeholder; when the content
    /// turns out to need a longer prefix, the placeholder grows and the content moves once. This
    /// avoids both a size pass over every nested message and a temporary buffer per level.
    public mutating func writeLengthDelimited(number: Int, _ body: (inout WireEncoder) -> Void) {
        writeTag(number: number, wireType: .lengthDelimited)
        writeLengthPrefixed(body)
    }

    /// Writes a length prefix and the content `body` appends, without a field key.
    public mutating func writeLengthPrefixed(_ body: (inout WireEncoder) -> Void) {
        bytes.append(0)
        let start = bytes.count
        body(&self)
        let length = bytes.count - start
        if length < 0x80 {
            bytes[start - 1] = UInt8(length)
            return
        }
        var prefix = WireEncoder(reservingCapacity: 10)
        prefix.writeVarint(UInt64(length))
        bytes.replaceSubrange((start - 1)..<start, with: prefix.bytes)
    }

    /// The number of bytes `writeVarint` uses for `value`.
    public static func varintSize(_ value: UInt64) -> Int {
        var size = 1
        var remaining = value >> 7
        while remaining != 0 {
            size += 1
            remaining >>= 7
        }
        return size
    }
}
