/// Where a server listens or a client connects: `host:port`, `[v6-address]:port` or `unix:/path`.
public enum ListenAddress: Equatable, Sendable, CustomStringConvertible {
    case tcp(host: String, port: UInt16)
    case unix(path: String)

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case missingPort(String)
        case invalidPort(String)
        case emptyUnixPath
        case unbracketedIPv6(String)

        public var description: String {
            switch self {
            case .empty: "an address is required: host:port or unix:/path"
            case .missingPort(let text): "'\(text)' has no port; write host:port, for example 127.0.0.1:10809"
            case .invalidPort(let text): "'\(text)' is not a port number between 0 and 65535"
            case .emptyUnixPath: "a Unix socket address needs a path, for example unix:/run/blockfence.sock"
            case .unbracketedIPv6(let text):
                "'\(text)' is not host:port; IPv6 addresses go in brackets ([::1]:10809), Unix sockets "
                    + "are unix:/path, and no other scheme is known"
            }
        }
    }

    public static func parse(_ text: String) throws(ParseError) -> ListenAddress {
        guard !text.isEmpty else { throw .empty }
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst("unix:".count))
            guard !path.isEmpty else { throw .emptyUnixPath }
            return .unix(path: path)
        }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .missingPort(text) }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .missingPort(text) }
            return .tcp(host: host, port: try parsePort(String(rest.dropFirst())))
        }
        guard let colon = text.lastIndex(of: ":") else { throw .missingPort(text) }
        let host = String(text[..<colon])
        guard !host.contains(":") else { throw .unbracketedIPv6(text) }
        let port = try parsePort(String(text[text.index(after: colon)...]))
        return .tcp(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }

    private static func parsePort(_ text: String) throws(ParseError) -> UInt16 {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = UInt16(text) else {
            throw .invalidPort(text)
        }
        return port
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): "unix:\(path)"
        }
    }
}
