import ControlAPI

/// A rebuild asked for and not finished yet.
struct PendingRebuild: Sendable, Equatable {
    let volumeID: String
    /// The node whose replica is rebuilt.
    let node: String
    /// Where the new replica goes; nil for in place.
    let target: String?
    /// The epoch current when it was asked for; names the request in directives.
    let requestedEpoch: UInt64
}

/// Rebuilding a replica: in place (discarded and copied in full) or on another node.
extension ClusterController {
    /// Starts a rebuild and returns the volume at once; its progress shows in `GetVolume`.
    ///
    /// | condition | answer |
    /// |---|---|
    /// | the node holds the only in-sync copy | refused: nothing could copy it back |
    /// | the node is the primary | refused: move the primary first with a failover |
    /// | the node holds no replica of the volume | refused |
    /// | the target is the node itself, holds a replica already, is unknown, not alive or cordoned | refused |
    /// | a different rebuild of the volume is under way | refused; the same one again is answered as it stands |
    public func rebuildReplica(
        _ nameOrID: String, node: String, target: String, caller: String
    ) async throws(ControlError) -> Blockfence_Control_V1_Volume {
        let summary = "volume=\(nameOrID) node=\(node) target=\(target)"
        return try await serialized(try key(of: nameOrID)) { () throws(ControlError) in
            try audited(caller: caller, method: "RebuildReplica", request: summary) {
                try beginRebuild(nameOrID, node: node, target: target, caller: caller, summary: summary)
            }
        }
    }

    private func beginRebuild(
        _ nameOrID: String, node: String, target: String, caller: String, summary: String
    ) throws -> Blockfence_Control_V1_Volume {
        guard let volume = try store.volume(named: nameOrID), let current = publisher.current[volume.id] else {
            throw ControlError.volumeNotFound(nameOrID)
        }
        func refuse(_ reason: String) -> ControlError {
            .rebuildRefused(volume: volume.name, node: node, reason: reason)
        }
        // An unknown node is a name to check, as everywhere else a node is named, not a state of
        // the volume to change first.
        let registered = Set(try store.nodes().map(\.name))
        for name in [node, target] where !name.isEmpty && !registered.contains(name) {
            guard current.replicaNodes.contains(name) else { throw ControlError.nodeNotFound(name) }
        }
        let asked = PendingRebuild(
            volumeID: volume.id, node: node, target: target.isEmpty ? nil : target, requestedEpoch: current.epoch)
        if let pending = rebuilds[volume.id] {
            // The same request again (a retried command) is answered as it stands.
            guard pending.node == asked.node && pending.target == asked.target else {
                throw refuse("a rebuild of its replica on \(pending.node) is under way")
            }
            return try volumeMessage(volume)
        }
        // Nothing else holds every acknowledged write: a wiped copy could not be refilled.
        guard current.inSyncMembers != [node] else { throw refuse("it holds the only in-sync copy") }
        // The primary serves the volume; a failover moves it first.
        guard current.primaryNode != node else {
            throw refuse("it is the primary; move the primary first with 'blockfence failover \(volume.name)'")
        }
        // Only a replica the volume has can be rebuilt.
        guard current.replicaNodes.contains(node) else { throw refuse("the node holds no replica of the volume") }
        if let destination = asked.target {
            try checkRebuildTarget(destination, current: current, refuse: refuse)
        }
        try publisher.transaction(caller: caller) { minting in
            if let destination = asked.target {
                try store.insertReplica(Replica(volumeID: volume.id, nodeName: destination, state: .syncing))
                try minting.mint(
                    AssignmentProposal(
                        volumeID: current.volumeID, volumeName: current.volumeName, primaryNode: current.primaryNode,
                        inSyncMembers: current.inSyncMembers, replicaNodes: current.replicaNodes + [destination],
                        sizeBytes: current.sizeBytes, reason: "rebuild of \(node)'s replica on \(destination)"))
            } else {
                try store.setReplicaState(volumeID: volume.id, node: node, state: .failed)
                try minting.mint(
                    AssignmentProposal(
                        volumeID: current.volumeID, volumeName: current.volumeName, primaryNode: current.primaryNode,
                        inSyncMembers: current.inSyncMembers.filter { $0 != node },
                        replicaNodes: current.replicaNodes, sizeBytes: current.sizeBytes,
                        reason: "rebuild of \(node)'s replica in place"))
            }
            try store.saveRebuild(asked)
            try store.audit(
                caller: caller, method: "RebuildReplica", request: summary,
                outcome: asked.target.map { "new replica on \($0)" } ?? "in place")
        }
        rebuilds[volume.id] = asked
        pushDirectives(to: [current.primaryNode])
        logger.info(
            "Rebuild requested.", ["volume": volume.name, "node": node, "target": asked.target ?? node])
        return try volumeMessage(volume)
    }

    private func checkRebuildTarget(
        _ destination: String, current: Assignment, refuse: (String) -> ControlError
    ) throws {
        // A replica on the node it replaces is an in-place rebuild.
        guard destination != current.primaryNode, !current.replicaNodes.contains(destination) else {
            throw refuse("\(destination) already holds a replica of the volume")
        }
        guard let record = try store.nodes().first(where: { $0.name == destination }) else {
            throw ControlError.nodeNotFound(destination)
        }
        // A replica copied to a node that is gone would never catch up.
        guard leases.isAlive(destination, now: nowMilliseconds) else { throw refuse("\(destination) is not alive") }
        // Cordoned nodes get no new replicas.
        guard record.schedulable else { throw refuse("\(destination) is cordoned") }
    }
}
