import BlockfenceBase
import CShims
import Glibc
import NBDProtocol

/// A listening TCP or Unix stream socket.
public final class ListeningSocket: @unchecked Sendable {
    public let fileDescriptor: Int32
    /// The address actually bound: with port 0 the kernel picks the port.
    public let boundAddress: ListenAddress
    private let unixPath: String?

    private init(fileDescriptor: Int32, boundAddress: ListenAddress, unixPath: String?) {
        self.fileDescriptor = fileDescriptor
        self.boundAddress = boundAddress
        self.unixPath = unixPath
    }

    public static func listen(on address: ListenAddress, backlog: Int32 = 128) throws(SystemError) -> ListeningSocket {
        switch address {
        case .tcp(let host, let port): return try listenTCP(host: host, port: port, backlog: backlog)
        case .unix(let path): return try listenUnix(path: path, backlog: backlog)
        }
    }

    private static func listenTCP(host: String, port: UInt16, backlog: Int32) throws(SystemError) -> ListeningSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            let reason = status == EAI_SYSTEM ? nil : String(cString: gai_strerror(status))
            throw SystemError(
                "getaddrinfo", errno: status == EAI_SYSTEM ? bf_errno() : EINVAL, subject: host, reason: reason)
        }
        defer { freeaddrinfo(results) }
        let descriptor = bf_stream_socket(first.pointee.ai_family)
        guard descriptor >= 0 else { throw .last("socket") }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let failure = SystemError.last("bind", subject: ListenAddress.tcp(host: host, port: port).description)
            close(descriptor)
            throw failure
        }
        guard Glibc.listen(descriptor, backlog) == 0 else {
            let failure = SystemError.last("listen")
            close(descriptor)
            throw failure
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let boundPort = withUnsafeMutablePointer(to: &storage) { pointer -> UInt16 in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(descriptor, $0, &length) }
            if pointer.pointee.ss_family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    UInt16(bigEndian: $0.pointee.sin6_port)
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                UInt16(bigEndian: $0.pointee.sin_port)
            }
        }
        return ListeningSocket(
            fileDescriptor: descriptor, boundAddress: .tcp(host: host, port: boundPort), unixPath: nil)
    }

    private static func listenUnix(path: String, backlog: Int32) throws(SystemError) -> ListeningSocket {
        var address = try unixAddress(path)
        let descriptor = bf_stream_socket(AF_UNIX)
        guard descriptor >= 0 else { throw .last("socket") }
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        var bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        if bound != 0 && bf_errno() == EADDRINUSE && isSocketFile(path) && !unixSocketIsServed(path) {
            // A socket file left by a process that died: nothing answers on it, so take it over.
            unlink(path)
            bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
            }
        }
        guard bound == 0 else {
            let failure = SystemError.last("bind", subject: path)
            close(descriptor)
            throw failure
        }
        guard Glibc.listen(descriptor, backlog) == 0 else {
            let failure = SystemError.last("listen")
            close(descriptor)
            unlink(path)
            throw failure
        }
        return ListeningSocket(fileDescriptor: descriptor, boundAddress: .unix(path: path), unixPath: path)
    }

    static func unixAddress(_ path: String) throws(SystemError) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw SystemError("bind", errno: ENAMETOOLONG, subject: path)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    /// Only a socket may be replaced: a regular file at the path is someone's data.
    private static func isSocketFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFSOCK
    }

    private static func unixSocketIsServed(_ path: String) -> Bool {
        guard var address = try? unixAddress(path) else { return false }
        let probe = bf_stream_socket(AF_UNIX)
        guard probe >= 0 else { return true }
        defer { close(probe) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0 || bf_errno() != ECONNREFUSED
    }

    /// Waits for the next connection; nil once the socket is shut down.
    func accept() -> Int32? {
        while true {
            let connection = bf_accept(fileDescriptor)
            if connection >= 0 { return connection }
            switch bf_errno() {
            case EINTR, ECONNABORTED, EPROTO: continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                // Out of descriptors or memory: back off instead of spinning.
                usleep(100_000)
                continue
            default: return nil
            }
        }
    }

    /// Wakes a thread blocked in accept, stops new connections and removes the socket file, so
    /// that nothing is left behind when the process exits right after.
    func shutdownListening() {
        Glibc.shutdown(fileDescriptor, Int32(SHUT_RDWR))
        if let unixPath { unlink(unixPath) }
    }

    deinit {
        close(fileDescriptor)
    }
}

/// Blocking helpers for one connected socket.
enum SocketIO {
    /// Sends every byte; false when the peer is gone or the send timed out.
    static func sendAll(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Bool {
        var sent = 0
        while sent < count {
            let result = bf_send(descriptor, bytes + sent, count - sent, 0)
            if result > 0 {
                sent += result
            } else if result < 0 && bf_errno() == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Sends every byte of every segment, advancing the vectors past partial sends.
    static func sendAll(_ descriptor: Int32, _ vectors: UnsafeMutableBufferPointer<iovec>) -> Bool {
        var first = 0
        while first < vectors.count {
            var message = msghdr()
            message.msg_iov = vectors.baseAddress! + first
            message.msg_iovlen = vectors.count - first
            var sent = sendmsg(descriptor, &message, Int32(MSG_NOSIGNAL))
            if sent < 0 {
                if bf_errno() == EINTR { continue }
                return false
            }
            while sent > 0 && first < vectors.count {
                let length = vectors[first].iov_len
                if sent >= length {
                    sent -= length
                    first += 1
                } else {
                    vectors[first].iov_base += sent
                    vectors[first].iov_len -= sent
                    sent = 0
                }
            }
            while first < vectors.count && vectors[first].iov_len == 0 { first += 1 }
        }
        return true
    }

    static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { sendAll(descriptor, $0.baseAddress!, $0.count) }
    }

    /// Receives exactly `count` bytes before `deadline` (CLOCK_MONOTONIC nanoseconds).
    static func receiveExactly(
        _ descriptor: Int32, _ count: Int, deadline: UInt64
    ) throws(HandshakeViolation) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let now = monotonicNanoseconds()
            guard now < deadline else { throw .deadlineExpired }
            let remainingMilliseconds = Int64(max(1, (deadline - now) / 1_000_000))
            _ = bf_set_receive_timeout(descriptor, remainingMilliseconds)
            let result = bytes.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress! + received, count - received, 0)
            }
            if result > 0 {
                received += result
            } else if result == 0 {
                throw .clientClosed
            } else {
                let code = bf_errno()
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK { throw .deadlineExpired }
                throw .clientClosed
            }
        }
        return bytes
    }

    /// Reads and throws away `count` bytes before `deadline`, in bounded pieces.
    static func discard(_ descriptor: Int32, _ count: UInt64, deadline: UInt64) throws(HandshakeViolation) {
        var left = count
        while left > 0 {
            let piece = Int(min(left, 64 << 10))
            _ = try receiveExactly(descriptor, piece, deadline: deadline)
            left -= UInt64(piece)
        }
    }

    static func peerDescription(_ descriptor: Int32) -> String {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(descriptor, $0, &length) == 0 }
        }
        guard ok else { return "unknown" }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        if storage.ss_family == sa_family_t(AF_UNIX) { return "unix" }
        let status = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo(
                    $0, length, &host, socklen_t(host.count), &service, socklen_t(service.count),
                    NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard status == 0 else { return "unknown" }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let serviceText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return hostText.contains(":") ? "[\(hostText)]:\(serviceText)" : "\(hostText):\(serviceText)"
    }
}

/// CLOCK_MONOTONIC in nanoseconds: deadlines must not move when the wall clock does.
@inline(__always)
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
