import Foundation

/// The control core's tables other than assignments (which belong to `AssignmentPublisher`
/// alone): nodes, volumes, replicas, attachments, replicas of deleted volumes, and the audit log.
///
/// Every method runs one or a few statements on the caller's thread; callers group writes in a
/// `Database.transaction`. Not thread-safe, like the database under it.
final class ClusterStore {
    let database: Database

    /// Opens the database and applies the migrations it has not seen, each in its own transaction.
    init(path: String) throws {
        database = try Database(path: path)
        try migrate()
    }

    private func migrate() throws {
        let applied = Int(try database.statement("PRAGMA user_version").rows { $0.integer(0) }.first ?? 0)
        let known = Migrations.all.last?.version ?? 0
        guard applied <= known else { throw DatabaseError.newerSchema(found: applied, known: known) }
        for migration in Migrations.all where migration.version > applied {
            do {
                try database.transaction {
                    try database.execute(migration.sql)
                    try database.execute("PRAGMA user_version = \(migration.version)")
                }
            } catch {
                throw DatabaseError.migration(version: migration.version, message: "\(error)")
            }
        }
    }

    // MARK: Nodes

    func nodes() throws -> [StorageNode] {
        try database.statement(
            """
            SELECT name, nbd_address, replication_address, schedulable, incarnation, registered_at_ms, last_seen_at_ms
            FROM nodes ORDER BY name
            """
        ).rows { row in
            StorageNode(
                name: row.text(0), nbdAddress: row.text(1), replicationAddress: row.text(2),
                schedulable: row.integer(3) != 0, incarnation: row.text(4), registeredAtMilliseconds: row.integer(5),
                lastSeenAtMilliseconds: row.integer(6))
        }
    }

    func saveNode(_ node: StorageNode) throws {
        try database.statement(
            """
            INSERT INTO nodes (name, nbd_address, replication_address, schedulable, incarnation, registered_at_ms,
                               last_seen_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET nbd_address = excluded.nbd_address,
                replication_address = excluded.replication_address, schedulable = excluded.schedulable,
                incarnation = excluded.incarnation,
                registered_at_ms = excluded.registered_at_ms, last_seen_at_ms = excluded.last_seen_at_ms
            """
        ).run([
            .text(node.name), .text(node.nbdAddress), .text(node.replicationAddress),
            .integer(node.schedulable ? 1 : 0), .text(node.incarnation), .integer(node.registeredAtMilliseconds),
            .integer(node.lastSeenAtMilliseconds),
        ])
    }

    // MARK: Volumes

    func volumes() throws -> [Volume] {
        try database.statement(
            "SELECT id, name, size_bytes, replica_count, parameters, created_at_ms FROM volumes ORDER BY name"
        ).rows([], Self.volume)
    }

    /// A volume by name or by id.
    func volume(named nameOrID: String) throws -> Volume? {
        try database.statement(
            """
            SELECT id, name, size_bytes, replica_count, parameters, created_at_ms FROM volumes
            WHERE name = ? OR id = ? ORDER BY name = ? DESC LIMIT 1
            """
        ).rows([.text(nameOrID), .text(nameOrID), .text(nameOrID)], Self.volume).first
    }

    /// Volumes ordered by name, after `name` (exclusive) when given, at most `limit` (0: all).
    func volumes(after name: String?, limit: Int) throws -> [Volume] {
        try database.statement(
            """
            SELECT id, name, size_bytes, replica_count, parameters, created_at_ms FROM volumes
            WHERE name > ? ORDER BY name LIMIT ?
            """
        ).rows([.text(name ?? ""), .integer(limit == 0 ? -1 : Int64(limit))], Self.volume)
    }

    func insertVolume(_ volume: Volume) throws {
        try database.statement(
            """
            INSERT INTO volumes (id, name, size_bytes, replica_count, parameters, created_at_ms)
            VALUES (?, ?, ?, ?, ?, ?)
            """
        ).run([
            .text(volume.id), .text(volume.name), DatabaseValue(volume.sizeBytes), DatabaseValue(volume.replicaCount),
            .text(Self.encode(volume.parameters)), .integer(volume.createdAtMilliseconds),
        ])
    }

    func updateVolumeSize(id: String, sizeBytes: UInt64) throws {
        try database.statement("UPDATE volumes SET size_bytes = ? WHERE id = ?").run([
            DatabaseValue(sizeBytes), .text(id),
        ])
    }

    /// Deletes the volume with its replicas and attachments; its assignments stay as history.
    func deleteVolume(id: String) throws {
        try database.statement("DELETE FROM volumes WHERE id = ?").run([.text(id)])
    }

    private static func volume(_ row: Statement) -> Volume {
        Volume(
            id: row.text(0), name: row.text(1), sizeBytes: UInt64(bitPattern: row.integer(2)),
            replicaCount: Int(row.integer(3)), parameters: decode(row.text(4)), createdAtMilliseconds: row.integer(5))
    }

    private static func encode(_ parameters: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(parameters)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func decode(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    // MARK: Replicas

    func replicas() throws -> [Replica] {
        try database.statement("SELECT volume_id, node_name, state FROM replicas ORDER BY volume_id, node_name").rows(
            [],
            Self.replica)
    }

    func replicas(ofVolume volumeID: String) throws -> [Replica] {
        try database.statement(
            "SELECT volume_id, node_name, state FROM replicas WHERE volume_id = ? ORDER BY node_name"
        ).rows([.text(volumeID)], Self.replica)
    }

    func replicas(onNode node: String) throws -> [Replica] {
        try database.statement(
            "SELECT volume_id, node_name, state FROM replicas WHERE node_name = ? ORDER BY volume_id"
        ).rows([.text(node)], Self.replica)
    }

    func insertReplica(_ replica: Replica) throws {
        try database.statement("INSERT INTO replicas (volume_id, node_name, state) VALUES (?, ?, ?)").run([
            .text(replica.volumeID), .text(replica.nodeName), .text(replica.state.rawValue),
        ])
    }

    /// Forgets one replica of a volume (its node is told to delete it through `deleted_replicas`).
    func deleteReplica(volumeID: String, node: String) throws {
        try database.statement("DELETE FROM replicas WHERE volume_id = ? AND node_name = ?").run([
            .text(volumeID), .text(node),
        ])
    }

    func setReplicaState(volumeID: String, node: String, state: ReplicaState) throws {
        try database.statement("UPDATE replicas SET state = ? WHERE volume_id = ? AND node_name = ?").run([
            .text(state.rawValue), .text(volumeID), .text(node),
        ])
    }

    private static func replica(_ row: Statement) -> Replica {
        Replica(volumeID: row.text(0), nodeName: row.text(1), state: ReplicaState(rawValue: row.text(2)) ?? .failed)
    }

    // MARK: Attachments

    func attachments(ofVolume volumeID: String) throws -> [Attachment] {
        try database.statement(
            """
            SELECT volume_id, node_name, read_only, attached_at_ms, single_node FROM attachments
            WHERE volume_id = ? ORDER BY node_name
            """
        ).rows([.text(volumeID)]) { row in
            Attachment(
                volumeID: row.text(0), nodeName: row.text(1), readOnly: row.integer(2) != 0,
                attachedAtMilliseconds: row.integer(3), singleNode: row.integer(4) != 0)
        }
    }

    func insertAttachment(_ attachment: Attachment) throws {
        try database.statement(
            """
            INSERT INTO attachments (volume_id, node_name, read_only, attached_at_ms, single_node)
            VALUES (?, ?, ?, ?, ?)
            """
        ).run([
            .text(attachment.volumeID), .text(attachment.nodeName), .integer(attachment.readOnly ? 1 : 0),
            .integer(attachment.attachedAtMilliseconds), .integer(attachment.singleNode ? 1 : 0),
        ])
    }

    func deleteAttachment(volumeID: String, node: String) throws {
        try database.statement("DELETE FROM attachments WHERE volume_id = ? AND node_name = ?").run([
            .text(volumeID), .text(node),
        ])
    }

    // MARK: Pending rebuilds

    func rebuilds() throws -> [PendingRebuild] {
        try database.statement(
            "SELECT volume_id, node_name, target_node, requested_epoch FROM rebuilds ORDER BY volume_id"
        ).rows { row in
            let target = row.text(2)
            return PendingRebuild(
                volumeID: row.text(0), node: row.text(1), target: target.isEmpty ? nil : target,
                requestedEpoch: UInt64(row.integer(3)))
        }
    }

    func saveRebuild(_ rebuild: PendingRebuild) throws {
        try database.statement(
            """
            INSERT OR REPLACE INTO rebuilds (volume_id, node_name, target_node, requested_epoch)
            VALUES (?, ?, ?, ?)
            """
        ).run([
            .text(rebuild.volumeID), .text(rebuild.node), .text(rebuild.target ?? ""),
            .integer(Int64(rebuild.requestedEpoch)),
        ])
    }

    func deleteRebuild(volumeID: String) throws {
        try database.statement("DELETE FROM rebuilds WHERE volume_id = ?").run([.text(volumeID)])
    }

    // MARK: Replicas of deleted volumes

    func deletedVolumeIDs(onNode node: String) throws -> [String] {
        try database.statement("SELECT volume_id FROM deleted_replicas WHERE node_name = ? ORDER BY volume_id").rows(
            [.text(node)]
        ) { $0.text(0) }
    }

    func insertDeletedReplica(volumeID: String, node: String, at milliseconds: Int64) throws {
        try database.statement(
            "INSERT OR IGNORE INTO deleted_replicas (volume_id, node_name, deleted_at_ms) VALUES (?, ?, ?)"
        ).run([.text(volumeID), .text(node), .integer(milliseconds)])
    }

    func removeDeletedReplica(volumeID: String, node: String) throws {
        try database.statement("DELETE FROM deleted_replicas WHERE volume_id = ? AND node_name = ?").run([
            .text(volumeID), .text(node),
        ])
    }

    // MARK: Audit log

    /// Appends one line to the audit log: who asked for what, and how it ended.
    func audit(caller: String, method: String, request: String, outcome: String) throws {
        try database.statement(
            "INSERT INTO audit_log (at_ms, caller, method, request, outcome) VALUES (?, ?, ?, ?, ?)"
        ).run([.integer(unixMilliseconds()), .text(caller), .text(method), .text(request), .text(outcome)])
    }
}
