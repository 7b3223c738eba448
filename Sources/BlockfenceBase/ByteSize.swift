/// Byte counts as people write them on a command line: `512`, `64MiB`, `10GiB`, `1.5G`, `100MB`.
///
/// Binary units (`KiB` … `PiB`, and the single letters `K` … `P` as qemu-img and truncate read them)
/// are powers of 1024; decimal units (`kB` … `PB`) are powers of 1000.
public enum ByteSize {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case notANumber(String)
        case unknownUnit(String)
        case tooLarge(String)
        case notWholeBytes(String)

        public var description: String {
            switch self {
            case .empty: "a size is required, for example 64MiB or 10GiB"
            case .notANumber(let text): "'\(text)' is not a size; write a number with an optional unit, like 64MiB"
            case .unknownUnit(let unit):
                "unknown size unit '\(unit)'; use B, KiB, MiB, GiB, TiB, PiB (or K, M, G, T, P), or the "
                    + "decimal kB, MB, GB, TB, PB; any case"
            case .tooLarge(let text): "size '\(text)' does not fit in 64 bits"
            case .notWholeBytes(let text): "size '\(text)' is not a whole number of bytes"
            }
        }
    }

    private static let units: [String: UInt64] = [
        "": 1, "b": 1,
        "k": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gib": 1 << 30,
        "t": 1 << 40, "tib": 1 << 40, "p": 1 << 50, "pib": 1 << 50,
        "kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000, "tb": 1_000_000_000_000, "pb": 1_000_000_000_000_000,
    ]

    public static func parse(_ text: String) throws(ParseError) -> UInt64 {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw .empty }
        let numberPart = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unitPart = trimmed.dropFirst(numberPart.count).trimmingSpaces().lowercased()
        guard !numberPart.isEmpty, numberPart.filter({ $0 == "." }).count <= 1, numberPart.first != "." else {
            throw .notANumber(text)
        }
        guard let multiplier = units[unitPart] else { throw .unknownUnit(String(unitPart)) }
        let pieces = numberPart.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = UInt64(pieces[0]) else { throw .tooLarge(text) }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { throw .tooLarge(text) }
        guard pieces.count == 2, !pieces[1].isEmpty else { return scaled }
        // A fraction is exact only if it names whole bytes: 1.5KiB is 1536 bytes, 1.3B is refused.
        let fractionDigits = pieces[1].prefix(18)
        guard let fraction = UInt64(fractionDigits) else { throw .notANumber(text) }
        var denominator: UInt64 = 1
        for _ in 0..<fractionDigits.count { denominator *= 10 }
        // fraction < denominator, so the quotient stays below the multiplier and cannot overflow.
        let (high, low) = fraction.multipliedFullWidth(by: multiplier)
        let (quotient, remainder) = denominator.dividingFullWidth((high: high, low: low))
        guard remainder == 0 else { throw .notWholeBytes(text) }
        let (total, totalOverflow) = scaled.addingReportingOverflow(quotient)
        guard !totalOverflow else { throw .tooLarge(text) }
        return total
    }

    /// A size for people to read: `1 GiB`, `64 MiB`, `1.5 KiB`, `512 B`.
    public static func format(_ bytes: UInt64) -> String {
        let names = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var index = 0
        var value = Double(bytes)
        while value >= 1024, index < names.count - 1 {
            value /= 1024
            index += 1
        }
        if index == 0 { return "\(bytes) B" }
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return "\(Int(rounded)) \(names[index])" }
        return "\(rounded) \(names[index])"
    }
}

extension StringProtocol {
    func trimmingSpaces() -> SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}
