import BlockfenceBase
import Dispatch
import Glibc
import NBDProtocol
import Synchronization

/// The sending side of one connection. The connection's own thread sends its batches through
/// it, and the durability worker sends deferred replies; the lock keeps their bytes apart.
final class ReplyChannel: Sendable {
    let descriptor: Int32
    private let lock = Mutex<Void>(())
    private let failed = Atomic<Bool>(false)

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// False once any send has failed; the connection is then torn down.
    var healthy: Bool { !failed.load(ordering: .relaxed) }

    @discardableResult
    func send(_ bytes: UnsafeRawPointer, _ count: Int) -> Bool {
        guard count > 0 else { return healthy }
        return finish(lock.withLock { _ in healthy && SocketIO.sendAll(descriptor, bytes, count) })
    }

    /// Sends several segments as one stream of bytes; the vectors are consumed.
    @discardableResult
    func send(vectors: UnsafeMutableBufferPointer<iovec>) -> Bool {
        finish(lock.withLock { _ in healthy && SocketIO.sendAll(descriptor, vectors) })
    }

    /// Sends several pieces as one uninterrupted run: nothing else this connection sends can come
    /// between them. `body` gets a function that sends one piece and returns false on failure.
    func sendRun(_ body: ((UnsafeRawPointer, Int) -> Bool) -> Bool) -> Bool {
        finish(
            lock.withLock { _ in
                guard healthy else { return false }
                return body { bytes, count in SocketIO.sendAll(descriptor, bytes, count) }
            })
    }

    private func finish(_ ok: Bool) -> Bool {
        if !ok {
            failed.store(true, ordering: .relaxed)
            // Wake the connection's thread if it is waiting for requests.
            Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
        }
        return ok
    }
}

/// Replies that may only go out once data is durable: FLUSH, and commands with the FUA flag.
///
/// One worker thread per connection, started on first use, runs fdatasync for everything queued
/// while the previous sync ran, so a burst of FUA writes costs one sync. The connection's thread
/// keeps serving other requests meanwhile, so those replies may overtake these, as NBD allows.
final class DurabilityWorker: @unchecked Sendable {
    struct Pending {
        let handle: UInt64
        let command: CommandType
    }

    private let export: FileExport
    private let channel: ReplyChannel
    private let structuredReplies: Bool
    private let queue = Mutex<(pending: [Pending], stopping: Bool, busy: Bool)>(([], false, false))
    private let wakeUp = DispatchSemaphore(value: 0)
    private let idle = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let onGateClosed: @Sendable () -> Void

    init(
        export: FileExport, channel: ReplyChannel, structuredReplies: Bool, onGateClosed: @escaping @Sendable () -> Void
    ) {
        self.export = export
        self.channel = channel
        self.structuredReplies = structuredReplies
        self.onGateClosed = onGateClosed
    }

    func start(name: String) throws {
        try startThread(name: name) { [self] in run() }
    }

    func enqueue(_ pending: Pending) {
        queue.withLock { $0.pending.append(pending) }
        wakeUp.signal()
    }

    /// Waits until every queued reply has been sent or dropped with the connection.
    func drain() {
        while true {
            let empty = queue.withLock { state -> Bool in state.pending.isEmpty && !state.busy }
            if empty { return }
            _ = idle.wait(timeout: .now() + .milliseconds(50))
        }
    }

    /// Drains, then ends the thread.
    func stop() {
        drain()
        queue.withLock { $0.stopping = true }
        wakeUp.signal()
        finished.wait()
    }

    private func run() {
        var reply = [UInt8](repeating: 0, count: 256)
        while true {
            wakeUp.wait()
            let batch = queue.withLock { state -> [Pending]? in
                if state.pending.isEmpty { return state.stopping ? nil : [] }
                state.busy = true
                defer { state.pending.removeAll(keepingCapacity: true) }
                return state.pending
            }
            guard let batch else { break }
            if batch.isEmpty { continue }

            let code = export.flush()
            for item in batch {
                var error: NBDError? = code == 0 ? nil : NBDError(storageErrno: code)
                var message = code == 0 ? "" : "flush failed: \(errnoDescription(code))"
                if error == nil, let refusal = export.gate.admit() {
                    error = refusal
                    message = "this server no longer serves the export"
                    onGateClosed()
                }
                let count = reply.withUnsafeMutableBytes { raw in
                    TransmissionReplies.encodeStatus(
                        into: raw.baseAddress!, handle: item.handle, error: error, message: message,
                        structured: structuredReplies)
                }
                reply.withUnsafeBytes { raw in _ = channel.send(raw.baseAddress!, count) }
            }
            queue.withLock { $0.busy = false }
            idle.signal()
        }
        finished.signal()
    }
}

/// Encodings shared by the connection thread and the durability worker.
enum TransmissionReplies {
    /// The longest error message sent in a structured error chunk.
    static let maximumMessageBytes = 200

    /// A reply without data: a simple reply for success, and for errors a structured error chunk
    /// (with a message) when structured replies were negotiated. Returns the bytes written, at
    /// most `NBDWireSize.structuredReplyHeader + 6 + maximumMessageBytes`.
    static func encodeStatus(
        into pointer: UnsafeMutableRawPointer, handle: UInt64, error: NBDError?, message: String, structured: Bool
    ) -> Int {
        guard let error else {
            ReplyEncoding.simple(into: pointer, error: 0, handle: handle)
            return NBDWireSize.simpleReplyHeader
        }
        guard structured else {
            ReplyEncoding.simple(into: pointer, error: error.rawValue, handle: handle)
            return NBDWireSize.simpleReplyHeader
        }
        let bytes = nbdStringBytes(message, limit: maximumMessageBytes)
        return bytes.withUnsafeBytes { raw in
            ReplyEncoding.errorChunk(into: pointer, handle: handle, error: error, message: raw)
            return ReplyEncoding.errorChunkSize(messageLength: raw.count)
        }
    }
}

/// A flag one thread sets and others read, shareable across threads.
final class SharedFlag: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() { value.store(true, ordering: .releasing) }
}
