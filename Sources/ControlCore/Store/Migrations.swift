/// The control core's schema, as numbered migrations. A migration is never edited once released:
/// a change is a new migration. `Store` applies the ones a database has not seen, in order, each
/// in its own transaction.
struct Migration {
    let version: Int
    let name: String
    let sql: String
}

enum Migrations {
    static let all: [Migration] = [
        Migration(
            version: 1, name: "nodes, volumes, replicas, assignments, attachments, audit log",
            sql: """
                CREATE TABLE counters (
                    name TEXT PRIMARY KEY,
                    value INTEGER NOT NULL
                );
                INSERT INTO counters (name, value) VALUES ('epoch', 0);

                CREATE TABLE nodes (
                    name TEXT PRIMARY KEY,
                    nbd_address TEXT NOT NULL,
                    replication_address TEXT NOT NULL,
                    schedulable INTEGER NOT NULL DEFAULT 1,
                    incarnation TEXT NOT NULL,
                    registered_at_ms INTEGER NOT NULL,
                    last_seen_at_ms INTEGER NOT NULL
                );

                CREATE TABLE volumes (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    size_bytes INTEGER NOT NULL,
                    replica_count INTEGER NOT NULL,
                    parameters TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL
                );

                CREATE TABLE replicas (
                    volume_id TEXT NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
                    node_name TEXT NOT NULL REFERENCES nodes(name),
                    state TEXT NOT NULL CHECK (state IN ('syncing', 'in_sync', 'failed')),
                    PRIMARY KEY (volume_id, node_name)
                );

                -- The history of every assignment ever minted. It outlives its volume, so that an epoch
                -- stays on record as used even after the volume is deleted.
                CREATE TABLE assignments (
                    volume_id TEXT NOT NULL,
                    volume_name TEXT NOT NULL,
                    epoch INTEGER NOT NULL UNIQUE,
                    primary_node TEXT NOT NULL,
                    in_sync_members TEXT NOT NULL,
                    replica_nodes TEXT NOT NULL,
                    size_bytes INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    minted_at_ms INTEGER NOT NULL,
                    PRIMARY KEY (volume_id, epoch)
                );

                CREATE TABLE attachments (
                    volume_id TEXT NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
                    node_name TEXT NOT NULL,
                    read_only INTEGER NOT NULL,
                    attached_at_ms INTEGER NOT NULL,
                    PRIMARY KEY (volume_id, node_name)
                );

                -- Replicas of deleted volumes that their nodes still report: the node is told to delete
                -- them until it no longer does.
                CREATE TABLE deleted_replicas (
                    volume_id TEXT NOT NULL,
                    node_name TEXT NOT NULL,
                    deleted_at_ms INTEGER NOT NULL,
                    PRIMARY KEY (volume_id, node_name)
                );

                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at_ms INTEGER NOT NULL,
                    caller TEXT NOT NULL,
                    method TEXT NOT NULL,
                    request TEXT NOT NULL,
                    outcome TEXT NOT NULL
                );
                """),
        Migration(
            version: 2, name: "single-node attachments",
            sql: """
                -- An attachment made for a single-node access mode: while it exists no other node may
                -- attach the volume.
                ALTER TABLE attachments ADD COLUMN single_node INTEGER NOT NULL DEFAULT 0;
                """),
        Migration(
            version: 3, name: "pending rebuilds",
            sql: """
                -- Rebuilds asked for and not finished, so that a restarted control core finishes them:
                -- it removes the old replica of a rebuild on another node once the new one is in
                -- sync, and asks again for the full copy of a rebuild in place. An empty target is a
                -- rebuild in place.
                CREATE TABLE rebuilds (
                    volume_id TEXT PRIMARY KEY REFERENCES volumes(id) ON DELETE CASCADE,
                    node_name TEXT NOT NULL,
                    target_node TEXT NOT NULL,
                    requested_epoch INTEGER NOT NULL
                );
                """),
    ]
}
