import BlockfenceBase
import Foundation
import Glibc
import NBDProtocol
import ReplicationProtocol

/// Why a replica could not be created, opened or changed.
public enum ReplicaError: Error, CustomStringConvertible, Equatable {
    case cannotCreate(volumeID: String, SystemError)
    case cannotOpen(volumeID: String, reason: String)
    case cannotRecordEpoch(volumeID: String, epoch: UInt64, SystemError)
    case cannotResize(volumeID: String, sizeBytes: UInt64, SystemError)

    public var description: String {
        switch self {
        case .cannotCreate(let volumeID, let error): "cannot create the replica of volume \(volumeID): \(error)"
        case .cannotOpen(let volumeID, let reason): "cannot open the replica of volume \(volumeID): \(reason)"
        case .cannotRecordEpoch(let volumeID, let epoch, let error):
            "cannot record epoch \(epoch) for volume \(volumeID): \(error)"
        case .cannotResize(let volumeID, let sizeBytes, let error):
            "cannot grow the replica of volume \(volumeID) to \(sizeBytes) bytes: \(error)"
        }
    }
}

/// One volume's replica on this node: its data file, its durable metadata, and the journal of
/// recent changes. The same object serves as primary (through its export) and as member (through
/// replication streams); which it is, is the storage node agent's business.
///
/// `order` serializes everything that changes the data or the epoch, so changes are applied in
/// one order for the whole volume and no change of an old epoch lands after a newer one was
/// accepted. The properties it guards are only touched while holding it.
public final class VolumeReplica: @unchecked Sendable {
    public let volumeID: String
    public let directory: String
    public let storage: FileExport
    public let gate: VolumeGate

    let order = NSCondition()
    private var metadata: ReplicaMetadata
    /// The last sequence applied here, as member or as primary.
    var appliedSequence: UInt64 = 0
    var journal = ChangeJournal()
    /// The primary of the replication stream this replica currently follows, and a token naming
    /// that stream, so a stream that ends only clears what it set.
    var streamPrimary: String?
    var streamToken: UInt64 = 0
    /// The lineage named by the stream this replica follows (its primary's starting epoch).
    var streamLineage: UInt64 = 0
    /// Set once the server stopping has recorded a clean stop: nothing may change the data after.
    var closed = false
    /// The applied sequence was restored from a clean stop, and since then the replica changed
    /// only by following a primary's replication stream (whose reconciliation checked it), never
    /// by serving itself.
    var restoredFromCleanStop = false
    /// The lineage of the stream this replica is level with right now: it holds exactly that
    /// primary's changes up to `appliedSequence`. 0 while it is not (being repaired or caught up,
    /// serving as primary, or following nobody); only a level replica records its sequence.
    var levelLineage: UInt64 = 0

    private init(directory: String, metadata: ReplicaMetadata, storage: FileExport, gate: VolumeGate) {
        self.volumeID = metadata.volumeID
        self.directory = directory
        self.metadata = metadata
        self.storage = storage
        self.gate = gate
        gate.noteEpoch(metadata.acceptedEpoch)
    }

    static func dataPath(_ directory: String) -> String { directory + "/data" }

    /// Creates the directory, a sparse data file and the metadata record.
    public static func create(
        directory: String, volumeID: String, volumeName: String, sizeBytes: UInt64, epoch: UInt64, lease: NodeLease
    ) throws(ReplicaError) -> VolumeReplica {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw .cannotCreate(volumeID: volumeID, .last("mkdir", subject: directory))
        }
        let metadata = ReplicaMetadata(
            volumeID: volumeID, volumeName: volumeName, sizeBytes: sizeBytes, acceptedEpoch: epoch,
            createdAtUnixMilliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        do {
            try metadata.save(directory: directory)
        } catch {
            throw .cannotCreate(volumeID: volumeID, error)
        }
        return try open(directory: directory, lease: lease, creatingDataOfSize: sizeBytes)
    }

    /// Opens an existing replica directory.
    public static func open(
        directory: String, lease: NodeLease, creatingDataOfSize createSize: UInt64? = nil
    ) throws(ReplicaError) -> VolumeReplica {
        guard let loaded = ReplicaMetadata.load(directory: directory) else {
            throw .cannotOpen(volumeID: directory, reason: "\(ReplicaMetadata.fileName) is missing or unreadable")
        }
        var metadata = loaded
        let cleanSequence = metadata.cleanStopSequence
        if cleanSequence != nil {
            // The record describes the state at the stop; once anything can change the replica it
            // no longer would, so it goes before anything else happens.
            metadata.cleanStopSequence = nil
            do {
                try metadata.save(directory: directory)
            } catch {
                throw .cannotOpen(volumeID: metadata.volumeID, reason: "cannot clear the clean-stop record: \(error)")
            }
        }
        let gate = VolumeGate(lease: lease)
        let storage: FileExport
        do {
            let exists = access(dataPath(directory), F_OK) == 0
            storage = try FileExport.open(
                name: metadata.volumeName, path: dataPath(directory),
                sizeBytes: exists ? nil : createSize ?? metadata.sizeBytes,
                readOnly: false, description: "blockfence volume \(metadata.volumeName)", gate: gate)
        } catch {
            throw .cannotOpen(volumeID: metadata.volumeID, reason: error.description)
        }
        let replica = VolumeReplica(directory: directory, metadata: metadata, storage: storage, gate: gate)
        if let cleanSequence {
            replica.appliedSequence = cleanSequence
            replica.restoredFromCleanStop = true
        }
        return replica
    }

    /// Closes the replica to changes and records the applied sequence for the next start. Called
    /// when the server stops cleanly, after it stopped serving and replicating.
    public func recordCleanStop() throws(ReplicaError) {
        order.lock()
        defer { order.unlock() }
        closed = true
        guard storage.flush() == 0 else {
            throw .cannotRecordEpoch(
                volumeID: volumeID, epoch: metadata.acceptedEpoch, SystemError("fdatasync", errno: EIO))
        }
        var updated = metadata
        updated.cleanStopSequence = appliedSequence
        if levelLineage != 0 {
            updated.levelLineage = levelLineage
            updated.levelSequence = appliedSequence
        }
        do {
            try updated.save(directory: directory)
        } catch {
            throw .cannotRecordEpoch(volumeID: volumeID, epoch: metadata.acceptedEpoch, error)
        }
        metadata = updated
    }

    /// Whether the replica started from a clean stop and has not served since: it holds what it
    /// held then, or what its primaries replicated to it after checking it.
    public var isCleanRestart: Bool { order.withLock { restoredFromCleanStop } }

    /// This node serves the replica as primary from now on: it no longer counts as cleanly
    /// restarted.
    func forgetCleanStop() {
        order.withLock { restoredFromCleanStop = false }
    }

    /// What the replica durably recorded as level: (lineage, sequence), or nil when a full copy is due.
    var recordedLevelLocked: (lineage: UInt64, sequence: UInt64)? {
        guard let lineage = metadata.levelLineage, let sequence = metadata.levelSequence, lineage != 0 else {
            return nil
        }
        return (lineage, sequence)
    }

    /// Records durably that the data holds `lineage` up to `sequence`, or (nil) that it holds
    /// nothing a catch-up could build on. Call with `order` held, and for a level record only
    /// after an fdatasync that covers `sequence`.
    func recordLevelLocked(lineage: UInt64?, sequence: UInt64) throws(ReplicaError) {
        var updated = metadata
        updated.levelLineage = lineage
        updated.levelSequence = lineage == nil ? nil : sequence
        guard updated != metadata else { return }
        do {
            try updated.save(directory: directory)
        } catch {
            throw .cannotRecordEpoch(volumeID: volumeID, epoch: metadata.acceptedEpoch, error)
        }
        metadata = updated
    }

    /// Discards every byte, for a full copy; the level record must already be cleared. Call with
    /// `order` held. Returns 0 or an errno.
    func wipeLocked() -> Int32 {
        guard !closed else { return ESHUTDOWN }
        journal.reset()
        return storage.writeZeroes(offset: 0, length: storage.sizeBytes, mayPunch: true, fast: false)
    }

    /// Whether the replica holds exactly the changes of the stream it follows up to its applied
    /// sequence; see `levelLineage`.
    public var isLevel: Bool { order.withLock { levelLineage != 0 } }

    public var volumeName: String { order.withLock { metadata.volumeName } }
    public var acceptedEpoch: UInt64 { order.withLock { metadata.acceptedEpoch } }
    /// The accepted epoch, for callers already holding `order`.
    var acceptedEpochLocked: UInt64 { metadata.acceptedEpoch }
    public var lastAppliedSequence: UInt64 { order.withLock { appliedSequence } }

    /// Raises the accepted epoch durably; lower or equal epochs change nothing. Call with `order`
    /// held. `closingGate` false is for a primary that stays primary at the new epoch: it opens its
    /// gate at that epoch itself once its pipeline has moved on.
    func acceptEpochLocked(_ epoch: UInt64, closingGate: Bool = true) throws(ReplicaError) {
        guard epoch > metadata.acceptedEpoch else { return }
        var updated = metadata
        updated.acceptedEpoch = epoch
        do {
            try updated.save(directory: directory)
        } catch {
            throw .cannotRecordEpoch(volumeID: volumeID, epoch: epoch, error)
        }
        metadata = updated
        if closingGate { gate.noteEpoch(epoch) }
    }

    /// Raises the accepted epoch durably, taking the order lock.
    public func acceptEpoch(_ epoch: UInt64, closingGate: Bool = true) throws(ReplicaError) {
        order.lock()
        defer { order.unlock() }
        try acceptEpochLocked(epoch, closingGate: closingGate)
    }

    /// The primary this replica takes changes from right now, if any.
    public var currentStreamPrimary: String? { order.withLock { streamPrimary } }

    /// Grows the replica to `sizeBytes` and records it.
    public func resize(to sizeBytes: UInt64) throws(ReplicaError) {
        order.lock()
        defer { order.unlock() }
        guard sizeBytes > storage.sizeBytes else { return }
        let code = storage.resize(to: sizeBytes)
        guard code == 0 else {
            throw .cannotResize(volumeID: volumeID, sizeBytes: sizeBytes, SystemError("ftruncate", errno: code))
        }
        var updated = metadata
        updated.sizeBytes = sizeBytes
        do {
            try updated.save(directory: directory)
        } catch {
            throw .cannotResize(volumeID: volumeID, sizeBytes: sizeBytes, error)
        }
        metadata = updated
    }

    /// Applies one change in volume order and records it. Call with `order` held. Returns 0 or an errno.
    func applyLocked(_ frame: ReplicationFrame, data: UnsafeRawPointer?) -> Int32 {
        guard !closed else { return ESHUTDOWN }
        let code: Int32
        switch frame.type {
        case .write, .repair:
            code = storage.write(from: data!, offset: frame.offset, length: Int(frame.length))
        case .trim:
            code = storage.trim(offset: frame.offset, length: UInt64(frame.length))
        case .zero:
            code = storage.writeZeroes(
                offset: frame.offset, length: UInt64(frame.length), mayPunch: !frame.flags.contains(.noHole),
                fast: false)
        default:
            code = 0
        }
        guard code == 0, frame.isChange else { return code }
        let length = frame.type == .flush ? 0 : frame.length
        journal.append(JournalEntry(sequence: frame.sequence, offset: frame.offset, length: length))
        appliedSequence = frame.sequence
        return 0
    }

    /// Removes the replica's files; the replica must not be used afterwards.
    public func destroy() {
        unlink(Self.dataPath(directory))
        unlink(directory + "/" + ReplicaMetadata.fileName)
        rmdir(directory)
    }
}
