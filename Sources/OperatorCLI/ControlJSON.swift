import ControlAPI

/// The control API's answers as `--output json` prints them.
///
/// Field names are the control API's own (`Protos/blockfence/control.proto`), in snake_case, in
/// the order the .proto declares them. Every field is always present, with its zero value when
/// the control core left it unset, so that scripts never meet a missing key; the one exception is
/// `assignment`, which is `null` when the volume has none. Enums are lower-case words without
/// their prefix (`in_sync`, `degraded`); a value this command does not know is `unknown_N`.
public enum ControlJSON {
    public static func volume(_ volume: Blockfence_Control_V1_Volume) -> JSONValue {
        let parameters = volume.parameters.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return .object([
            "id": .string(volume.id),
            "name": .string(volume.name),
            "size_bytes": .unsigned(volume.sizeBytes),
            "replica_count": .unsigned(UInt64(volume.replicaCount)),
            "parameters": .object(JSONObject(parameters.map { ($0.key, .string($0.value)) })),
            "created_at_unix_ms": .signed(volume.createdAtUnixMs),
            "assignment": volume.assignment.map(assignment) ?? .null,
            "replicas": .array(volume.replicas.map(replica)),
            "nbd_uri": .string(volume.nbdURI),
            "health": .string(volume.health.displayName),
            "lease_remaining_ms": .unsigned(volume.leaseRemainingMs),
            "attached_nodes": strings(volume.attachedNodes),
        ])
    }

    public static func assignment(_ assignment: Blockfence_Control_V1_Assignment) -> JSONValue {
        .object([
            "volume_id": .string(assignment.volumeID),
            "volume_name": .string(assignment.volumeName),
            "epoch": .unsigned(assignment.epoch),
            "primary_node": .string(assignment.primaryNode),
            "in_sync_members": strings(assignment.inSyncMembers),
            "size_bytes": .unsigned(assignment.sizeBytes),
            "replica_nodes": strings(assignment.replicaNodes),
            "reason": .string(assignment.reason),
            "minted_at_unix_ms": .signed(assignment.mintedAtUnixMs),
        ])
    }

    public static func replica(_ replica: Blockfence_Control_V1_ReplicaStatus) -> JSONValue {
        .object([
            "node_name": .string(replica.nodeName),
            "state": .string(replica.state.displayName),
            "node_alive": .bool(replica.nodeAlive),
            "accepted_epoch": .unsigned(replica.acceptedEpoch),
            "applied_sequence": .unsigned(replica.appliedSequence),
            // Like a volume's assignment, null while there is none.
            "catch_up": replica.catchUp.map(catchUp) ?? .null,
            "problem": .string(replica.problem),
        ])
    }

    public static func catchUp(_ progress: Blockfence_Control_V1_CatchUpProgress) -> JSONValue {
        .object([
            "full_copy": .bool(progress.fullCopy),
            "bytes_copied": .unsigned(progress.bytesCopied),
            "bytes_total": .unsigned(progress.bytesTotal),
            "bytes_per_second": .unsigned(progress.bytesPerSecond),
            "seconds_left": .unsigned(progress.secondsLeft),
        ])
    }

    public static func drainMoves(_ moves: [Blockfence_Control_V1_DrainMove]) -> JSONValue {
        .array(
            moves.map { move in
                .object([
                    "volume": .string(move.volume),
                    "new_primary": .string(move.newPrimary),
                    "target_node": .string(move.targetNode),
                ])
            })
    }

    public static func node(_ node: Blockfence_Control_V1_NodeInfo) -> JSONValue {
        .object([
            "name": .string(node.name),
            "nbd_address": .string(node.nbdAddress),
            "replication_address": .string(node.replicationAddress),
            "alive": .bool(node.alive),
            "schedulable": .bool(node.schedulable),
            "last_heartbeat_unix_ms": .signed(node.lastHeartbeatUnixMs),
            "primaries": .unsigned(UInt64(node.primaries)),
            "replicas": .unsigned(UInt64(node.replicas)),
            "capacity_bytes": .unsigned(node.capacityBytes),
            "available_bytes": .unsigned(node.availableBytes),
        ])
    }

    /// `volume create`: `created` is false when the volume already existed as asked.
    public static func created(_ volume: Blockfence_Control_V1_Volume, created: Bool) -> JSONValue {
        .object(["volume": self.volume(volume), "created": .bool(created)])
    }

    /// `volume inspect`, `expand` and `attach`.
    public static func volumeAnswer(_ volume: Blockfence_Control_V1_Volume) -> JSONValue {
        .object(["volume": self.volume(volume)])
    }

    /// `volume list`: every page, in the order the control core sent them.
    public static func volumeList(_ volumes: [Blockfence_Control_V1_Volume]) -> JSONValue {
        .object(["volumes": .array(volumes.map(volume))])
    }

    /// `volume delete`: the answer carries nothing, so the volume is named as it was given.
    public static func deleted(volume: String) -> JSONValue {
        .object(["deleted_volume": .string(volume)])
    }

    /// `volume detach`: the answer carries nothing, so the volume and node are named as given.
    public static func detached(volume: String, node: String) -> JSONValue {
        .object(["detached_volume": .string(volume), "node": .string(node)])
    }

    public static func nodeList(_ nodes: [Blockfence_Control_V1_NodeInfo]) -> JSONValue {
        .object(["nodes": .array(nodes.map(node))])
    }

    public static func failover(_ response: Blockfence_Control_V1_FailoverResponse) -> JSONValue {
        .object([
            "volume": response.volume.map(volume) ?? .null,
            "previous_epoch": .unsigned(response.previousEpoch),
            "previous_primary": .string(response.previousPrimary),
            "handed_over": .bool(response.handedOver),
            "duration_ms": .unsigned(response.durationMs),
        ])
    }

    /// `status`: the control API's answer, then `summary`, the counts the table output leads with.
    public static func status(_ response: Blockfence_Control_V1_GetStatusResponse) -> JSONValue {
        let summary = ClusterSummary(response)
        return .object([
            "nodes": .array(response.nodes.map(node)),
            "volumes": .array(response.volumes.map(volume)),
            "epoch": .unsigned(response.epoch),
            "uptime_ms": .unsigned(response.uptimeMs),
            "version": .string(response.version),
            "summary": .object([
                "nodes_alive": .unsigned(UInt64(summary.nodesAlive)),
                "nodes_total": .unsigned(UInt64(summary.nodesTotal)),
                "volumes_total": .unsigned(UInt64(summary.volumesTotal)),
                "volumes_by_health": .object(
                    JSONObject(summary.volumesByHealth.map { ($0.health, .unsigned(UInt64($0.count))) })),
            ]),
        ])
    }

    private static func strings(_ values: [String]) -> JSONValue {
        .array(values.map { .string($0) })
    }
}

extension Blockfence_Control_V1_ReplicaState {
    /// The word both output formats use.
    public var displayName: String {
        switch self {
        case .unspecified: "unspecified"
        case .syncing: "syncing"
        case .inSync: "in_sync"
        case .failed: "failed"
        case .unrecognized(let number): "unknown_\(number)"
        }
    }
}

extension Blockfence_Control_V1_VolumeHealth {
    /// The word both output formats use.
    public var displayName: String {
        switch self {
        case .unspecified: "unspecified"
        case .healthy: "healthy"
        case .degraded: "degraded"
        case .unavailable: "unavailable"
        case .unrecognized(let number): "unknown_\(number)"
        }
    }
}
