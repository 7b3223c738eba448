import BlockfenceBase
import CSIAPI
import Foundation
import Glibc
import RPC

/// Which services one plugin process serves: a Deployment runs the controller, a DaemonSet the
/// node side; `all` serves both from one process, for small clusters and tests.
public enum PluginMode: String, CaseIterable, Sendable {
    case controller
    case node
    case all
}

/// Why the plugin could not start.
public enum PluginStartError: Error, CustomStringConvertible {
    case invalidEndpoint(String)
    case socketInUse(String)
    case cannotRemoveStaleSocket(path: String, reason: String)
    case notASocket(String)
    case socketPathTooLong(String)
    case server(String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let text): "the endpoint '\(text)' is not unix:///path/to/csi.sock"
        case .socketInUse(let path): "\(path) is in use: another plugin is listening on it"
        case .cannotRemoveStaleSocket(let path, let reason): "cannot remove the stale socket \(path): \(reason)"
        case .socketPathTooLong(let path):
            "the socket path \(path) is longer than \(PluginServer.maximumSocketPathBytes) bytes, the most a Unix socket address holds"
        case .notASocket(let path):
            "\(path) exists and is not a socket: the plugin replaces only a socket a stopped plugin left"
        case .server(let reason): reason
        }
    }
}

/// The plugin's gRPC server on its Unix socket.
public final class PluginServer: Sendable {
    public let socketPath: String
    private let server: RPCServer

    static let maximumSocketPathBytes = 107

    /// The socket path of `unix:///path`, `unix:/path` or a bare absolute path.
    public static func socketPath(endpoint: String) throws(PluginStartError) -> String {
        var path = endpoint
        if path.hasPrefix("unix://") {
            path = String(path.dropFirst("unix://".count))
        } else if path.hasPrefix("unix:") {
            path = String(path.dropFirst("unix:".count))
        }
        guard path.hasPrefix("/"), path.count > 1 else { throw .invalidEndpoint(endpoint) }
        // The kernel's socket address holds 108 bytes, the last one a terminating zero.
        guard path.utf8.count <= maximumSocketPathBytes else { throw .socketPathTooLong(path) }
        return path
    }

    public init(socketPath: String, services: [any RPCService], logger: Logger) throws(PluginStartError) {
        self.socketPath = socketPath
        do {
            server = try RPCServer(services: services, logger: logger)
        } catch {
            throw .server("\(error)")
        }
    }

    /// Removes a socket file that nobody listens on (left by a plugin that was killed), then listens.
    /// Anything else at the path (a file, a directory, a link) is someone's data and is refused.
    public func start() throws(PluginStartError) {
        var status = stat()
        if lstat(socketPath, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(socketPath) }
            guard !Self.accepts(socketPath) else { throw .socketInUse(socketPath) }
            guard unlink(socketPath) == 0 || errno == ENOENT else {
                throw .cannotRemoveStaleSocket(
                    path: socketPath, reason: SystemError.last("unlink", subject: socketPath).description)
            }
        }
        let directory = (socketPath as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        do {
            try server.start(listeningOn: [.unix(path: socketPath)])
        } catch {
            throw .server("\(error)")
        }
    }

    /// Stops serving and removes the socket file, so the next start finds none.
    public func stop(gracePeriod: Duration = .seconds(5)) {
        server.shutdown(gracePeriod: gracePeriod)
        var status = stat()
        if lstat(socketPath, &status) == 0, status.st_mode & S_IFMT == S_IFSOCK { unlink(socketPath) }
    }

    /// Whether something accepts connections on the socket.
    private static func accepts(_ path: String) -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
