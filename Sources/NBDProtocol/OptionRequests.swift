// Option haggling: the header of every option request and the payloads of the options this
// server understands. Parsing is pure; the server decides what to answer.

/// The 16-byte header before each option's data.
public struct OptionHeader: Equatable, Sendable {
    public let option: UInt32
    public let length: UInt32

    public init(option: UInt32, length: UInt32) {
        self.option = option
        self.length = length
    }

    /// Parses the header; a wrong magic means the stream cannot be trusted any more.
    public static func parse(_ bytes: [UInt8]) throws(HandshakeViolation) -> OptionHeader {
        precondition(bytes.count == NBDWireSize.optionHeader, "option header must be 16 bytes")
        var reader = WireReader(bytes)
        let magic = reader.readUInt64()!
        guard magic == NBDMagic.optionRequest else { throw .badOptionMagic(magic) }
        return OptionHeader(option: reader.readUInt32()!, length: reader.readUInt32()!)
    }
}

/// Why an option's data was refused. Each is answered with NBD_REP_ERR_INVALID and negotiation goes on.
public enum OptionPayloadError: Error, Equatable, CustomStringConvertible {
    case truncated(field: String)
    case trailingBytes(Int)
    case stringTooLong(field: String, length: UInt32)
    case invalidString(field: String)
    case unexpectedData(Int)

    public var description: String {
        switch self {
        case .truncated(let field): "option data ends inside \(field)"
        case .trailingBytes(let count): "option data has \(count) bytes after its last field"
        case .stringTooLong(let field, let length):
            "\(field) is \(length) bytes; the limit is \(NBDWireSize.maximumString)"
        case .invalidString(let field): "\(field) is not valid UTF-8 without NUL characters"
        case .unexpectedData(let count): "option takes no data but carried \(count) bytes"
        }
    }
}

/// Validates an NBD string: UTF-8, no NUL, at most 4096 bytes.
public func decodeNBDString(_ bytes: ArraySlice<UInt8>, field: String) throws(OptionPayloadError) -> String {
    guard bytes.count <= NBDWireSize.maximumString else {
        throw .stringTooLong(field: field, length: UInt32(clamping: bytes.count))
    }
    guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
        throw .invalidString(field: field)
    }
    return text
}

/// The UTF-8 bytes of `text`, cut to at most `limit` bytes at a character boundary, so a long
/// string sent to a client stays valid UTF-8.
public func nbdStringBytes(_ text: String, limit: Int = NBDWireSize.maximumString) -> ArraySlice<UInt8> {
    let bytes = Array(text.utf8)
    guard bytes.count > limit else { return bytes[...] }
    var end = limit
    // Bytes of the form 10xxxxxx continue a character; never cut before one.
    while end > 0 && bytes[end] & 0xc0 == 0x80 { end -= 1 }
    return bytes[0..<end]
}

/// Data of NBD_OPT_INFO and NBD_OPT_GO: an export name and the information types asked for.
public struct ExportInfoRequest: Equatable, Sendable {
    public let exportName: String
    public let requestedInfo: [UInt16]

    public init(exportName: String, requestedInfo: [UInt16]) {
        self.exportName = exportName
        self.requestedInfo = requestedInfo
    }

    public static func parse(_ data: [UInt8]) throws(OptionPayloadError) -> ExportInfoRequest {
        var reader = WireReader(data)
        guard let nameLength = reader.readUInt32() else { throw .truncated(field: "export name length") }
        guard nameLength <= NBDWireSize.maximumString else {
            throw .stringTooLong(field: "export name", length: nameLength)
        }
        guard let nameBytes = reader.readBytes(Int(nameLength)) else { throw .truncated(field: "export name") }
        let name = try decodeNBDString(nameBytes, field: "export name")
        guard let count = reader.readUInt16() else { throw .truncated(field: "information request count") }
        var requested: [UInt16] = []
        requested.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let type = reader.readUInt16() else { throw .truncated(field: "information requests") }
            requested.append(type)
        }
        guard reader.remaining == 0 else { throw .trailingBytes(reader.remaining) }
        return ExportInfoRequest(exportName: name, requestedInfo: requested)
    }
}

/// Data of NBD_OPT_LIST_META_CONTEXT and NBD_OPT_SET_META_CONTEXT.
public struct MetaContextRequest: Equatable, Sendable {
    public let exportName: String
    public let queries: [String]

    public init(exportName: String, queries: [String]) {
        self.exportName = exportName
        self.queries = queries
    }

    /// A bound on queries per request, so a hostile count cannot make the server loop for long.
    public static let maximumQueries = 128

    public static func parse(_ data: [UInt8]) throws(OptionPayloadError) -> MetaContextRequest {
        var reader = WireReader(data)
        guard let nameLength = reader.readUInt32() else { throw .truncated(field: "export name length") }
        guard nameLength <= NBDWireSize.maximumString else {
            throw .stringTooLong(field: "export name", length: nameLength)
        }
        guard let nameBytes = reader.readBytes(Int(nameLength)) else { throw .truncated(field: "export name") }
        let name = try decodeNBDString(nameBytes, field: "export name")
        guard let count = reader.readUInt32() else { throw .truncated(field: "number of queries") }
        // Each query needs at least its 4-byte length, so a count the data cannot hold is truncated.
        guard UInt64(count) * 4 <= UInt64(reader.remaining), count <= maximumQueries else {
            throw .truncated(field: "queries")
        }
        var queries: [String] = []
        for _ in 0..<count {
            guard let length = reader.readUInt32() else { throw .truncated(field: "query length") }
            guard length <= NBDWireSize.maximumString else { throw .stringTooLong(field: "query", length: length) }
            guard let bytes = reader.readBytes(Int(length)) else { throw .truncated(field: "query") }
            queries.append(try decodeNBDString(bytes, field: "query"))
        }
        guard reader.remaining == 0 else { throw .trailingBytes(reader.remaining) }
        return MetaContextRequest(exportName: name, queries: queries)
    }

    /// The contexts a query list selects among those this server offers. An empty list selects
    /// everything when listing and nothing when setting; `base:` alone lists the whole namespace.
    public static func matches(
        queries: [String], listing: Bool, offered: [String] = [MetaContext.baseAllocation]
    )
        -> [String]
    {
        if queries.isEmpty { return listing ? offered : [] }
        var selected: [String] = []
        for context in offered {
            let matched = queries.contains { query in
                if query == context { return true }
                guard listing, query.hasSuffix(":") else { return false }
                return context.hasPrefix(query)
            }
            if matched { selected.append(context) }
        }
        return selected
    }
}
