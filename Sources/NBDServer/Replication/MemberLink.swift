import BlockfenceBase
import Dispatch
import Foundation
import Glibc
import ReplicationProtocol
import Synchronization

/// The primary's end of the stream to one member: opening it (HELLO, WELCOME, repairs), the
/// frames queued for it, and the thread that reads its acknowledgements.
///
/// Frames are queued under the pipeline's order lock, so the queue is in sequence order, and
/// sent by whichever connection thread flushes first. The send lock is taken before the queue is
/// swapped out, so batches go out in the order they were queued.
///
/// A member being caught up is sent to by a thread of its own instead: no write waits for it, so
/// no connection thread may wait on its socket either, and its queue is bounded so that a member
/// that stops reading costs a dropped catch-up rather than memory or stalled writes.
final class MemberLink: @unchecked Sendable {
    let nodeName: String
    let address: ListenAddress
    /// This member's bit in the pending entries' masks.
    let bit: UInt64
    /// The last sequence the member acknowledged; guarded by the pipeline's order lock.
    var acknowledged: UInt64 = 0
    /// Whether writes wait for this member: it is in the in-sync set. A member that is catching
    /// up receives every change too, but nothing waits for it. Guarded by the order lock.
    var counted = true
    /// How a catch-up of this member goes, for one that is not counted. Guarded by the order lock.
    var catchUp: CatchUpProgress?

    private var connection: FrameConnection?
    private let queue = Mutex(OutgoingBytes())
    private let sendLock = NSLock()
    private let failure = Mutex<String?>(nil)
    /// Whether the link's own thread sends its queue; see `sendFromOwnThread`.
    private let sendsOnOwnThread = Mutex(false)
    private let sendWake = DispatchSemaphore(value: 0)

    init(nodeName: String, address: ListenAddress, bit: UInt64) {
        self.nodeName = nodeName
        self.address = address
        self.bit = bit
    }

    var hasFailed: Bool { failure.withLock { $0 != nil } }

    /// Marks the link failed with the first reason given; true when this call failed it.
    @discardableResult
    func fail(_ reason: String) -> Bool {
        let first = failure.withLock { current -> Bool in
            guard current == nil else { return false }
            current = reason
            return true
        }
        if first { connection?.shutdown() }
        return first
    }

    var failureReason: String? { failure.withLock { $0 } }

    /// What the member said when the stream opened.
    struct Welcome {
        let appliedSequence: UInt64
        let entries: [JournalEntry]
        /// For a catch-up: the lineage the member recorded as level with, 0 for none.
        var lineage: UInt64 = 0
    }

    enum OpenOutcome {
        case welcomed(Welcome)
        case refused(epoch: UInt64, reason: String)
        case failed(String)
    }

    /// Connects and says HELLO; the caller repairs and then calls `startReceiving`.
    func open(
        volumeID: String, primaryNode: String, epoch: UInt64, appliedSequence: UInt64, lineage: UInt64,
        catchUp: Bool = false
    ) -> OpenOutcome {
        let stream: FrameConnection
        do {
            stream = try FrameConnection.connect(to: address, timeoutMilliseconds: 3_000)
        } catch {
            return .failed("cannot connect to \(address): \(error)")
        }
        connection = stream
        let hello = Array((volumeID + "\0" + primaryNode).utf8)
        guard
            stream.send(
                ReplicationFrame(
                    type: .hello, flags: catchUp ? .catchUp : [], epoch: epoch, sequence: appliedSequence,
                    offset: lineage, length: UInt32(hello.count)),
                bytes: hello)
        else { return .failed("sending HELLO failed") }
        stream.setReceiveTimeout(milliseconds: 5_000)
        let answer: (ReplicationFrame, UnsafeRawPointer?)?
        do {
            answer = try stream.nextFrame()
        } catch {
            return .failed("no answer to HELLO: \(error)")
        }
        guard let (frame, data) = answer else { return .failed("no answer to HELLO") }
        let bytes = data.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(frame.length))) } ?? []
        switch frame.type {
        case .welcome:
            guard case .success(let entries) = JournalEntry.decode(bytes) else { return .failed("malformed WELCOME") }
            return .welcomed(Welcome(appliedSequence: frame.sequence, entries: entries, lineage: frame.offset))
        case .refuse:
            return .refused(epoch: frame.epoch, reason: String(decoding: bytes, as: UTF8.self))
        default:
            return .failed("unexpected \(frame.type) answer to HELLO")
        }
    }

    /// Sends a frame at once, outside the queue; used while reconciling, before any change flows.
    func sendNow(_ frame: ReplicationFrame, data: UnsafeRawBufferPointer? = nil) -> Bool {
        guard let connection else { return false }
        sendLock.lock()
        defer { sendLock.unlock() }
        return connection.send(frame, data: data)
    }

    /// Reads acknowledgements on a thread of its own until the stream ends.
    func startReceiving(
        acknowledged onAcknowledged: @escaping @Sendable (MemberLink, UInt64) -> Void,
        ended onEnded: @escaping @Sendable (MemberLink, String, UInt64?) -> Void,
        caughtUp onCaughtUp: @escaping @Sendable (MemberLink, UInt64) -> Void = { _, _ in }
    ) throws {
        guard let connection else { return }
        connection.setReceiveTimeout(milliseconds: 0)
        connection.setSendTimeout(milliseconds: 5_000)
        try startThread(name: "repl-acks") { [self] in
            while true {
                let next: (ReplicationFrame, UnsafeRawPointer?)?
                do {
                    next = try connection.nextFrame()
                } catch {
                    // A link failed on purpose (a full queue, a failed send) shuts its socket down,
                    // which ends this read: its own reason says more than the read's error.
                    onEnded(self, failureReason ?? "stream ended: \(error)", nil)
                    return
                }
                guard let (frame, data) = next else { continue }
                switch frame.type {
                case .acknowledge:
                    onAcknowledged(self, frame.sequence)
                case .caughtUp:
                    onCaughtUp(self, frame.sequence)
                case .refuse:
                    let reason = data.map {
                        String(decoding: UnsafeRawBufferPointer(start: $0, count: Int(frame.length)), as: UTF8.self)
                    }
                    onEnded(self, "refused: \(reason ?? "")", frame.epoch)
                    return
                case .failure:
                    let reason = data.map {
                        String(
                            decoding: UnsafeRawBufferPointer(start: $0 + 4, count: max(0, Int(frame.length) - 4)),
                            as: UTF8.self)
                    }
                    onEnded(self, "failed at sequence \(frame.sequence): \(reason ?? "")", nil)
                    return
                default:
                    onEnded(self, "unexpected \(frame.type) frame", nil)
                    return
                }
            }
        }
    }

    /// Queues a frame and a copy of its data. Called with the pipeline's order lock held.
    func enqueue(_ frame: ReplicationFrame, data: UnsafeRawPointer?) {
        queue.withLock { $0.append(frame, data: data) }
    }

    /// Queues a frame unless the bytes waiting to be sent would exceed `limitBytes`; then the link
    /// fails instead, since a stream with a frame left out cannot go on. Returns whether it was
    /// queued. Called with the pipeline's order lock held; failing only shuts the socket down.
    func enqueue(_ frame: ReplicationFrame, data: UnsafeRawPointer?, limitBytes: Int) -> Bool {
        let queued = queue.withLock { outgoing -> Bool in
            let frameBytes = ReplicationFrame.headerSize + (frame.carriesData ? Int(frame.length) : 0)
            guard outgoing.queuedBytes + frameBytes <= limitBytes else { return false }
            outgoing.append(frame, data: data)
            return true
        }
        if !queued { fail("\(nodeName) fell more than \(limitBytes >> 20) MiB behind; its catch-up is dropped") }
        return queued
    }

    /// From now on a thread of the link's own sends what is queued, once `startSending` started it;
    /// `push` only wakes it. Used for a member being caught up, whose socket no write may wait on.
    /// Called with the pipeline's order lock held, before the link joins the pipeline.
    func sendFromOwnThread() {
        sendsOnOwnThread.withLock { $0 = true }
    }

    /// Starts the thread that sends for a link that sends from its own thread.
    func startSending() throws {
        try startThread(name: "repl-send") { [self] in
            while true {
                _ = sendWake.wait(timeout: .now() + .milliseconds(200))
                guard !hasFailed else { return }
                // Back to the callers' threads: what is queued goes with their next flush.
                guard sendsOnOwnThread.withLock({ $0 }) else { return }
                // A failed send fails the link, which ends the read thread, and that reports it.
                _ = flush()
            }
        }
    }

    /// From now on the threads that queue changes send them, as for any in-sync member: the
    /// member caught up and writes wait for it. Called with the pipeline's order lock held.
    func sendFromCallers() {
        sendsOnOwnThread.withLock { $0 = false }
        sendWake.signal()
    }

    /// Has what is queued sent: at once on this thread, or by the link's own thread without waiting
    /// for it. False when sending failed now.
    func push() -> Bool {
        if sendsOnOwnThread.withLock({ $0 }) {
            sendWake.signal()
            return true
        }
        return flush()
    }

    /// Sends everything queued so far; false when sending failed now (a link that had already
    /// failed sends nothing and says true).
    func flush() -> Bool {
        guard let connection, !hasFailed else { return true }
        sendLock.lock()
        defer { sendLock.unlock() }
        let batch = queue.withLock { $0.take() }
        defer { queue.withLock { $0.giveBack(batch) } }
        guard batch.count > 0 else { return true }
        if !SocketIO.sendAll(connection.descriptor, batch.base, batch.count) {
            fail("sending to \(nodeName) failed or timed out")
            return false
        }
        return true
    }

    func close() {
        fail("closed")
    }
}

/// Encoded frames waiting for a send, with two buffers swapped so appending never waits for a send.
struct OutgoingBytes {
    final class Buffer: @unchecked Sendable {
        var base: UnsafeMutableRawPointer
        var capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        }

        deinit { base.deallocate() }

        func reserve(_ extra: Int) {
            guard capacity - count < extra else { return }
            var newCapacity = capacity * 2
            while newCapacity - count < extra { newCapacity *= 2 }
            let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 64)
            grown.copyMemory(from: base, byteCount: count)
            base.deallocate()
            base = grown
            capacity = newCapacity
        }
    }

    private var filling = Buffer(capacity: 256 << 10)
    private var spare: Buffer? = Buffer(capacity: 256 << 10)

    /// The bytes appended and not yet handed out for a send.
    var queuedBytes: Int { filling.count }

    mutating func append(_ frame: ReplicationFrame, data: UnsafeRawPointer?) {
        let dataLength = frame.carriesData ? Int(frame.length) : 0
        filling.reserve(ReplicationFrame.headerSize + dataLength)
        frame.encode(into: filling.base + filling.count)
        if let data, dataLength > 0 {
            (filling.base + filling.count + ReplicationFrame.headerSize).copyMemory(from: data, byteCount: dataLength)
        }
        filling.count += ReplicationFrame.headerSize + dataLength
    }

    /// Hands out the filled buffer and starts filling the spare one.
    mutating func take() -> Buffer {
        let full = filling
        filling = spare ?? Buffer(capacity: 256 << 10)
        spare = nil
        return full
    }

    /// Returns a sent buffer for reuse; a buffer grown huge for one large write is dropped.
    mutating func giveBack(_ buffer: Buffer) {
        buffer.count = 0
        if spare == nil && buffer.capacity <= 8 << 20 { spare = buffer }
    }
}
