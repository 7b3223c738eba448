import Testing

@testable import NBDProtocol

/// Builds option data the way a client would.
private func infoData(
    name: [UInt8], requests: [UInt16], declaredNameLength: UInt32? = nil, declaredCount: UInt16? = nil
)
    -> [UInt8]
{
    var writer = WireWriter()
    writer.append(declaredNameLength ?? UInt32(name.count))
    writer.append(contentsOf: name)
    writer.append(declaredCount ?? UInt16(requests.count))
    for request in requests { writer.append(request) }
    return writer.bytes
}

private func metaData(name: String, queries: [String], declaredCount: UInt32? = nil) -> [UInt8] {
    var writer = WireWriter()
    writer.append(UInt32(name.utf8.count))
    writer.append(contentsOf: name.utf8)
    writer.append(declaredCount ?? UInt32(queries.count))
    for query in queries {
        writer.append(UInt32(query.utf8.count))
        writer.append(contentsOf: query.utf8)
    }
    return writer.bytes
}

struct OptionRequestTests {
    @Test("An option header with the right magic parses")
    func parsesHeader() throws {
        var writer = WireWriter()
        writer.append(NBDMagic.optionRequest)
        writer.append(OptionCode.go)
        writer.append(UInt32(42))
        #expect(try OptionHeader.parse(writer.bytes) == OptionHeader(option: OptionCode.go, length: 42))
    }

    @Test("An option header with the wrong magic ends the handshake")
    func refusesBadMagic() {
        var writer = WireWriter()
        writer.append(UInt64(0x1234))
        writer.append(UInt32(1))
        writer.append(UInt32(0))
        #expect(throws: HandshakeViolation.badOptionMagic(0x1234)) { try OptionHeader.parse(writer.bytes) }
    }

    @Test("INFO and GO data parse to a name and the information asked for")
    func parsesInfoRequest() throws {
        let parsed = try ExportInfoRequest.parse(infoData(name: Array("disk".utf8), requests: [1, 3]))
        #expect(parsed == ExportInfoRequest(exportName: "disk", requestedInfo: [1, 3]))
        let empty = try ExportInfoRequest.parse(infoData(name: [], requests: []))
        #expect(empty == ExportInfoRequest(exportName: "", requestedInfo: []))
    }

    static let malformedInfo: [([UInt8], OptionPayloadError)] = [
        ([], .truncated(field: "export name length")),
        ([0, 0, 0], .truncated(field: "export name length")),
        (infoData(name: Array("ab".utf8), requests: [], declaredNameLength: 5), .truncated(field: "export name")),
        (
            Array(infoData(name: Array("ab".utf8), requests: []).dropLast()),
            .truncated(field: "information request count")
        ),
        (infoData(name: [], requests: [1], declaredCount: 2), .truncated(field: "information requests")),
        (infoData(name: [], requests: []) + [9], .trailingBytes(1)),
        (infoData(name: [0x61, 0x00], requests: []), .invalidString(field: "export name")),
        (infoData(name: [0xff, 0xfe], requests: []), .invalidString(field: "export name")),
        (
            infoData(name: [], requests: [], declaredNameLength: 5000),
            .stringTooLong(field: "export name", length: 5000)
        ),
        (
            infoData(name: [], requests: [], declaredNameLength: UInt32.max),
            .stringTooLong(field: "export name", length: UInt32.max)
        ),
    ]

    @Test("Malformed INFO and GO data are refused with the reason", arguments: malformedInfo)
    func refusesMalformedInfo(data: [UInt8], expected: OptionPayloadError) {
        #expect(throws: expected) { try ExportInfoRequest.parse(data) }
    }

    @Test("Meta context data parse to an export name and queries")
    func parsesMetaContextRequest() throws {
        let parsed = try MetaContextRequest.parse(metaData(name: "disk", queries: ["base:allocation", "qemu:"]))
        #expect(parsed == MetaContextRequest(exportName: "disk", queries: ["base:allocation", "qemu:"]))
    }

    static let malformedMeta: [([UInt8], OptionPayloadError)] = [
        ([], .truncated(field: "export name length")),
        (Array(metaData(name: "d", queries: []).dropLast()), .truncated(field: "number of queries")),
        (metaData(name: "d", queries: ["x"], declaredCount: 3), .truncated(field: "queries")),
        (metaData(name: "d", queries: [], declaredCount: UInt32.max), .truncated(field: "queries")),
        (Array(metaData(name: "d", queries: ["base:allocation"]).dropLast()), .truncated(field: "query")),
        (metaData(name: "d", queries: []) + [0], .trailingBytes(1)),
    ]

    @Test("Malformed meta context data are refused", arguments: malformedMeta)
    func refusesMalformedMetaContext(data: [UInt8], expected: OptionPayloadError) {
        #expect(throws: expected) { try MetaContextRequest.parse(data) }
    }

    static let contextMatches: [([String], Bool, [String])] = [
        ([], true, ["base:allocation"]),
        ([], false, []),
        (["base:allocation"], false, ["base:allocation"]),
        (["base:allocation"], true, ["base:allocation"]),
        (["base:"], true, ["base:allocation"]),
        (["base:"], false, []),
        (["qemu:dirty-bitmap:x"], true, []),
        (["BASE:ALLOCATION"], false, []),
    ]

    @Test("Queries select the contexts the server offers", arguments: contextMatches)
    func matchesQueries(queries: [String], listing: Bool, expected: [String]) {
        #expect(MetaContextRequest.matches(queries: queries, listing: listing) == expected)
    }
}
