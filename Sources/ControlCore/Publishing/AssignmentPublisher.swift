import ControlAPI

/// Who serves a volume from which epoch on: `(volume, epoch, primary, in-sync members, size)`.
///
/// Its initializer is private to this file, so the only assignments that exist are the ones
/// `AssignmentPublisher` minted and committed, or read back from the database.
public struct Assignment: Sendable, Equatable {
    public let volumeID: String
    public let volumeName: String
    public let epoch: UInt64
    public let primaryNode: String
    /// The members a write must reach before it is acknowledged; the primary is one of them.
    public let inSyncMembers: [String]
    /// Every node holding a replica, in sync or not.
    public let replicaNodes: [String]
    public let sizeBytes: UInt64
    /// Why it was minted, for people.
    public let reason: String
    public let mintedAtUnixMilliseconds: Int64
    /// The volume's first assignment: the volume holds no data yet.
    public let isFirstOfVolume: Bool

    fileprivate init(
        volumeID: String, volumeName: String, epoch: UInt64, primaryNode: String, inSyncMembers: [String],
        replicaNodes: [String], sizeBytes: UInt64, reason: String, mintedAtUnixMilliseconds: Int64,
        isFirstOfVolume: Bool
    ) {
        self.isFirstOfVolume = isFirstOfVolume
        self.volumeID = volumeID
        self.volumeName = volumeName
        self.epoch = epoch
        self.primaryNode = primaryNode
        self.inSyncMembers = inSyncMembers
        self.replicaNodes = replicaNodes
        self.sizeBytes = sizeBytes
        self.reason = reason
        self.mintedAtUnixMilliseconds = mintedAtUnixMilliseconds
    }

    /// The message nodes and operators receive. Only a published assignment can be sent.
    public var message: Blockfence_Control_V1_Assignment {
        var message = Blockfence_Control_V1_Assignment()
        message.volumeID = volumeID
        message.volumeName = volumeName
        message.epoch = epoch
        message.primaryNode = primaryNode
        message.inSyncMembers = inSyncMembers
        message.sizeBytes = sizeBytes
        message.replicaNodes = replicaNodes
        message.reason = reason
        message.mintedAtUnixMs = mintedAtUnixMilliseconds
        message.firstOfVolume = isFirstOfVolume
        return message
    }
}

/// What a caller wants the next assignment of a volume to say. Only the publisher turns it into
/// an `Assignment`, with the next epoch.
struct AssignmentProposal {
    var volumeID: String
    var volumeName: String
    var primaryNode: String
    var inSyncMembers: [String]
    var replicaNodes: [String]
    var sizeBytes: UInt64
    var reason: String
}

/// Mints assignments inside a publisher's transaction.
struct Minting {
    fileprivate let store: ClusterStore
    fileprivate let caller: String
    fileprivate var minted: [Assignment] = []

    /// Takes the next epoch from the cluster-wide counter and records the assignment, in the
    /// enclosing transaction. Nobody hears of it before that transaction commits.
    mutating func mint(_ proposal: AssignmentProposal) throws {
        precondition(proposal.inSyncMembers.contains(proposal.primaryNode), "a primary outside its in-sync set")
        let database = store.database
        let epochs = try database.statement(
            "UPDATE counters SET value = value + 1 WHERE name = 'epoch' RETURNING value"
        ).rows { UInt64(bitPattern: $0.integer(0)) }
        guard let epoch = epochs.first else { preconditionFailure("the epoch counter row is missing") }
        let earlier = try database.statement("SELECT 1 FROM assignments WHERE volume_id = ? LIMIT 1").rows(
            [.text(proposal.volumeID)]
        ) { _ in true }
        let assignment = Assignment(
            volumeID: proposal.volumeID, volumeName: proposal.volumeName, epoch: epoch,
            primaryNode: proposal.primaryNode, inSyncMembers: proposal.inSyncMembers.sorted(),
            replicaNodes: proposal.replicaNodes.sorted(), sizeBytes: proposal.sizeBytes, reason: proposal.reason,
            mintedAtUnixMilliseconds: unixMilliseconds(), isFirstOfVolume: earlier.isEmpty)
        try database.statement(
            """
            INSERT INTO assignments (volume_id, volume_name, epoch, primary_node, in_sync_members, replica_nodes,
                                     size_bytes, reason, minted_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run([
            .text(assignment.volumeID), .text(assignment.volumeName), DatabaseValue(assignment.epoch),
            .text(assignment.primaryNode), .text(assignment.inSyncMembers.joined(separator: ",")),
            .text(assignment.replicaNodes.joined(separator: ",")), DatabaseValue(assignment.sizeBytes),
            .text(assignment.reason), .integer(assignment.mintedAtUnixMilliseconds),
        ])
        try store.audit(
            caller: caller, method: "MintAssignment",
            request:
                "volume=\(assignment.volumeName) epoch=\(epoch) primary=\(assignment.primaryNode) "
                + "in_sync=\(assignment.inSyncMembers.joined(separator: ","))",
            outcome: "minted: \(assignment.reason)")
        minted.append(assignment)
    }
}

/// The one place where assignments are created.
///
/// Persist, then publish: `transaction` runs its body in one database transaction in which the
/// body may mint; only after the commit has returned (the rows are on disk, synchronous=FULL)
/// does the publisher make the new assignments current and hand them to `onPublish`, which tells
/// the nodes. A failed transaction mints nothing, and its epochs were never seen by anyone.
final class AssignmentPublisher {
    private let store: ClusterStore
    /// The latest published assignment of every volume that exists.
    private(set) var current: [String: Assignment] = [:]
    /// Called after every commit that minted, with what it minted, in epoch order.
    var onPublish: ([Assignment]) -> Void = { _ in }

    init(store: ClusterStore) throws {
        self.store = store
        let latest = try store.database.statement(
            """
            SELECT a.volume_id, a.volume_name, a.epoch, a.primary_node, a.in_sync_members, a.replica_nodes,
                   a.size_bytes, a.reason, a.minted_at_ms,
                   a.epoch = (SELECT MIN(epoch) FROM assignments WHERE volume_id = a.volume_id)
            FROM assignments a JOIN volumes v ON v.id = a.volume_id
            WHERE a.epoch = (SELECT MAX(epoch) FROM assignments WHERE volume_id = a.volume_id)
            """
        ).rows([], Self.assignment)
        for assignment in latest { current[assignment.volumeID] = assignment }
    }

    /// The highest epoch ever minted, by any volume.
    func highestEpoch() throws -> UInt64 {
        let values = try store.database.statement("SELECT value FROM counters WHERE name = 'epoch'").rows {
            UInt64(bitPattern: $0.integer(0))
        }
        return values.first ?? 0
    }

    /// Every assignment a volume ever had, oldest first.
    func history(ofVolume volumeID: String) throws -> [Assignment] {
        try store.database.statement(
            """
            SELECT a.volume_id, a.volume_name, a.epoch, a.primary_node, a.in_sync_members, a.replica_nodes,
                   a.size_bytes, a.reason, a.minted_at_ms,
                   a.epoch = (SELECT MIN(epoch) FROM assignments WHERE volume_id = a.volume_id)
            FROM assignments a WHERE a.volume_id = ? ORDER BY a.epoch
            """
        ).rows([.text(volumeID)], Self.assignment)
    }

    /// Runs `body` in one transaction, commits, then publishes what it minted. `caller` names
    /// who caused the mints in the audit log.
    func transaction<Result>(caller: String, _ body: (inout Minting) throws -> Result) throws -> Result {
        var minting = Minting(store: store, caller: caller)
        let result = try store.database.transaction { try body(&minting) }
        guard !minting.minted.isEmpty else { return result }
        for assignment in minting.minted { current[assignment.volumeID] = assignment }
        onPublish(minting.minted)
        return result
    }

    /// Drops a deleted volume's assignment from the current ones; its history stays on disk.
    func forget(volumeID: String) {
        current.removeValue(forKey: volumeID)
    }

    private static func assignment(_ row: Statement) -> Assignment {
        Assignment(
            volumeID: row.text(0), volumeName: row.text(1), epoch: UInt64(bitPattern: row.integer(2)),
            primaryNode: row.text(3), inSyncMembers: split(row.text(4)), replicaNodes: split(row.text(5)),
            sizeBytes: UInt64(bitPattern: row.integer(6)), reason: row.text(7),
            mintedAtUnixMilliseconds: row.integer(8), isFirstOfVolume: row.integer(9) != 0)
    }

    private static func split(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }
}
