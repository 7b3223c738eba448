import RPC

/// Why the control core refused or could not finish a request, with what the caller needs to
/// fix it.
public enum ControlError: Error, Equatable, CustomStringConvertible {
    case invalidVolumeName(name: String, reason: String)
    case invalidNodeName(name: String, reason: String)
    case invalidSize(sizeBytes: UInt64, reason: String)
    case invalidReplicaCount(UInt32)
    case invalidParameters(reason: String)
    case invalidIncarnation(node: String)
    case invalidPageToken(String)
    case shrinkRefused(volume: String, currentBytes: UInt64, requestedBytes: UInt64)
    case volumeNotFound(String)
    case volumeConflict(name: String, difference: String)
    case attachmentConflict(volume: String, node: String)
    case volumeAttached(volume: String, nodes: [String])
    case attachedToOtherNode(volume: String, nodes: [String], singleNodeThere: Bool)
    case notEnoughNodes(volume: String, needed: Int, available: [String])
    case sizeBeyondNodes(volume: String, sizeBytes: UInt64, limits: [String: UInt64])
    case nodeNotRegistered(String)
    case incarnationMismatch(node: String, registered: String, received: String)
    case previousIncarnationMayServe(node: String, incarnation: String, remainingMilliseconds: UInt64)
    case failoverTargetRefused(volume: String, target: String, reason: String)
    case rebuildRefused(volume: String, node: String, reason: String)
    case nodeNotFound(String)
    case drainRefused(node: String, problems: [String])
    case noFailoverCandidate(volume: String, primary: String)
    case noHandOverPending(volume: String, epoch: UInt64, node: String)
    case handOverSuperseded(volume: String, epoch: UInt64, currentEpoch: UInt64)
    case stopping
    case storage(String)

    public var description: String {
        switch self {
        case .invalidVolumeName(let name, let reason): "volume name '\(name)' is not valid: \(reason)"
        case .invalidNodeName(let name, let reason): "node name '\(name)' is not valid: \(reason)"
        case .invalidSize(let sizeBytes, let reason): "size \(sizeBytes) bytes is not valid: \(reason)"
        case .invalidReplicaCount(let count): "replica count \(count) is not valid: it must be 1, 2 or 3 (0 means 2)"
        case .invalidParameters(let reason): "parameters are not valid: \(reason)"
        case .invalidIncarnation(let node): "node \(node) sent no incarnation; a server sends a random one per start"
        case .invalidPageToken(let token): "page token '\(token)' was not returned by ListVolumes"
        case .shrinkRefused(let volume, let current, let requested):
            "volume \(volume) has \(current) bytes; it can only grow, not shrink to \(requested)"
        case .volumeNotFound(let volume): "no volume named or numbered '\(volume)'"
        case .volumeConflict(let name, let difference):
            "volume \(name) already exists with a different specification: \(difference)"
        case .attachmentConflict(let volume, let node):
            "volume \(volume) is already attached to node \(node) with a different read-only or single-node setting"
        case .attachedToOtherNode(let volume, let nodes, let singleNodeThere):
            singleNodeThere
                ? "volume \(volume) is attached to node \(nodes.joined(separator: ", ")) for a single node; "
                    + "detach it there first"
                : "volume \(volume) is attached to node \(nodes.joined(separator: ", ")); a single-node "
                    + "attachment needs it detached there first"
        case .volumeAttached(let volume, let nodes):
            "volume \(volume) is attached to \(nodes.joined(separator: ", ")); detach it first or delete with force"
        case .notEnoughNodes(let volume, let needed, let available):
            "volume \(volume) needs \(needed) replicas on distinct alive, schedulable nodes, but only "
                + "\(available.count) \(available.count == 1 ? "is" : "are") available"
                + (available.isEmpty ? "" : " (\(available.joined(separator: ", ")))")
        case .sizeBeyondNodes(let volume, let sizeBytes, let limits):
            "volume \(volume) cannot have \(sizeBytes) bytes: "
                + limits.sorted { $0.key < $1.key }.map { "node \($0.key) holds at most \($0.value)" }
                .joined(separator: ", ")
                + " (its filesystem's capacity or largest file)"
        case .nodeNotRegistered(let node): "node \(node) is not registered; call Register first"
        case .incarnationMismatch(let node, let registered, let received):
            "node \(node) is registered with incarnation \(registered), not \(received); register again"
        case .previousIncarnationMayServe(let node, let incarnation, let remaining):
            "node \(node) is held by another process (incarnation \(incarnation)) whose lease may run for "
                + "\(remaining) ms more; a restarted server registers once it is over, and a second server "
                + "with the same name never does while the first one heartbeats"
        case .failoverTargetRefused(let volume, let target, let reason):
            "cannot move volume \(volume) to node \(target): \(reason)"
        case .rebuildRefused(let volume, let node, let reason):
            "cannot rebuild the replica of volume \(volume) on node \(node): \(reason)"
        case .nodeNotFound(let node): "no node named \(node) is registered"
        case .drainRefused(let node, let problems):
            "cannot drain node \(node): \(problems.joined(separator: "; ")); nothing was changed"
        case .noFailoverCandidate(let volume, let primary):
            "volume \(volume) has no alive in-sync member besides its primary \(primary) to move to"
        case .noHandOverPending(let volume, let epoch, let node):
            "no hand-over of volume \(volume) at epoch \(epoch) by node \(node) is pending"
        case .handOverSuperseded(let volume, let epoch, let currentEpoch):
            "the hand-over of volume \(volume) at epoch \(epoch) was overtaken by epoch \(currentEpoch); try again"
        case .stopping: "the control core is stopping"
        case .storage(let message): "the control core's database failed: \(message)"
        }
    }

    /// The one place where the control core's errors become gRPC status codes.
    ///
    /// | condition | code | what the caller should do |
    /// |---|---|---|
    /// | malformed name, size, replica count, parameters, incarnation or page token | INVALID_ARGUMENT | fix it |
    /// | an expansion asks for fewer bytes than the volume has | INVALID_ARGUMENT | ask for more |
    /// | the volume does not exist | NOT_FOUND | check the name, or create it first |
    /// | the name is taken with another size, replica count or parameters | ALREADY_EXISTS | use another name |
    /// | attached to that node with the other read-only or single-node setting | ALREADY_EXISTS | detach it first |
    /// | a single-node attachment while another node has it attached | FAILED_PRECONDITION | detach it there first |
    /// | any attachment while another node has it single-node | FAILED_PRECONDITION | detach it there first |
    /// | too few alive, schedulable nodes for the replicas | RESOURCE_EXHAUSTED | add nodes or ask for fewer |
    /// | a size above what the nodes' filesystems can hold | OUT_OF_RANGE | ask for less, or add larger disks |
    /// | deleting an attached volume without force | FAILED_PRECONDITION | detach it, or force |
    /// | heartbeat or watch from an unregistered node or another incarnation | FAILED_PRECONDITION | register again |
    /// | no alive in-sync member to fail over to, or the target is not one | FAILED_PRECONDITION | wait, retry |
    /// | a hand-over confirmation matches no pending hand-over | FAILED_PRECONDITION | nothing; it ended otherwise |
    /// | rebuilding the primary's or only in-sync replica, or onto an unusable node | FAILED_PRECONDITION | fail over |
    /// | a drain with a primary or replica that has nowhere to go | FAILED_PRECONDITION | add or uncordon nodes |
    /// | an unknown node named in a cordon, uncordon, drain or rebuild | NOT_FOUND | check the name with node list |
    /// | another assignment overtook a hand-over while it ran | ABORTED | read the volume again, retry if wanted |
    /// | the control core is stopping | UNAVAILABLE | retry against the restarted control core |
    /// | the database failed (disk full, I/O error) | INTERNAL | report; repair the control core's disk |
    public var rpcError: RPCError {
        switch self {
        case .invalidVolumeName, .invalidNodeName, .invalidSize, .invalidReplicaCount, .invalidParameters,
            .invalidIncarnation, .invalidPageToken, .shrinkRefused:
            RPCError(.invalidArgument, description)
        case .volumeNotFound, .nodeNotFound: RPCError(.notFound, description)
        case .volumeConflict, .attachmentConflict: RPCError(.alreadyExists, description)
        case .notEnoughNodes: RPCError(.resourceExhausted, description)
        case .sizeBeyondNodes: RPCError(.outOfRange, description)
        case .volumeAttached, .attachedToOtherNode, .nodeNotRegistered, .incarnationMismatch,
            .failoverTargetRefused, .noFailoverCandidate, .noHandOverPending, .previousIncarnationMayServe,
            .rebuildRefused, .drainRefused:
            RPCError(.failedPrecondition, description)
        case .handOverSuperseded: RPCError(.aborted, description)
        case .stopping: RPCError(.unavailable, description)
        case .storage: RPCError(.internal, description)
        }
    }

    /// Any error from the state machine as a `ControlError`: a database failure is wrapped.
    static func from(_ error: any Error) -> ControlError {
        if let error = error as? ControlError { return error }
        return .storage("\(error)")
    }
}
