import BlockfenceBase
import ControlAPI

/// How a rebuild stands, as `volume rebuild` reads it from the volume while it waits.
public enum RebuildText {
    /// The node that receives the copy: the target, or the node itself for a rebuild in place.
    static func destination(node: String, target: String) -> String {
        target.isEmpty ? node : target
    }

    /// Whether the rebuild is over: the new replica is in the in-sync set, and for a rebuild on
    /// another node the old replica is gone. Only assignments after `startEpoch` count, so the one
    /// that began the rebuild does not end it.
    public static func isFinished(
        _ volume: Blockfence_Control_V1_Volume, node: String, target: String, startEpoch: UInt64
    ) -> Bool {
        guard let assignment = volume.assignment, assignment.epoch > startEpoch else { return false }
        let copy = destination(node: node, target: target)
        guard assignment.inSyncMembers.contains(copy) else { return false }
        return target.isEmpty || !assignment.replicaNodes.contains(node)
    }

    /// One line on how far the copy got: `Rebuilding n2's replica on n3: 1 MiB of 4 MiB (25%), …`,
    /// or that it waits for the copy to start.
    public static func progress(_ volume: Blockfence_Control_V1_Volume, node: String, target: String) -> String {
        let copy = destination(node: node, target: target)
        let place = target.isEmpty ? "in place" : "on \(TextFormat.printable(target))"
        let heading = "Rebuilding \(TextFormat.printable(node))'s replica \(place)"
        guard let status = volume.replicas.first(where: { $0.nodeName == copy }), let progress = status.catchUp else {
            return heading + ": waiting for the primary to start the copy"
        }
        return heading + ": " + VolumeText.catchUpProgress(progress)
    }
}
