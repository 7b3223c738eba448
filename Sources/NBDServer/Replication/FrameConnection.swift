import BlockfenceBase
import CShims
import Glibc
import ReplicationProtocol

/// Blocking frame I/O on one replication socket, with a receive buffer so that many frames
/// arrive with one system call. Used by both ends of a stream; one thread reads, and sends are
/// the caller's business to serialize.
final class FrameConnection: @unchecked Sendable {
    let descriptor: Int32
    private let input = IOBuffer(capacity: 256 << 10)

    init(descriptor: Int32) {
        self.descriptor = descriptor
        _ = bf_set_no_delay(descriptor)
        FrameConnection.enableKeepalive(descriptor)
    }

    deinit {
        close(descriptor)
    }

    /// A peer host that vanishes without a reset is noticed within about ten seconds.
    static func enableKeepalive(_ descriptor: Int32) {
        var on: Int32 = 1
        var idle: Int32 = 5
        var interval: Int32 = 2
        var probes: Int32 = 3
        let size = socklen_t(MemoryLayout<Int32>.size)
        setsockopt(descriptor, SOL_SOCKET, SO_KEEPALIVE, &on, size)
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_KEEPIDLE, &idle, size)
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_KEEPINTVL, &interval, size)
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_KEEPCNT, &probes, size)
    }

    /// Connects to `host:port` within `timeoutMilliseconds`.
    static func connect(to address: ListenAddress, timeoutMilliseconds: Int64) throws(SystemError) -> FrameConnection {
        guard case .tcp(let host, let port) = address else { throw SystemError("connect", errno: EAFNOSUPPORT) }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw SystemError("getaddrinfo", errno: EHOSTUNREACH, subject: address.description)
        }
        defer { freeaddrinfo(results) }
        let descriptor = bf_stream_socket(first.pointee.ai_family)
        guard descriptor >= 0 else { throw .last("socket") }
        _ = bf_set_send_timeout(descriptor, timeoutMilliseconds)
        _ = bf_set_receive_timeout(descriptor, timeoutMilliseconds)
        guard Glibc.connect(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let failure = SystemError.last("connect", subject: address.description)
            close(descriptor)
            throw failure
        }
        return FrameConnection(descriptor: descriptor)
    }

    /// Sets how long a receive may wait; 0 waits forever.
    func setReceiveTimeout(milliseconds: Int64) {
        _ = bf_set_receive_timeout(descriptor, milliseconds)
    }

    func setSendTimeout(milliseconds: Int64) {
        _ = bf_set_send_timeout(descriptor, milliseconds)
    }

    /// Sends a frame and its data.
    func send(_ frame: ReplicationFrame, data: UnsafeRawBufferPointer? = nil) -> Bool {
        var header = [UInt8](repeating: 0, count: ReplicationFrame.headerSize)
        header.withUnsafeMutableBytes { frame.encode(into: $0.baseAddress!) }
        var vectors = [iovec(iov_base: nil, iov_len: 0), iovec(iov_base: nil, iov_len: 0)]
        return header.withUnsafeMutableBytes { raw in
            vectors[0] = iovec(iov_base: raw.baseAddress, iov_len: raw.count)
            var count = 1
            if let data, data.count > 0 {
                vectors[1] = iovec(iov_base: UnsafeMutableRawPointer(mutating: data.baseAddress), iov_len: data.count)
                count = 2
            }
            return vectors.withUnsafeMutableBufferPointer {
                SocketIO.sendAll(descriptor, UnsafeMutableBufferPointer(rebasing: $0[0..<count]))
            }
        }
    }

    func send(_ frame: ReplicationFrame, bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { send(frame, data: $0) }
    }

    enum ReceiveEnd: Error {
        case closed
        case timedOut
        case failed(Int32)
        case protocolError(ReplicationProtocolError)
    }

    /// Receives until at least one complete frame is buffered; returns false on end of stream.
    private func fill() throws(ReceiveEnd) {
        if input.readable == 0 { input.clear() }
        if input.writable < 64 << 10 { input.reserve(64 << 10) }
        while true {
            let received = recv(descriptor, input.writePointer, input.writable, 0)
            if received > 0 {
                input.end += received
                return
            }
            if received == 0 { throw .closed }
            let code = bf_errno()
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { throw .timedOut }
            throw .failed(code)
        }
    }

    /// The next complete frame and a pointer to its data, valid until the next call. Blocks for
    /// more bytes only when none is buffered.
    func nextFrame(block: Bool = true) throws(ReceiveEnd) -> (ReplicationFrame, UnsafeRawPointer?)? {
        while true {
            if input.readable >= ReplicationFrame.headerSize {
                let frame: ReplicationFrame
                switch ReplicationFrame.parse(input.readPointer) {
                case .success(let parsed): frame = parsed
                case .failure(let error): throw .protocolError(error)
                }
                let dataLength = frame.carriesData ? Int(frame.length) : 0
                let total = ReplicationFrame.headerSize + dataLength
                if input.readable >= total {
                    let data = dataLength > 0 ? UnsafeRawPointer(input.readPointer + ReplicationFrame.headerSize) : nil
                    input.start += total
                    return (frame, data)
                }
                input.reserve(total - input.readable)
            }
            guard block else { return nil }
            try fill()
        }
    }

    /// Whether a complete frame is already buffered (so a batch can go on without blocking).
    var hasBufferedFrame: Bool {
        guard input.readable >= ReplicationFrame.headerSize else { return false }
        guard case .success(let frame) = ReplicationFrame.parse(input.readPointer) else { return true }
        return input.readable >= ReplicationFrame.headerSize + (frame.carriesData ? Int(frame.length) : 0)
    }

    /// Wakes a thread blocked in receive on this connection.
    func shutdown() {
        Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }
}
