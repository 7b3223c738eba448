import ControlAPI

/// One replica a drain moves, as planned before anything changes.
struct PlannedMove: Sendable, Equatable {
    let volumeID: String
    let volumeName: String
    /// The drained node is the volume's primary: a planned failover comes first.
    let movesPrimary: Bool
    /// Where the replica is rebuilt.
    let target: String
}

/// Cordon, uncordon and drain: taking a node out of service without losing a replica.
extension ClusterController {
    /// Marks a node schedulable or not; placement and rebuilds skip unschedulable nodes.
    public func setSchedulable(
        _ node: String, _ schedulable: Bool, caller: String
    ) throws(ControlError) -> Blockfence_Control_V1_NodeInfo {
        let method = schedulable ? "UncordonNode" : "CordonNode"
        return try audited(caller: caller, method: method, request: "node=\(node)") {
            guard var record = try store.nodes().first(where: { $0.name == node }) else {
                throw ControlError.nodeNotFound(node)
            }
            let changed = record.schedulable != schedulable
            record.schedulable = schedulable
            try store.database.transaction {
                if changed { try store.saveNode(record) }
                try store.audit(
                    caller: caller, method: method, request: "node=\(node)",
                    outcome: changed ? (schedulable ? "uncordoned" : "cordoned") : "unchanged")
            }
            if changed {
                logger.info(schedulable ? "Node uncordoned." : "Node cordoned.", ["node": node])
            }
            return try nodeInfo(node)
        }
    }

    /// Cordons the node, hands over every primary on it, and starts a rebuild of every replica on
    /// it elsewhere. Everything is planned first: if anything has nowhere to go, nothing changes.
    public func drainNode(
        _ node: String, caller: String
    ) async throws(ControlError) -> Blockfence_Control_V1_DrainNodeResponse {
        let plan = try audited(caller: caller, method: "DrainNode", request: "node=\(node)") {
            try planDrain(node, caller: caller)
        }
        // A control core that is stopping forgets every drain anyway.
        defer { _ = try? locked { drainsUnderWay.remove(node) } }
        var response = Blockfence_Control_V1_DrainNodeResponse()
        for move in plan {
            var message = Blockfence_Control_V1_DrainMove()
            message.volume = move.volumeName
            message.targetNode = move.target
            if move.movesPrimary {
                let moved = try await failover(move.volumeID, target: "", caller: caller)
                message.newPrimary = moved.volume?.assignment?.primaryNode ?? ""
            }
            _ = try await rebuildReplica(move.volumeID, node: node, target: move.target, caller: caller)
            response.moves.append(message)
        }
        do {
            response.node = try locked { try nodeInfo(node) }
        } catch {
            throw ControlError.from(error)
        }
        logger.info("Drain under way.", ["node": node, "moves": plan.count])
        return response
    }

    /// What a drain of `node` must move and where, or why it cannot; cordons the node when it can.
    ///
    /// | condition | problem |
    /// |---|---|
    /// | the node is primary and no other in-sync member is alive | no successor for a hand-over |
    /// | no alive, schedulable node without a replica of the volume | the replica has nowhere to go |
    private func planDrain(_ node: String, caller: String) throws -> [PlannedMove] {
        guard var record = try store.nodes().first(where: { $0.name == node }) else {
            throw ControlError.nodeNotFound(node)
        }
        // Another drain of it is moving its volumes: planning now would race its hand-overs and
        // rebuilds, and fail halfway. Refused before anything changes.
        guard !drainsUnderWay.contains(node) else {
            throw ControlError.drainRefused(
                node: node, problems: ["a drain of it is under way; run it again once that one returns"])
        }
        let now = nowMilliseconds
        var load = Dictionary(
            try placementCandidates(now: now).filter { $0.name != node }.map { ($0.name, $0) },
            uniquingKeysWith: { first, _ in first })
        var plan: [PlannedMove] = []
        var problems: [String] = []
        for replica in try store.replicas(onNode: node).sorted(by: { $0.volumeID < $1.volumeID }) {
            guard let current = publisher.current[replica.volumeID] else { continue }
            let name = current.volumeName
            let movesPrimary = current.primaryNode == node
            if movesPrimary
                && !current.inSyncMembers.contains(where: { $0 != node && leases.isAlive($0, now: now) })
            {
                problems.append("volume \(name): no other in-sync member is alive to take over as primary")
            }
            // A hand-over or a rebuild of something else under way would refuse a move halfway.
            if handOvers[replica.volumeID] != nil {
                problems.append("volume \(name): a hand-over of its primary is under way")
                continue
            }
            if let pending = rebuilds[replica.volumeID], pending.node != node || pending.target == nil {
                problems.append("volume \(name): a rebuild of its replica on \(pending.node) is under way")
                continue
            }
            // A drain again keeps the targets of the rebuilds it started.
            if let pending = rebuilds[replica.volumeID], pending.node == node, let target = pending.target {
                plan.append(
                    PlannedMove(
                        volumeID: replica.volumeID, volumeName: name, movesPrimary: movesPrimary, target: target))
                continue
            }
            let candidates = load.values.filter { !current.replicaNodes.contains($0.name) }
            guard let target = Placement.choose(1, from: candidates)?.first, let chosen = load[target] else {
                problems.append("volume \(name): no alive, schedulable node without a replica of it")
                continue
            }
            load[target] = Placement.Candidate(
                name: chosen.name, replicas: chosen.replicas + 1, primaries: chosen.primaries)
            plan.append(
                PlannedMove(volumeID: replica.volumeID, volumeName: name, movesPrimary: movesPrimary, target: target))
        }
        guard problems.isEmpty else { throw ControlError.drainRefused(node: node, problems: problems) }
        try store.database.transaction {
            if record.schedulable {
                record.schedulable = false
                try store.saveNode(record)
            }
            try store.audit(
                caller: caller, method: "DrainNode", request: "node=\(node)",
                outcome: "cordoned; moving "
                    + (plan.isEmpty
                        ? "nothing"
                        : plan.map { "\($0.volumeName) to \($0.target)" }
                            .joined(separator: ", ")))
        }
        drainsUnderWay.insert(node)
        return plan
    }

    private func nodeInfo(_ node: String) throws -> Blockfence_Control_V1_NodeInfo {
        guard let info = try nodeMessages().first(where: { $0.name == node }) else {
            throw ControlError.nodeNotFound(node)
        }
        return info
    }
}
