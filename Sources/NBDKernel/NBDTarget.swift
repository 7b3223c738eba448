import BlockfenceBase

/// Where an export is served: a TCP or Unix socket address and the export's name.
public struct NBDTarget: Equatable, Sendable, CustomStringConvertible {
    public var address: ListenAddress
    public var exportName: String

    public init(address: ListenAddress, exportName: String) {
        self.address = address
        self.exportName = exportName
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case unsupportedScheme(String)
        case missingSocketPath(String)
        case invalidAddress(String, ListenAddress.ParseError)

        public var description: String {
            switch self {
            case .unsupportedScheme(let uri):
                "'\(uri)' is not an NBD URI; write nbd://host:port/export or nbd+unix:///export?socket=/path"
            case .missingSocketPath(let uri): "'\(uri)' names no socket; add ?socket=/path"
            case .invalidAddress(let uri, let error): "'\(uri)' has an invalid address: \(error)"
            }
        }
    }

    /// Reads an NBD URI as the control core gives it out: `nbd://host:port/export` (the port
    /// defaults to 10809) or `nbd+unix:///export?socket=/path`. Percent-escapes are not decoded,
    /// since volume names are plain words.
    public static func parse(uri: String) throws(ParseError) -> NBDTarget {
        if uri.hasPrefix("nbd+unix://") {
            let rest = uri.dropFirst("nbd+unix://".count)
            guard let question = rest.firstIndex(of: "?") else { throw .missingSocketPath(uri) }
            let exportName = String(rest[..<question].drop { $0 == "/" })
            let query = rest[rest.index(after: question)...]
            guard let socket = query.split(separator: "&").first(where: { $0.hasPrefix("socket=") }) else {
                throw .missingSocketPath(uri)
            }
            let path = String(socket.dropFirst("socket=".count))
            guard !path.isEmpty else { throw .missingSocketPath(uri) }
            return NBDTarget(address: .unix(path: path), exportName: exportName)
        }
        guard uri.hasPrefix("nbd://") else { throw .unsupportedScheme(uri) }
        let rest = uri.dropFirst("nbd://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = String(rest[..<slash])
        let exportName = slash == rest.endIndex ? "" : String(rest[rest.index(after: slash)...])
        let bracketed = authority.hasPrefix("[")
        let hasPort = bracketed ? authority.contains("]:") : authority.contains(":")
        if !hasPort { authority += ":10809" }
        do {
            return NBDTarget(address: try ListenAddress.parse(authority), exportName: exportName)
        } catch {
            throw .invalidAddress(uri, error)
        }
    }

    /// The same export reached through `host` instead: for a client that sees the server under
    /// another address than the one the server announces (a virtual machine behind NAT).
    public func reached(through host: String?) -> NBDTarget {
        guard let host, case .tcp(_, let port) = address else { return self }
        return NBDTarget(address: .tcp(host: host, port: port), exportName: exportName)
    }

    public var description: String {
        switch address {
        case .tcp: "nbd://\(address)/\(exportName)"
        case .unix(let path): "nbd+unix:///\(exportName)?socket=\(path)"
        }
    }
}
