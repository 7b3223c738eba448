import BlockfenceBase
import CShims
import Glibc
import NBDProtocol
import Synchronization

/// Why a connection's transmission phase ended.
enum TransmissionEnd: String {
    case clientDisconnected = "client sent NBD_CMD_DISC"
    case clientClosed = "client closed the connection"
    case badRequestMagic = "request with bad magic; the stream cannot be trusted"
    case sendFailed = "sending a reply failed"
    case receiveFailed = "receiving a request failed"
    case exportClosed = "this server no longer serves the export"
    case serverStopping = "the server is stopping"
}

/// The transmission phase of one connection, run on the connection's own thread.
///
/// The loop receives whatever the socket holds, serves every complete request in it, and sends
/// all their replies with one call before it waits again. Requests are pipelined: a client may
/// keep many in flight, and replies to FLUSH and FUA commands, which wait for durable storage on
/// a worker, may overtake or trail others. Reads go from the file straight into the send buffer
/// and writes from the receive buffer straight to the file; nothing is allocated per request.
final class TransmissionSession {
    private let channel: ReplyChannel
    private let export: FileExport
    /// Set for a replicated volume's primary: changes go through it instead of straight to the file.
    private let coordinator: (any ChangeCoordinator)?
    private let negotiated: NegotiatedExport
    private let structured: Bool
    private let configuration: ServerConfiguration
    private let logger: Logger
    private let connectionID: Int
    private let serverStopping: SharedFlag
    /// Buffers start at this size and grow to hold the largest request or reply. Growth beyond
    /// `retainedBufferBytes` (a few MiB-sized requests in flight) is given back once served, so
    /// a connection that once moved 32 MiB does not keep that much memory while idle.
    private let initialBufferBytes = 256 << 10
    private let retainedBufferBytes = 16 << 20
    private let input: IOBuffer
    private let output: ReplyBuffer
    private var durability: DurabilityWorker?
    private let gateClosed = SharedFlag()

    /// A WRITE longer than the maximum payload: its bytes are read and dropped, then refused.
    private var discardBytes: UInt64 = 0
    private var discardHandle: UInt64 = 0
    private var discardLength: UInt32 = 0
    private var end: TransmissionEnd?

    /// Replies are sent once this much is waiting, even mid-batch, to bound the send buffer.
    private let sendThreshold = 1 << 20
    /// Reads larger than this are streamed in pieces of this size instead of buffered whole.
    private let streamingThresholdBytes = 1 << 20
    private var streamingBuffer: UnsafeMutableRawPointer?

    private(set) var requestsServed: UInt64 = 0
    private var lastStorageWarningNanoseconds: UInt64 = 0

    init(
        descriptor: Int32, session: NegotiatedSession, configuration: ServerConfiguration, logger: Logger,
        connectionID: Int, serverStopping: SharedFlag = SharedFlag()
    ) {
        self.serverStopping = serverStopping
        self.channel = ReplyChannel(descriptor: descriptor)
        self.export = session.export
        self.coordinator = session.coordinator
        self.structured = session.structuredReplies
        self.negotiated = NegotiatedExport(
            sizeBytes: session.export.sizeBytes, flags: session.flags, structuredReplies: session.structuredReplies,
            blockStatusContextSelected: session.blockStatusContextSelected,
            maximumPayloadBytes: configuration.maximumPayloadBytes)
        self.configuration = configuration
        self.logger = logger
        self.connectionID = connectionID
        self.input = IOBuffer(capacity: initialBufferBytes)
        self.output = ReplyBuffer(capacity: initialBufferBytes)
    }

    /// Serves requests until the client leaves or the connection fails; returns why it ended.
    func run() -> TransmissionEnd {
        let descriptor = channel.descriptor
        // The handshake deadline is over: a client may now wait as long as it likes between
        // requests. Only sends time out, so a client that stops reading cannot hold a thread.
        _ = bf_set_receive_timeout(descriptor, 0)

        while end == nil {
            serveBuffered()
            coordinator?.flush()
            sendPending()
            if gateClosed.isSet { end = .exportClosed }
            // A stopping server answers what it already received and takes nothing more: data
            // still arriving would otherwise keep a busy connection open indefinitely.
            if end == nil && serverStopping.isSet { end = .serverStopping }
            if end != nil { break }
            if input.readable == 0 {
                input.clear()
                input.shrink(to: initialBufferBytes, above: retainedBufferBytes)
            }
            output.shrink(to: initialBufferBytes, above: retainedBufferBytes)
            if input.writable < 64 << 10 { input.reserve(64 << 10) }
            let received = recv(descriptor, input.writePointer, input.writable, 0)
            if received > 0 {
                input.end += received
            } else if received == 0 {
                end = gateClosed.isSet ? .exportClosed : .clientClosed
            } else if bf_errno() != EINTR {
                end = channel.healthy ? .receiveFailed : .sendFailed
            }
        }
        durability?.stop()
        streamingBuffer?.deallocate()
        return end ?? .clientClosed
    }

    /// Serves every complete request in the receive buffer.
    private func serveBuffered() {
        while end == nil {
            if discardBytes > 0 {
                let dropped = min(UInt64(input.readable), discardBytes)
                input.start += Int(dropped)
                discardBytes -= dropped
                guard discardBytes == 0 else { return }
                let fault = RequestFault.payloadTooLarge(
                    command: .write, length: discardLength, maximum: configuration.maximumPayloadBytes)
                replyStatus(handle: discardHandle, error: fault.error, message: fault.message, isRead: false)
                continue
            }
            guard input.readable >= NBDWireSize.requestHeader else { return }
            let pointer = input.readPointer
            guard let header = RequestHeader.parse(pointer) else {
                logger.debug("Request with bad magic; closing.", ["connection": connectionID])
                end = .badRequestMagic
                return
            }
            if header.carriesPayload {
                if header.length > configuration.maximumPayloadBytes {
                    input.start += NBDWireSize.requestHeader
                    discardBytes = UInt64(header.length)
                    discardHandle = header.handle
                    discardLength = header.length
                    continue
                }
                let needed = NBDWireSize.requestHeader + Int(header.length)
                guard input.readable >= needed else {
                    input.reserve(needed - input.readable)
                    return
                }
                serve(header, payload: UnsafeRawPointer(pointer + NBDWireSize.requestHeader))
                input.start += needed
            } else {
                input.start += NBDWireSize.requestHeader
                serve(header, payload: nil)
            }
            if output.pendingBytes >= sendThreshold || output.isFull { sendPending() }
        }
    }

    private func sendPending() {
        guard !output.isEmpty else { return }
        if !output.send(through: channel) { end = .sendFailed }
    }

    @inline(__always)
    private func serve(_ header: RequestHeader, payload: UnsafeRawPointer?) {
        requestsServed &+= 1
        if let fault = RequestValidation.check(header, export: negotiated) {
            if logger.enabled(.trace) {
                logger.trace("Request refused.", ["connection": connectionID, "reason": fault.message])
            }
            replyStatus(
                handle: header.handle, error: fault.error, message: fault.message,
                isRead: header.type == CommandType.read.rawValue)
            return
        }
        let command = CommandType(rawValue: header.type)!
        if command == .disconnect {
            end = .clientDisconnected
            return
        }
        if let refusal = export.gate.admit() {
            closeForGate(header, refusal)
            return
        }
        if let coordinator, command == .write || command == .trim || command == .writeZeroes || command == .flush {
            coordinate(header, command: command, payload: payload, through: coordinator)
            return
        }
        switch command {
        case .read:
            read(header)
        case .write:
            let code = export.write(from: payload!, offset: header.offset, length: Int(header.length))
            finishWrite(header, code: code)
        case .flush:
            deferUntilDurable(header, .flush)
        case .trim:
            finishWrite(header, code: export.trim(offset: header.offset, length: UInt64(header.length)))
        case .writeZeroes:
            let code = export.writeZeroes(
                offset: header.offset, length: UInt64(header.length), mayPunch: !header.flags.contains(.noHole),
                fast: header.flags.contains(.fastZero))
            finishWrite(header, code: code)
        case .cache:
            let code = export.cache(offset: header.offset, length: UInt64(header.length))
            completeStatus(header, code: code)
        case .blockStatus:
            blockStatus(header)
        case .disconnect:
            break
        }
    }

    /// Sends a large read's reply header, then its data a piece at a time. The header promises
    /// success before the data is read, so a read failure afterwards can only end the connection,
    /// as the specification requires; so does a gate that closes midway.
    private func streamRead(_ header: RequestHeader) {
        if let refusal = export.gate.admit() {
            closeForGate(header, refusal)
            return
        }
        sendPending()
        guard end == nil else { return }
        let prefix = readReplyPrefix
        let piece = streamingPiece()
        encodeReadReplyPrefix(into: piece, header)
        let total = UInt64(header.length)
        let completed = channel.sendRun { send in
            guard send(piece, prefix) else { return false }
            var done: UInt64 = 0
            while done < total {
                let count = Int(min(UInt64(streamingThresholdBytes), total - done))
                guard export.read(into: piece, offset: header.offset + done, length: count) == 0,
                    export.gate.admit() == nil, send(piece, count)
                else { return false }
                done += UInt64(count)
            }
            return true
        }
        if !completed {
            logger.debug("A streamed read could not be completed; closing.", ["connection": connectionID])
            end = .sendFailed
        }
    }

    private func streamingPiece() -> UnsafeMutableRawPointer {
        if let piece = streamingBuffer { return piece }
        let piece = UnsafeMutableRawPointer.allocate(byteCount: streamingThresholdBytes, alignment: 4096)
        streamingBuffer = piece
        return piece
    }

    /// A change of a replicated volume: the coordinator applies it and replies now or later.
    private func coordinate(
        _ header: RequestHeader, command: CommandType, payload: UnsafeRawPointer?,
        through coordinator: any ChangeCoordinator
    ) {
        let change = ExportChange(command: command, offset: header.offset, length: header.length, flags: header.flags)
        let reply = DeferredReply(channel: channel, handle: header.handle, structuredReplies: structured)
        switch coordinator.apply(change, payload: payload, reply: reply) {
        case .completed(let code): completeStatus(header, code: code)
        case .deferred: break
        }
    }

    /// Reads into the send buffer behind the reply header, so the data is copied once. A read
    /// larger than `streamingThresholdBytes` goes out in pieces instead, so that a client asking
    /// for 32 MiB and never reading the reply pins one piece of memory, not 32 MiB.
    @inline(__always)
    private func read(_ header: RequestHeader) {
        let length = Int(header.length)
        if length > streamingThresholdBytes {
            streamRead(header)
            return
        }
        let prefix = readReplyPrefix
        let start = output.claim(prefix + length, alignedAt: prefix)
        let code = export.read(into: start + prefix, offset: header.offset, length: length)
        if code != 0 {
            storageFailed("read", header, code: code)
            return
        }
        // The lease may have ended while the read ran: stale data must not go out.
        if let refusal = export.gate.admit() {
            closeForGate(header, refusal)
            return
        }
        encodeReadReplyPrefix(into: start, header)
        output.commit(prefix + length)
    }

    /// The bytes in front of a successful read's data: one OFFSET_DATA chunk header under
    /// structured replies, a simple reply header otherwise.
    private var readReplyPrefix: Int {
        structured ? ReplyEncoding.offsetDataPrefix : NBDWireSize.simpleReplyHeader
    }

    @inline(__always)
    private func encodeReadReplyPrefix(into destination: UnsafeMutableRawPointer, _ header: RequestHeader) {
        if structured {
            ReplyEncoding.offsetData(
                into: destination, handle: header.handle, offset: header.offset, dataLength: header.length,
                done: true)
        } else {
            ReplyEncoding.simple(into: destination, error: 0, handle: header.handle)
        }
    }

    /// Completes a command that changed data: at once, or after a sync when FUA asks for it.
    @inline(__always)
    private func finishWrite(_ header: RequestHeader, code: Int32) {
        if code == 0 && header.flags.contains(.fua) {
            deferUntilDurable(header, CommandType(rawValue: header.type)!)
            return
        }
        completeStatus(header, code: code)
    }

    @inline(__always)
    private func completeStatus(_ header: RequestHeader, code: Int32) {
        if code != 0 {
            storageFailed(CommandType(rawValue: header.type)!.name, header, code: code)
            return
        }
        if let refusal = export.gate.admit() {
            closeForGate(header, refusal)
            return
        }
        ReplyEncoding.simple(into: output.claim(NBDWireSize.simpleReplyHeader), error: 0, handle: header.handle)
        output.commit(NBDWireSize.simpleReplyHeader)
    }

    private func deferUntilDurable(_ header: RequestHeader, _ command: CommandType) {
        if durability == nil {
            let worker = DurabilityWorker(
                export: export, channel: channel, structuredReplies: structured,
                onGateClosed: { [gateClosed, channel] in
                    gateClosed.set()
                    // Wake the connection's thread so it closes now, not at the next request.
                    Glibc.shutdown(channel.descriptor, Int32(SHUT_RD))
                })
            do {
                try worker.start(name: "nbd-sync-\(connectionID)")
            } catch {
                logger.error("Cannot start the durability worker.", ["connection": connectionID, "error": error])
                // Without a worker, sync here: slower, still correct.
                completeStatus(header, code: export.flush())
                return
            }
            durability = worker
        }
        // Replies already batched go first, so a FLUSH reply never precedes the writes it covers.
        sendPending()
        durability!.enqueue(DurabilityWorker.Pending(handle: header.handle, command: command))
    }

    private func blockStatus(_ header: RequestHeader) {
        let limit = header.flags.contains(.requestOne) ? 1 : configuration.maximumBlockStatusExtents
        switch export.extents(offset: header.offset, length: header.length, limit: limit) {
        case .failure(let error):
            replyStatus(handle: header.handle, error: error, message: "block status failed", isRead: false)
        case .success(let extents):
            if let refusal = export.gate.admit() {
                closeForGate(header, refusal)
                return
            }
            let size = ReplyEncoding.blockStatusChunkSize(descriptors: extents.count)
            ReplyEncoding.blockStatus(
                into: output.claim(size), handle: header.handle, contextID: MetaContext.baseAllocationID,
                extents: extents)
            output.commit(size)
        }
    }

    /// A reply with no data. A failed read under structured replies still needs an error chunk,
    /// never a simple reply, which `encodeStatus` guarantees for every error.
    /// Answers a request the storage refused (a full disk, an I/O error). The operator hears of
    /// it too, at most once a second per connection: a failing disk fails every request.
    private func storageFailed(_ command: String, _ header: RequestHeader, code: Int32) {
        let reason = "\(command) failed: \(errnoDescription(code))"
        let now = monotonicNanoseconds()
        if now - lastStorageWarningNanoseconds >= 1_000_000_000 {
            lastStorageWarningNanoseconds = now
            logger.warning(
                "Storage refused a request.",
                ["connection": connectionID, "offset": header.offset, "length": header.length, "error": reason])
        }
        replyStatus(
            handle: header.handle, error: NBDError(storageErrno: code), message: reason,
            isRead: header.type == CommandType.read.rawValue)
    }

    private func replyStatus(handle: UInt64, error: NBDError, message: String, isRead: Bool) {
        let room = output.claim(NBDWireSize.structuredReplyHeader + 6 + TransmissionReplies.maximumMessageBytes)
        let count = TransmissionReplies.encodeStatus(
            into: room, handle: handle, error: error, message: message, structured: structured)
        output.commit(count)
    }

    /// The export may no longer be served from here: answer this request with the gate's error,
    /// send what is owed, and end the connection.
    private func closeForGate(_ header: RequestHeader, _ error: NBDError) {
        replyStatus(
            handle: header.handle, error: error, message: "this server no longer serves the export",
            isRead: header.type == CommandType.read.rawValue)
        gateClosed.set()
        end = .exportClosed
    }
}
