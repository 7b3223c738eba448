import BlockfenceBase
import ControlAPI

/// Volumes as the table output prints them.
public enum VolumeText {
    /// Everything the control core says about one volume: its assignment, each replica's state,
    /// its attachments and where clients reach it.
    public static func detail(_ volume: Blockfence_Control_V1_Volume) -> String {
        let assignment = volume.assignment
        let inSync = assignment?.inSyncMembers ?? []
        let parameters = volume.parameters.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { "\($0.key)=\($0.value)" }
        var pairs: [(String, String)] = [
            ("id", volume.id),
            ("size", "\(ByteSize.format(volume.sizeBytes)) (\(volume.sizeBytes) bytes)"),
            ("health", volume.health.displayName),
            ("replicas", "\(volume.replicaCount) asked, \(inSync.count) in sync"),
            ("parameters", TextFormat.list(parameters)),
            ("created", TextFormat.timestamp(unixMilliseconds: volume.createdAtUnixMs)),
        ]
        if let assignment {
            pairs += [
                ("epoch", "\(assignment.epoch)"),
                ("primary", assignment.primaryNode.isEmpty ? "none" : assignment.primaryNode),
                ("in-sync members", TextFormat.list(inSync)),
                ("lease remaining", leaseRemaining(volume.leaseRemainingMs)),
                ("assigned", assigned(assignment)),
            ]
        } else {
            pairs += [("epoch", "none"), ("primary", "none"), ("in-sync members", "none")]
        }
        pairs += [
            ("nbd uri", volume.nbdURI.isEmpty ? "none (no primary serves it yet)" : volume.nbdURI),
            ("attached to", TextFormat.list(volume.attachedNodes)),
        ]
        var text = "Volume \(TextFormat.printable(volume.name))\n" + TextTable(pairs: pairs).rendered(indent: 2)
        guard !volume.replicas.isEmpty else { return text + "\n\n  No replicas." }
        // The catch-up column appears only while some replica is being caught up.
        let catchingUp = volume.replicas.contains { $0.catchUp != nil }
        let primaryAlive = volume.replicas.first { $0.nodeName == assignment?.primaryNode }?.nodeAlive ?? false
        let rows = volume.replicas.map { replica in
            [
                replica.nodeName, role(of: replica.nodeName, in: assignment), replica.state.displayName,
                TextFormat.yesNo(replica.nodeAlive), "\(replica.acceptedEpoch)", "\(replica.appliedSequence)",
            ] + (catchingUp ? [replica.catchUp.map { catchUpProgress($0, primaryAlive: primaryAlive) } ?? "-"] : [])
        }
        let headers =
            ["NODE", "ROLE", "STATE", "NODE ALIVE", "ACCEPTED EPOCH", "APPLIED SEQUENCE"]
            + (catchingUp ? ["CATCH-UP"] : [])
        text += "\n\n" + TextTable(headers: headers, rows: rows).rendered(indent: 2)
        // A node that could not create or grow its replica says why; that is what to fix.
        for replica in volume.replicas where !replica.problem.isEmpty {
            text += "\n  Problem on node \(replica.nodeName): \(TextFormat.printable(replica.problem))"
        }
        return text
    }

    /// `1 MiB of 4 MiB (25%), 2 MiB/s, 2 s left, full copy`: how far a catch-up got. While the
    /// primary is not alive nothing is copied: `waiting for the primary, 1 MiB of 4 MiB (25%), full
    /// copy`, without a rate or a time left.
    public static func catchUpProgress(
        _ progress: Blockfence_Control_V1_CatchUpProgress, primaryAlive: Bool = true
    ) -> String {
        let percent = progress.bytesTotal == 0 ? 100 : min(100, progress.bytesCopied * 100 / progress.bytesTotal)
        let copied = "\(ByteSize.format(progress.bytesCopied)) of \(ByteSize.format(progress.bytesTotal)) (\(percent)%)"
        guard primaryAlive else {
            return ["waiting for the primary", copied, progress.fullCopy ? "full copy" : "changes only"]
                .joined(separator: ", ")
        }
        var parts = [copied, "\(ByteSize.format(progress.bytesPerSecond))/s"]
        if progress.secondsLeft > 0 { parts.append("\(progress.secondsLeft) s left") }
        parts.append(progress.fullCopy ? "full copy" : "changes only")
        return parts.joined(separator: ", ")
    }

    /// One line per volume.
    public static func list(_ volumes: [Blockfence_Control_V1_Volume]) -> String {
        guard !volumes.isEmpty else { return "No volumes." }
        let rows = volumes.map { volume in
            [
                volume.name, ByteSize.format(volume.sizeBytes), volume.health.displayName,
                volume.assignment.map { "\($0.epoch)" } ?? "none", primary(of: volume),
                "\(volume.assignment?.inSyncMembers.count ?? 0)/\(volume.replicaCount)",
                TextFormat.list(volume.attachedNodes),
            ]
        }
        let headers = ["NAME", "SIZE", "HEALTH", "EPOCH", "PRIMARY", "IN SYNC", "ATTACHED TO"]
        return TextTable(headers: headers, rows: rows).rendered()
    }

    /// The primary's node, or `none` while the volume has no assignment or no primary.
    static func primary(of volume: Blockfence_Control_V1_Volume) -> String {
        guard let node = volume.assignment?.primaryNode, !node.isEmpty else { return "none" }
        return node
    }

    /// `primary`, `member` (of the assignment's in-sync set) or `none`: set beside the replica's
    /// own state, it shows a replica the node reports in sync that the assignment does not count.
    private static func role(of node: String, in assignment: Blockfence_Control_V1_Assignment?) -> String {
        guard let assignment else { return "none" }
        if node == assignment.primaryNode { return "primary" }
        return assignment.inSyncMembers.contains(node) ? "member" : "none"
    }

    private static func leaseRemaining(_ milliseconds: UInt64) -> String {
        milliseconds == 0 ? "expired" : TextFormat.duration(milliseconds: milliseconds)
    }

    private static func assigned(_ assignment: Blockfence_Control_V1_Assignment) -> String {
        let time = TextFormat.timestamp(unixMilliseconds: assignment.mintedAtUnixMs)
        return assignment.reason.isEmpty ? time : "\(time) (\(assignment.reason))"
    }
}
