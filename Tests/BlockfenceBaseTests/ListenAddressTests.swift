import Testing

@testable import BlockfenceBase

struct ListenAddressTests {
    static let valid: [(String, ListenAddress)] = [
        ("127.0.0.1:10809", .tcp(host: "127.0.0.1", port: 10809)),
        ("localhost:0", .tcp(host: "localhost", port: 0)),
        (":10809", .tcp(host: "0.0.0.0", port: 10809)),
        ("[::1]:10809", .tcp(host: "::1", port: 10809)),
        ("unix:/run/blockfence.sock", .unix(path: "/run/blockfence.sock")),
        ("unix:relative.sock", .unix(path: "relative.sock")),
    ]

    @Test("Addresses parse into TCP or Unix endpoints", arguments: valid)
    func parsesValidAddresses(text: String, expected: ListenAddress) throws {
        #expect(try ListenAddress.parse(text) == expected)
    }

    static let invalid: [(String, ListenAddress.ParseError)] = [
        ("", .empty),
        ("localhost", .missingPort("localhost")),
        ("127.0.0.1:", .invalidPort("")),
        ("127.0.0.1:65536", .invalidPort("65536")),
        ("127.0.0.1:-1", .invalidPort("-1")),
        ("127.0.0.1:80a", .invalidPort("80a")),
        ("[::1]", .missingPort("[::1]")),
        ("[::1:80", .missingPort("[::1:80")),
        ("unix:", .emptyUnixPath),
        ("::1:10809", .unbracketedIPv6("::1:10809")),
        ("tcp://127.0.0.1:10809", .unbracketedIPv6("tcp://127.0.0.1:10809")),
    ]

    @Test("Malformed addresses are refused with the reason", arguments: invalid)
    func refusesInvalidAddresses(text: String, expected: ListenAddress.ParseError) {
        #expect(throws: expected) { try ListenAddress.parse(text) }
    }

    @Test("Descriptions parse back to the same address", arguments: valid.map(\.1))
    func descriptionRoundTrips(address: ListenAddress) throws {
        #expect(try ListenAddress.parse(address.description) == address)
    }
}
