import BlockfenceBase
import CShims
import Glibc
import NBDProtocol

/// A connected socket that finished NBD_OPT_GO: ready for the kernel's transmission phase.
public struct NBDClientConnection: Sendable {
    public let descriptor: Int32
    public let export: ServedExport
    public let target: NBDTarget

    /// Connects to `target`, negotiates fixed newstyle with NBD_OPT_GO, and returns the socket.
    /// Every step is bounded by `timeoutMilliseconds`. The socket's timeouts are cleared before
    /// it is returned, because the kernel's receive thread would take them for a dead server.
    public static func open(
        _ target: NBDTarget, timeoutMilliseconds: Int64
    ) throws(NBDKernelError) -> NBDClientConnection {
        let descriptor = try connectSocket(target.address, timeoutMilliseconds: timeoutMilliseconds)
        do {
            let export = try negotiate(descriptor, target: target)
            _ = bf_set_receive_timeout(descriptor, 0)
            _ = bf_set_send_timeout(descriptor, 0)
            return NBDClientConnection(descriptor: descriptor, export: export, target: target)
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Closes this process's copy of the socket; the kernel keeps its own reference.
    public func closeDescriptor() {
        close(descriptor)
    }

    private static func connectSocket(
        _ address: ListenAddress, timeoutMilliseconds: Int64
    ) throws(NBDKernelError) -> Int32 {
        switch address {
        case .tcp(let host, let port):
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            hints.ai_flags = AI_NUMERICSERV
            var results: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(host, String(port), &hints, &results)
            guard status == 0, let first = results else {
                throw .system(
                    SystemError(
                        "getaddrinfo", errno: EHOSTUNREACH, subject: address.description,
                        reason: String(cString: gai_strerror(status))))
            }
            defer { freeaddrinfo(results) }
            let descriptor = try streamSocket(family: first.pointee.ai_family, timeoutMilliseconds: timeoutMilliseconds)
            guard Glibc.connect(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
                let failure = SystemError.last("connect", subject: address.description)
                close(descriptor)
                throw .system(failure)
            }
            _ = bf_set_no_delay(descriptor)
            return descriptor
        case .unix(let path):
            var socketAddress = sockaddr_un()
            socketAddress.sun_family = sa_family_t(AF_UNIX)
            let pathBytes = Array(path.utf8)
            let capacity = MemoryLayout.size(ofValue: socketAddress.sun_path)
            guard pathBytes.count < capacity else {
                throw .system(SystemError("connect", errno: ENAMETOOLONG, subject: address.description))
            }
            withUnsafeMutableBytes(of: &socketAddress.sun_path) { raw in
                for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
            }
            let descriptor = try streamSocket(family: AF_UNIX, timeoutMilliseconds: timeoutMilliseconds)
            let connected = withUnsafePointer(to: &socketAddress) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard connected == 0 else {
                let failure = SystemError.last("connect", subject: address.description)
                close(descriptor)
                throw .system(failure)
            }
            return descriptor
        }
    }

    private static func streamSocket(family: Int32, timeoutMilliseconds: Int64) throws(NBDKernelError) -> Int32 {
        let descriptor = bf_stream_socket(family)
        guard descriptor >= 0 else { throw .system(.last("socket")) }
        _ = bf_set_send_timeout(descriptor, timeoutMilliseconds)
        _ = bf_set_receive_timeout(descriptor, timeoutMilliseconds)
        return descriptor
    }

    private static func negotiate(_ descriptor: Int32, target: NBDTarget) throws(NBDKernelError) -> ServedExport {
        /// Protocol violations become errors that name the server.
        func checked<Value>(_ body: () throws(ClientNegotiationError) -> Value) throws(NBDKernelError) -> Value {
            do { return try body() } catch { throw .negotiation(target: target, error) }
        }
        let greeting = try receive(descriptor, NBDWireSize.greeting, target)
        let offered = try checked { () throws(ClientNegotiationError) in try ClientNegotiation.parseGreeting(greeting) }
        try send(descriptor, ClientNegotiation.encodeClientFlags(ClientNegotiation.clientFlags(answering: offered)))
        try send(descriptor, ClientNegotiation.encodeGo(exportName: target.exportName))
        var replies = GoReplies()
        // Bounded: a server sends a handful of NBD_REP_INFO replies before its final answer.
        for _ in 0..<64 {
            let headerBytes = try receive(descriptor, NBDWireSize.optionReplyHeader, target)
            let header = try checked { () throws(ClientNegotiationError) in try OptionReplyHeader.parse(headerBytes) }
            guard header.length <= UInt32(NBDWireSize.maximumString + 64) else {
                throw .negotiation(target: target, .truncatedReply(type: header.type))
            }
            let data = try receive(descriptor, Int(header.length), target)
            let export = try checked { () throws(ClientNegotiationError) in
                try ClientNegotiation.absorbGoReply(header, data: data, into: &replies)
            }
            if let export { return export }
        }
        throw .negotiation(target: target, .exportInformationMissing)
    }

    private static func send(_ descriptor: Int32, _ bytes: [UInt8]) throws(NBDKernelError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { raw in bf_send(descriptor, raw.baseAddress, raw.count, 0) }
            if sent < 0 && bf_errno() == EINTR { continue }
            guard sent > 0 else { throw .system(.last("send", subject: "NBD handshake")) }
            offset += sent
        }
    }

    private static func receive(
        _ descriptor: Int32, _ count: Int, _ target: NBDTarget
    ) throws(NBDKernelError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let received = bytes[offset...].withUnsafeMutableBytes { raw in
                Glibc.recv(descriptor, raw.baseAddress, raw.count, 0)
            }
            if received < 0 && bf_errno() == EINTR { continue }
            guard received != 0 else { throw .closedDuringHandshake(target: target) }
            guard received > 0 else { throw .system(.last("recv", subject: target.description)) }
            offset += received
        }
        return bytes
    }
}
