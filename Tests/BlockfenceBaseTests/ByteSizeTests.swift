import Testing

@testable import BlockfenceBase

struct ByteSizeTests {
    static let valid: [(String, UInt64)] = [
        ("0", 0),
        ("512", 512),
        ("512B", 512),
        ("1K", 1024),
        ("1KiB", 1024),
        ("64MiB", 64 << 20),
        ("64mib", 64 << 20),
        ("10GiB", 10 << 30),
        ("10G", 10 << 30),
        ("1.5KiB", 1536),
        ("0.5GiB", 512 << 20),
        ("2TiB", 2 << 40),
        ("1kB", 1000),
        ("100MB", 100_000_000),
        (" 64 MiB ", 64 << 20),
        ("15PiB", 15 << 50),
    ]

    @Test("Sizes people write parse to the right byte count", arguments: valid)
    func parsesValidSizes(text: String, expected: UInt64) throws {
        #expect(try ByteSize.parse(text) == expected)
    }

    static let invalid: [(String, ByteSize.ParseError)] = [
        ("", .empty),
        ("   ", .empty),
        ("MiB", .notANumber("MiB")),
        ("-1", .notANumber("-1")),
        ("1.2.3", .notANumber("1.2.3")),
        (".5G", .notANumber(".5G")),
        ("12 parsecs", .unknownUnit("parsecs")),
        ("1X", .unknownUnit("x")),
        ("99999999999999999999", .tooLarge("99999999999999999999")),
        ("20000PiB", .tooLarge("20000PiB")),
        ("1.3B", .notWholeBytes("1.3B")),
        ("1.0001KiB", .notWholeBytes("1.0001KiB")),
    ]

    @Test("Malformed sizes are refused with the reason", arguments: invalid)
    func refusesInvalidSizes(text: String, expected: ByteSize.ParseError) {
        #expect(throws: expected) { try ByteSize.parse(text) }
    }

    @Test(
        "Sizes are formatted with binary units",
        arguments: [
            (UInt64(0), "0 B"), (512, "512 B"), (1024, "1 KiB"), (1536, "1.5 KiB"), (1 << 30, "1 GiB"),
            (64 << 20, "64 MiB"),
        ])
    func formatsSizes(bytes: UInt64, expected: String) {
        #expect(ByteSize.format(bytes) == expected)
    }
}
