import Glibc
import NBDProtocol

/// Why a request to an NBD server failed.
public enum NBDClientError: Error, Equatable, CustomStringConvertible {
    case badURI(String)
    case connect(address: String, errno: Int32)
    case closed(during: String)
    case timedOut(during: String)
    case handshake(String)
    /// The server answered with an NBD error code (for example ESHUTDOWN from a stale primary).
    case replyError(command: String, code: UInt32)

    public var description: String {
        switch self {
        case .badURI(let uri): "'\(uri)' is not an nbd://host:port/export address"
        case .connect(let address, let code): "cannot connect to \(address): \(String(cString: strerror(code)))"
        case .closed(let during): "the server closed the connection during \(during)"
        case .timedOut(let during): "no answer in time during \(during)"
        case .handshake(let reason): "handshake failed: \(reason)"
        case .replyError(let command, let code): "\(command) failed with NBD error \(code)"
        }
    }
}

/// A blocking NBD client with one request in flight: enough to log each write's fate exactly.
/// The fixed newstyle handshake with NBD_OPT_EXPORT_NAME, simple replies only.
public final class NBDClient {
    public let host: String
    public let port: UInt16
    public let export: String
    private let descriptor: Int32
    private var nextCookie: UInt64 = 1

    /// Splits `nbd://host:port/export`.
    public static func parse(_ uri: String) throws(NBDClientError) -> (host: String, port: UInt16, export: String) {
        guard uri.hasPrefix("nbd://") else { throw .badURI(uri) }
        let rest = uri.dropFirst("nbd://".count)
        guard let slash = rest.firstIndex(of: "/") else { throw .badURI(uri) }
        let authority = rest[..<slash]
        guard let colon = authority.lastIndex(of: ":"), let port = UInt16(authority[authority.index(after: colon)...])
        else { throw .badURI(uri) }
        return (String(authority[..<colon]), port, String(rest[rest.index(after: slash)...]))
    }

    public init(uri: String, timeoutSeconds: Int = 5) throws(NBDClientError) {
        (host, port, export) = try Self.parse(uri)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .connect(address: "\(host):\(port)", errno: errno) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(descriptor)
            throw .badURI(uri)
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(descriptor)
            throw .connect(address: "\(host):\(port)", errno: code)
        }
        do {
            try handshake()
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    private func handshake() throws(NBDClientError) {
        let greeting = try receive(18, during: "the greeting")
        guard load64(greeting, 0) == NBDMagic.initialPassword, load64(greeting, 8) == NBDMagic.optionRequest else {
            throw .handshake("not an NBD newstyle server")
        }
        let serverFlags = UInt16(greeting[16]) << 8 | UInt16(greeting[17])
        let noZeroes = serverFlags & 2 != 0
        var clientFlags: UInt32 = 1
        if noZeroes { clientFlags |= 2 }
        var message = bytes32(clientFlags)
        message += bytes64(NBDMagic.optionRequest) + bytes32(OptionCode.exportName)
        message += bytes32(UInt32(export.utf8.count)) + Array(export.utf8)
        try send(message, during: "the handshake")
        // Export size (8), transmission flags (2), and 124 zero bytes unless both sides agreed.
        _ = try receive(noZeroes ? 10 : 134, during: "the export negotiation")
    }

    public func write(_ data: [UInt8], offset: UInt64, fua: Bool) throws(NBDClientError) {
        try request(.write, flags: fua ? 1 : 0, offset: offset, length: UInt32(data.count), payload: data)
    }

    public func flush() throws(NBDClientError) {
        try request(.flush, flags: 0, offset: 0, length: 0, payload: [])
    }

    public func read(offset: UInt64, length: Int) throws(NBDClientError) -> [UInt8] {
        try request(.read, flags: 0, offset: offset, length: UInt32(length), payload: [])
        return try receive(length, during: "READ data")
    }

    private func request(
        _ command: CommandType, flags: UInt16, offset: UInt64, length: UInt32, payload: [UInt8]
    ) throws(NBDClientError) {
        let cookie = nextCookie
        nextCookie += 1
        var message = bytes32(NBDMagic.request) + bytes16(flags) + bytes16(command.rawValue)
        message += bytes64(cookie) + bytes64(offset) + bytes32(length) + payload
        try send(message, during: command.name)
        let reply = try receive(16, during: "the \(command.name) reply")
        guard load32(reply, 0) == NBDMagic.simpleReply, load64(reply, 8) == cookie else {
            throw .handshake("unexpected reply to \(command.name)")
        }
        let code = load32(reply, 4)
        guard code == 0 else { throw .replyError(command: command.name, code: code) }
    }

    private func send(_ bytes: [UInt8], during: String) throws(NBDClientError) {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if result < 0 && errno == EINTR { continue }
            if result < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw .timedOut(during: during) }
            guard result > 0 else { throw .closed(during: during) }
            sent += result
        }
    }

    private func receive(_ count: Int, during: String) throws(NBDClientError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let result = buffer.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress! + received, count - received, 0)
            }
            if result < 0 && errno == EINTR { continue }
            if result < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw .timedOut(during: during) }
            guard result > 0 else { throw .closed(during: during) }
            received += result
        }
        return buffer
    }

    private func bytes16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }
    private func bytes32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }
    private func bytes64(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }
    private func load32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[at + $1]) }
    }
    private func load64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 << 8 | UInt64(bytes[at + $1]) }
    }
}
