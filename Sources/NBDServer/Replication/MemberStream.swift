import BlockfenceBase
import Glibc
import ReplicationProtocol

/// The member end of one replication stream: checks the primary's epoch, tells it what this
/// replica has, then applies its changes in order and acknowledges them.
///
/// | event | answer |
/// |---|---|
/// | HELLO for a volume not held here | REFUSE (epoch 0), close |
/// | HELLO, or any frame, with an epoch below the accepted one | REFUSE with the accepted epoch, close |
/// | HELLO otherwise | record the epoch durably, WELCOME with the applied sequence and later journal entries |
/// | WRITE, TRIM, ZERO, FLUSH with the next sequence | apply; after the batch, fdatasync if asked, ACK |
/// | a change out of sequence, out of range, or failing on disk | FAILURE with the errno, close |
/// | REPAIR | write the data, no sequence |
/// | EPOCH | record the epoch durably; adopt its sequence when it carries one |
/// | HELLO with `catchUp` | as HELLO, but WELCOME says what the replica durably recorded as level |
/// | EPOCH with `beginCatchUp` | take its sequence for the live changes that follow; with `wipe`, first clear the level record durably and discard the data |
/// | EPOCH with `caughtUp` | after the batch: fdatasync, record the level sequence durably, CAUGHT_UP |
///
/// A level replica (reconciled by, or caught up with, the stream's primary) also records its
/// applied sequence after an fdatasync about once a second, so that after a crash a primary of
/// the same lineage can catch it up from that sequence instead of copying everything.
final class MemberStream {
    /// How often a level replica records its durable sequence while changes flow.
    static let levelRecordIntervalNanoseconds: UInt64 = 1_000_000_000

    private let connection: FrameConnection
    private let findReplica: (String) -> VolumeReplica?
    private let logger: Logger

    init(connection: FrameConnection, findReplica: @escaping (String) -> VolumeReplica?, logger: Logger) {
        self.connection = connection
        self.findReplica = findReplica
        self.logger = logger
    }

    private enum StreamEnd: Error {
        case refused(epoch: UInt64, reason: String)
        case failed(sequence: UInt64, code: Int32, reason: String)
    }

    func run() {
        connection.setReceiveTimeout(milliseconds: 10_000)
        guard let (hello, data) = try? connection.nextFrame(), hello.type == .hello else {
            logger.debug("Replication stream opened without HELLO; closing.")
            return
        }
        let text = String(
            decoding: UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : Int(hello.length)), as: UTF8.self)
        let parts = text.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false)
        let volumeID = String(parts.first ?? "")
        let primary = parts.count > 1 ? String(parts[1]) : "unknown"
        let streamLogger = logger.with(["volume": volumeID, "primary": primary])
        guard let replica = findReplica(volumeID) else {
            let reason = Array("no replica of volume \(volumeID) here".utf8)
            _ = connection.send(ReplicationFrame(type: .refuse, epoch: 0, length: UInt32(reason.count)), bytes: reason)
            streamLogger.info("Replication refused: no replica here.")
            return
        }
        var token: UInt64 = 0
        do {
            try serve(replica, hello: hello, primary: primary, token: &token, logger: streamLogger)
        } catch {
            report(error, replica: replica, logger: streamLogger)
        }
        replica.order.withLock {
            if replica.streamToken == token { replica.streamPrimary = nil }
        }
    }

    private func report(_ end: StreamEnd, replica: VolumeReplica, logger streamLogger: Logger) {
        switch end {
        case .refused(let epoch, let reason):
            let bytes = Array(reason.utf8)
            _ = connection.send(
                ReplicationFrame(type: .refuse, epoch: epoch, length: UInt32(bytes.count)), bytes: bytes)
            streamLogger.info("Replication refused.", ["reason": reason])
        case .failed(let sequence, let code, let reason):
            var bytes = [UInt8](repeating: 0, count: 4)
            bytes.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(bitPattern: code).bigEndian, as: UInt32.self) }
            bytes += Array(reason.utf8)
            _ = connection.send(
                ReplicationFrame(
                    type: .failure, epoch: replica.acceptedEpoch, sequence: sequence, length: UInt32(bytes.count)),
                bytes: bytes)
            streamLogger.warning("Replication failed.", ["sequence": sequence, "errno": code, "reason": reason])
        }
    }

    private func serve(
        _ replica: VolumeReplica, hello: ReplicationFrame, primary: String, token: inout UInt64, logger: Logger
    ) throws(StreamEnd) {
        var streamEpoch = hello.epoch
        let lineage = hello.offset
        let catchUp = hello.flags.contains(.catchUp)
        let greeting = try greet(replica, hello: hello, primary: primary)
        token = greeting.token
        let journalBytes = JournalEntry.encode(greeting.entries)
        let welcome = ReplicationFrame(
            type: .welcome, epoch: streamEpoch, sequence: greeting.sequence, offset: greeting.lineage,
            length: UInt32(journalBytes.count))
        guard connection.send(welcome, bytes: journalBytes) else { return }
        logger.info(
            catchUp ? "Catch-up stream accepted." : "Replication stream accepted.",
            ["epoch": streamEpoch, "sequence": greeting.sequence, "recorded_lineage": greeting.lineage])
        connection.setReceiveTimeout(milliseconds: 0)
        var lastRecordAt = monotonicNanoseconds()
        var lastRecordedSequence: UInt64 = 0

        while true {
            let first: (ReplicationFrame, UnsafeRawPointer?)?
            do {
                first = try connection.nextFrame()
            } catch {
                logger.debug("Replication stream ended.", ["reason": "\(error)"])
                return
            }
            guard var current = first else { return }
            var needsSync = false
            var caughtUp = false
            replica.order.lock()
            var outcome: StreamEnd?
            while true {
                do {
                    try apply(
                        current.0, data: current.1, to: replica, lineage: lineage, streamEpoch: &streamEpoch,
                        needsSync: &needsSync)
                    if current.0.type == .epoch && current.0.flags.contains(.caughtUp) { caughtUp = true }
                } catch {
                    outcome = error
                    break
                }
                guard connection.hasBufferedFrame, let next = try? connection.nextFrame(block: false) else { break }
                current = next
            }
            let appliedNow = replica.appliedSequence
            let level = replica.levelLineage == lineage
            replica.order.unlock()
            if let outcome { throw outcome }
            let now = monotonicNanoseconds()
            let recordDue =
                caughtUp
                || (level && appliedNow != lastRecordedSequence
                    && now - lastRecordAt >= Self.levelRecordIntervalNanoseconds)
            if needsSync || recordDue {
                let code = replica.storage.flush()
                if code != 0 { throw .failed(sequence: appliedNow, code: code, reason: "fdatasync failed") }
            }
            if recordDue {
                try recordLevel(replica, lineage: lineage, sequence: appliedNow, caughtUp: caughtUp)
                lastRecordAt = now
                lastRecordedSequence = appliedNow
            }
            guard connection.send(ReplicationFrame(type: .acknowledge, epoch: streamEpoch, sequence: appliedNow)) else {
                return
            }
            if caughtUp {
                guard connection.send(ReplicationFrame(type: .caughtUp, epoch: streamEpoch, sequence: appliedNow))
                else {
                    return
                }
                logger.info("Caught up with the primary.", ["sequence": appliedNow, "lineage": lineage])
            }
        }
    }

    /// Records that the replica holds `lineage` up to `sequence`, after the fdatasync that made it
    /// so. A catch-up that just ended makes the replica level first; otherwise it records only
    /// while it is still level with this stream (another stream may have taken over meanwhile).
    private func recordLevel(
        _ replica: VolumeReplica, lineage: UInt64, sequence: UInt64, caughtUp: Bool
    ) throws(StreamEnd) {
        replica.order.lock()
        defer { replica.order.unlock() }
        if caughtUp {
            guard replica.streamLineage == lineage else {
                throw .refused(epoch: replica.acceptedEpochLocked, reason: "another primary's stream took over")
            }
            replica.levelLineage = lineage
        }
        guard replica.levelLineage == lineage, lineage != 0 else { return }
        do {
            try replica.recordLevelLocked(lineage: lineage, sequence: sequence)
        } catch {
            throw .failed(sequence: sequence, code: EIO, reason: error.description)
        }
    }

    /// What a member says in WELCOME, and the token of the stream it now follows.
    private struct Greeting {
        let sequence: UInt64
        let lineage: UInt64
        let entries: [JournalEntry]
        let token: UInt64
    }

    /// Accepts the primary's epoch, or refuses it, and says what this replica has: for a
    /// reconciliation its applied sequence and later journal entries, for a catch-up what it
    /// durably recorded as level.
    private func greet(
        _ replica: VolumeReplica, hello: ReplicationFrame, primary: String
    ) throws(StreamEnd) -> Greeting {
        replica.order.lock()
        defer { replica.order.unlock() }
        let accepted = replica.acceptedEpochLocked
        guard hello.epoch >= accepted else {
            throw .refused(epoch: accepted, reason: "epoch \(hello.epoch) was superseded by epoch \(accepted)")
        }
        do {
            try replica.acceptEpochLocked(hello.epoch)
        } catch {
            throw .failed(sequence: 0, code: EIO, reason: error.description)
        }
        replica.streamToken += 1
        replica.streamPrimary = primary
        replica.streamLineage = hello.offset
        // Until this stream's reconciliation or catch-up ends, the replica is level with nobody.
        replica.levelLineage = 0
        if hello.flags.contains(.catchUp) {
            let recorded = replica.recordedLevelLocked
            return Greeting(
                sequence: recorded?.sequence ?? 0, lineage: recorded?.lineage ?? 0, entries: [],
                token: replica.streamToken)
        }
        return Greeting(
            sequence: replica.appliedSequence, lineage: 0, entries: replica.journal.entries(after: hello.sequence),
            token: replica.streamToken)
    }

    /// Applies one frame; the replica's order lock is held.
    private func apply(
        _ frame: ReplicationFrame, data: UnsafeRawPointer?, to replica: VolumeReplica, lineage: UInt64,
        streamEpoch: inout UInt64, needsSync: inout Bool
    ) throws(StreamEnd) {
        let accepted = replica.acceptedEpochLocked
        guard frame.epoch >= accepted else {
            throw .refused(epoch: accepted, reason: "epoch \(frame.epoch) was superseded by epoch \(accepted)")
        }
        switch frame.type {
        case .write, .trim, .zero, .flush:
            guard frame.sequence == replica.appliedSequence + 1 else {
                throw .failed(
                    sequence: frame.sequence, code: EPROTO,
                    reason: "expected sequence \(replica.appliedSequence + 1), got \(frame.sequence)")
            }
            guard frame.type == .flush || frame.offset <= replica.storage.sizeBytes,
                frame.type == .flush || UInt64(frame.length) <= replica.storage.sizeBytes - frame.offset
            else {
                throw .failed(sequence: frame.sequence, code: ENOSPC, reason: "change beyond the end of the replica")
            }
            let code = replica.applyLocked(frame, data: data)
            if code == ESHUTDOWN {
                throw .refused(epoch: replica.acceptedEpochLocked, reason: "the server is stopping")
            }
            if code != 0 { throw .failed(sequence: frame.sequence, code: code, reason: "applying the change failed") }
            if frame.type == .flush || frame.flags.contains(.fua) { needsSync = true }
        case .repair:
            guard frame.offset <= replica.storage.sizeBytes,
                UInt64(frame.length) <= replica.storage.sizeBytes - frame.offset
            else {
                throw .failed(sequence: 0, code: ENOSPC, reason: "repair beyond the end of the replica")
            }
            let code = replica.applyLocked(frame, data: data)
            if code != 0 { throw .failed(sequence: 0, code: code, reason: "applying a repair failed") }
        case .epoch:
            do {
                try replica.acceptEpochLocked(frame.epoch)
            } catch {
                throw .failed(sequence: 0, code: EIO, reason: error.description)
            }
            streamEpoch = frame.epoch
            if frame.flags.contains(.beginCatchUp) {
                try beginCatchUp(frame, replica: replica)
            } else if frame.flags.contains(.adoptSequence) {
                // Behind: the repairs brought changes the journal cannot list, so it starts over.
                // Ahead: the repairs undid the changes after the primary's sequence.
                if frame.sequence > replica.appliedSequence {
                    replica.journal.reset()
                } else {
                    replica.journal.drop(after: frame.sequence)
                }
                replica.appliedSequence = frame.sequence
                replica.levelLineage = lineage
                needsSync = true
            }
        default:
            throw .failed(sequence: frame.sequence, code: EPROTO, reason: "unexpected \(frame.type) frame")
        }
    }

    /// Starts a catch-up at the frame's sequence. Before a full copy overwrites anything, the
    /// level record is cleared durably: a crash halfway must leave a replica that is copied in full
    /// again, never one that claims a sequence it does not hold. An incremental catch-up keeps
    /// the record, which stays true: repairs only bring ranges forward along the same lineage.
    private func beginCatchUp(_ frame: ReplicationFrame, replica: VolumeReplica) throws(StreamEnd) {
        if frame.flags.contains(.wipe) {
            do {
                try replica.recordLevelLocked(lineage: nil, sequence: 0)
            } catch {
                throw .failed(sequence: 0, code: EIO, reason: error.description)
            }
            let code = replica.wipeLocked()
            if code != 0 {
                throw .failed(sequence: 0, code: code, reason: "discarding the data for a full copy failed")
            }
        }
        replica.journal.reset()
        replica.appliedSequence = frame.sequence
        replica.levelLineage = 0
    }
}
