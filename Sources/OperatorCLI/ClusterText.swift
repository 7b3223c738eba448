import BlockfenceBase
import ControlAPI

/// Nodes, the cluster summary and failovers as the table output prints them.
public enum ClusterText {
    /// Every node with its addresses, load and last heartbeat, aged against `now`.
    public static func nodeList(_ nodes: [Blockfence_Control_V1_NodeInfo], now: Int64) -> String {
        guard !nodes.isEmpty else { return "No nodes have registered." }
        let rows = nodes.map { node in
            [
                node.name, TextFormat.yesNo(node.alive), TextFormat.yesNo(node.schedulable), "\(node.primaries)",
                "\(node.replicas)", ByteSize.format(node.capacityBytes), ByteSize.format(node.availableBytes),
                node.nbdAddress, node.replicationAddress,
                TextFormat.age(ofUnixMilliseconds: node.lastHeartbeatUnixMs, now: now),
            ]
        }
        let headers = [
            "NAME", "ALIVE", "SCHEDULABLE", "PRIMARIES", "REPLICAS", "CAPACITY", "AVAILABLE", "NBD ADDRESS",
            "REPLICATION ADDRESS", "LAST HEARTBEAT",
        ]
        return TextTable(headers: headers, rows: rows).rendered()
    }

    /// What a drain moves: one line per volume, with the new primary where the primary moved.
    public static func drainMoves(_ moves: [Blockfence_Control_V1_DrainMove]) -> String {
        guard !moves.isEmpty else { return "  Nothing to move." }
        let rows = moves.map { move in
            [
                TextFormat.printable(move.volume),
                move.newPrimary.isEmpty ? "-" : TextFormat.printable(move.newPrimary),
                TextFormat.printable(move.targetNode),
            ]
        }
        return TextTable(headers: ["VOLUME", "NEW PRIMARY", "REPLICA MOVED TO"], rows: rows).rendered(indent: 2)
    }

    /// The summary lines, then short node and volume tables.
    public static func status(_ status: Blockfence_Control_V1_GetStatusResponse, now: Int64) -> String {
        let summary = ClusterSummary(status)
        let version = status.version.isEmpty ? "(version unknown)" : TextFormat.printable(status.version)
        let health = summary.volumesByHealth.map { "\($0.count) \(TextFormat.printable($0.health))" }
        var lines = [
            "Control core \(version), up \(TextFormat.duration(milliseconds: status.uptimeMs)).",
            "Highest epoch: \(summary.highestEpoch).",
            "Nodes: \(summary.nodesAlive) of \(summary.nodesTotal) alive.",
            "Volumes: \(summary.volumesTotal) (\(health.joined(separator: ", "))).",
            "",
        ]
        if status.nodes.isEmpty {
            lines.append("No nodes have registered.")
        } else {
            let rows = status.nodes.map { node in
                [
                    node.name, TextFormat.yesNo(node.alive), "\(node.primaries)", "\(node.replicas)",
                    ByteSize.format(node.availableBytes),
                    TextFormat.age(ofUnixMilliseconds: node.lastHeartbeatUnixMs, now: now),
                ]
            }
            let headers = ["NODE", "ALIVE", "PRIMARIES", "REPLICAS", "AVAILABLE", "LAST HEARTBEAT"]
            lines.append(TextTable(headers: headers, rows: rows).rendered())
        }
        lines.append("")
        if status.volumes.isEmpty {
            lines.append("No volumes.")
        } else {
            let rows = status.volumes.map { volume in
                [
                    volume.name, ByteSize.format(volume.sizeBytes), volume.health.displayName,
                    volume.assignment.map { "\($0.epoch)" } ?? "none", VolumeText.primary(of: volume),
                ]
            }
            let headers = ["VOLUME", "SIZE", "HEALTH", "EPOCH", "PRIMARY"]
            lines.append(TextTable(headers: headers, rows: rows).rendered())
        }
        // Replicas being caught up or rebuilt, only while there are any.
        let catchingUp = status.volumes.flatMap { volume in
            volume.replicas.compactMap { replica in
                replica.catchUp.map { [volume.name, replica.nodeName, VolumeText.catchUpProgress($0)] }
            }
        }
        if !catchingUp.isEmpty {
            lines.append("")
            lines.append(TextTable(headers: ["CATCHING UP", "NODE", "PROGRESS"], rows: catchingUp).rendered())
        }
        return lines.joined(separator: "\n")
    }

    /// Before and after, whether the old primary handed over, and how long the move took.
    public static func failover(_ response: Blockfence_Control_V1_FailoverResponse) -> String {
        let volume = response.volume ?? Blockfence_Control_V1_Volume()
        let newEpoch = volume.assignment.map { "\($0.epoch)" } ?? "none"
        let previousPrimary = response.previousPrimary.isEmpty ? "none" : response.previousPrimary
        let handOver =
            response.handedOver
            ? "\(previousPrimary) handed over"
            : "\(previousPrimary) did not confirm; the control core waited for its lease to expire"
        let pairs = [
            ("epoch", "\(response.previousEpoch) -> \(newEpoch)"),
            ("primary", "\(previousPrimary) -> \(VolumeText.primary(of: volume))"),
            ("hand-over", handOver),
            ("took", TextFormat.duration(milliseconds: response.durationMs)),
        ]
        let heading = "Failed over volume \(TextFormat.printable(volume.name))."
        return heading + "\n" + TextTable(pairs: pairs).rendered(indent: 2)
    }
}
