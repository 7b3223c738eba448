import ControlAPI

/// What storage servers tell the control core: registration, heartbeats, Watch streams, member
/// failures and hand-over confirmations.
extension ClusterController {
    /// Announces a node, again after a restart. A new incarnation means the previous process is
    /// gone with its in-memory replication state, so its replicas are treated as in the contract's
    /// re-registration rule before the node hears anything.
    public func register(
        _ request: Blockfence_Control_V1_RegisterRequest, caller: String
    ) throws(ControlError) -> Blockfence_Control_V1_RegisterResponse {
        let node = request.nodeName
        let summary =
            "node=\(node) incarnation=\(request.incarnation) nbd_address=\(request.nbdAddress) "
            + "replication_address=\(request.replicationAddress)"
        return try audited(caller: caller, method: "Register", request: summary) {
            try Validation.validateNodeName(node)
            // Without an incarnation a restart could not be told from a repeated request.
            guard !request.incarnation.isEmpty else { throw ControlError.invalidIncarnation(node: node) }
            let now = nowMilliseconds
            let existing = try store.nodes().first { $0.name == node }
            // After the control core itself restarted, memory knows no incarnation; the stored
            // one still tells a restarted server from one that merely registers again.
            let previous = leases.incarnation(of: node) ?? existing?.incarnation
            let restarted = previous != nil && previous != "" && previous != request.incarnation
            // The previous process may only be frozen, or be a second server started with the same
            // name: until its lease is certainly over it may still complete reads. Nothing it
            // served may move before then, so the new process waits (it retries registering).
            if restarted, let previous, now < leases.leaseCertainlyOverAt(node) {
                // The node is back, only not yet allowed to serve: the lease timer must not take
                // it for gone (a cleanly restarted replica would leave the in-sync set for nothing).
                leases.signOfLife(of: node, at: now)
                throw ControlError.previousIncarnationMayServe(
                    node: node, incarnation: previous, remainingMilliseconds: leases.leaseCertainlyOverAt(node) - now)
            }
            let record = StorageNode(
                name: node, nbdAddress: request.nbdAddress, replicationAddress: request.replicationAddress,
                schedulable: existing?.schedulable ?? true, incarnation: request.incarnation,
                registeredAtMilliseconds: unixMilliseconds(), lastSeenAtMilliseconds: unixMilliseconds())
            try publisher.transaction(caller: "node \(node)") { minting in
                try store.saveNode(record)
                if restarted {
                    let cleanVolumes = Set(request.replicas.filter(\.cleanRestart).map(\.volumeID))
                    try applyRestart(
                        of: node, cleanVolumes: cleanVolumes,
                        heldVolumes: Set(request.replicas.filter { !$0.absent }.map(\.volumeID)),
                        now: now, minting: &minting)
                }
                try store.audit(
                    caller: caller, method: "Register", request: summary,
                    outcome: restarted ? "registered again after a restart" : "registered")
            }
            // Memory follows the committed state, so a failed commit leaves the restart to be seen again.
            if previous != request.incarnation {
                leases.replaceIncarnation(of: node, with: request.incarnation)
                hub.finishStreams(of: node, except: request.incarnation)
            }
            let lease = leases.arrival(
                of: node, at: now, reports: request.replicas.map(ReplicaReport.init),
                capacityBytes: request.capacityBytes, availableBytes: request.availableBytes,
                maxFileSizeBytes: request.maxFileSizeBytes)
            logger.info(
                restarted ? "Node registered again with a new incarnation." : "Node registered.",
                ["node": node, "incarnation": request.incarnation, "nbd_address": request.nbdAddress])
            var response = Blockfence_Control_V1_RegisterResponse()
            response.leaseMs = lease
            response.heartbeatIntervalMs = configuration.heartbeatIntervalMilliseconds
            response.directives = try directives(for: node)
            return response
        }
    }

    /// The re-registration rule, for every volume where the restarted node is an in-sync member:
    /// with other in-sync members alive it leaves the in-sync set (promoting another member if it
    /// was primary); as the only one left it stays, and is re-promoted if it was primary.
    ///
    /// A replica the server reports as cleanly restarted stays in the set: it holds exactly what
    /// it held when it stopped, and since the set still lists it, nothing was acknowledged without
    /// it since. If the node was primary, a new epoch is minted with the same members; the new
    /// primary's reconciliation reports any member it cannot bring level.
    ///
    /// A node that comes back without a replica it held (`heldVolumes` lacks the volume: a new
    /// disk, a wiped data directory) has lost it and is not promoted on that volume. Where it was
    /// the only in-sync member, the volume stays unavailable rather than served empty, at a new
    /// epoch (not the volume's first, so no server creates an empty replica for it), until the
    /// node registers again listing the replica.
    private func applyRestart(
        of node: String, cleanVolumes: Set<String>, heldVolumes: Set<String>, now: UInt64, minting: inout Minting
    ) throws {
        for replica in try store.replicas(onNode: node) {
            guard let current = publisher.current[replica.volumeID], current.inSyncMembers.contains(node) else {
                continue
            }
            let held = heldVolumes.contains(current.volumeID)
            if replica.state != .inSync {
                // Marked lost while it was the only copy, so the volume waited for it: a node that
                // lists it again has it back.
                guard replica.state == .failed, held else { continue }
                try store.setReplicaState(volumeID: current.volumeID, node: node, state: .inSync)
            }
            let others = current.inSyncMembers.filter { $0 != node }
            let aliveOthers = others.filter { leases.isAlive($0, now: now) }
            let reason: String
            var primary = current.primaryNode
            var inSync = current.inSyncMembers
            if !held {
                try store.setReplicaState(volumeID: current.volumeID, node: node, state: .failed)
                if others.isEmpty {
                    // Still minted: the new epoch is not the volume's first, so the node, holding no
                    // replica, creates none and serves nothing; the real one is waited for.
                    logger.error(
                        "A node came back without its replica of a volume it alone held in sync; the volume "
                            + "stays unavailable until that replica is restored.",
                        ["node": node, "volume": current.volumeName, "epoch": current.epoch])
                    reason = "node \(node) came back without its replica, the only in-sync copy; waiting for it"
                } else {
                    if primary == node {
                        primary = bestCandidate(aliveOthers.isEmpty ? others : aliveOthers, volumeID: current.volumeID)
                    }
                    inSync = others
                    reason = "node \(node) came back without its replica"
                }
            } else if cleanVolumes.contains(current.volumeID) {
                guard primary == node else { continue }
                reason = "node \(node) restarted cleanly; primary again at a new epoch"
            } else if !aliveOthers.isEmpty {
                if primary == node {
                    let preferred = handOvers[current.volumeID]?.successor
                    primary =
                        preferred.flatMap { aliveOthers.contains($0) ? $0 : nil }
                        ?? bestCandidate(aliveOthers, volumeID: current.volumeID)
                }
                inSync = others
                try store.setReplicaState(volumeID: current.volumeID, node: node, state: .failed)
                reason = "node \(node) restarted and lost its replication state"
            } else if primary == node {
                reason = "node \(node) restarted; re-promoted as the only in-sync member left"
            } else {
                continue
            }
            try minting.mint(
                AssignmentProposal(
                    volumeID: current.volumeID, volumeName: current.volumeName, primaryNode: primary,
                    inSyncMembers: inSync, replicaNodes: current.replicaNodes, sizeBytes: current.sizeBytes,
                    reason: reason))
        }
    }

    /// Renews the node's lease and answers with its complete directives.
    public func heartbeat(
        _ request: Blockfence_Control_V1_HeartbeatRequest
    ) throws(ControlError) -> Blockfence_Control_V1_HeartbeatResponse {
        do {
            return try locked {
                let node = request.nodeName
                try checkRegistered(node, incarnation: request.incarnation)
                let reports = request.replicas.map(ReplicaReport.init)
                let lease = leases.arrival(
                    of: node, at: nowMilliseconds, reports: reports, capacityBytes: request.capacityBytes,
                    availableBytes: request.availableBytes, maxFileSizeBytes: request.maxFileSizeBytes)
                let reported = Set(request.replicas.filter { !$0.absent }.map(\.volumeID))
                let deleted = try store.deletedVolumeIDs(onNode: node).filter { !reported.contains($0) }
                if !deleted.isEmpty {
                    try store.database.transaction {
                        for volumeID in deleted { try store.removeDeletedReplica(volumeID: volumeID, node: node) }
                        try store.audit(
                            caller: "node \(node)", method: "Heartbeat", request: "node=\(node)",
                            outcome: "deleted replicas gone: \(deleted.joined(separator: ","))")
                    }
                    logger.debug("Deleted replicas gone from node.", ["node": node, "volumes": deleted.count])
                }
                try admitCaughtUpMembers(reportedBy: node, reports: reports)
                var response = Blockfence_Control_V1_HeartbeatResponse()
                response.leaseMs = lease
                response.directives = try directives(for: node)
                return response
            }
        } catch {
            throw ControlError.from(error)
        }
    }

    /// Puts members the primary caught up back in the in-sync set, with a new assignment.
    ///
    /// | condition | why |
    /// |---|---|
    /// | the report comes from the current primary, serving the current epoch | only it knows what was acknowledged |
    /// | no hand-over of the volume is pending | the in-sync set must not change under a hand-over |
    /// | the member is listed as a replica and is outside the in-sync set | nothing else can join |
    /// | the member's node is alive | a member that is gone would hold every write up |
    /// | the member itself reports being level at the caught-up sequence or later | the primary's word alone does not put a stale replica in sync |
    func admitCaughtUpMembers(reportedBy node: String, reports: [ReplicaReport]) throws {
        let now = nowMilliseconds
        for report in reports where !report.catchingUp.isEmpty {
            guard let current = publisher.current[report.volumeID], current.primaryNode == node, report.serving,
                report.acceptedEpoch == current.epoch, handOvers[report.volumeID] == nil
            else { continue }
            var admitted: [String] = []
            var sequences: [UInt64] = []
            for member in report.catchingUp {
                guard let sequence = member.caughtUpSequence else { continue }
                guard current.replicaNodes.contains(member.nodeName),
                    !current.inSyncMembers.contains(member.nodeName),
                    leases.isAlive(member.nodeName, now: now)
                else { continue }
                guard let own = leases.report(of: member.nodeName, volumeID: report.volumeID), own.level,
                    own.appliedSequence >= sequence
                else {
                    logger.debug(
                        "A caught-up member does not confirm the sequence yet.",
                        [
                            "volume": current.volumeName, "member": member.nodeName, "sequence": sequence,
                            "member_sequence": leases.report(of: member.nodeName, volumeID: report.volumeID)?
                                .appliedSequence ?? 0,
                        ])
                    continue
                }
                admitted.append(member.nodeName)
                sequences.append(sequence)
            }
            guard !admitted.isEmpty else { continue }
            let names = admitted.joined(separator: ", ")
            var inSync = current.inSyncMembers + admitted
            var replicaNodes = current.replicaNodes
            var reason = "\(names) caught up at sequence \(sequences.map(String.init).joined(separator: ", "))"
            // A rebuild on another node ends here: the old replica goes once the new one counts
            // (unless it became the primary meanwhile).
            let rebuild = rebuilds[current.volumeID]
            var removed: String?
            if let rebuild, let target = rebuild.target, admitted.contains(target), rebuild.node != current.primaryNode
            {
                removed = rebuild.node
                inSync.removeAll { $0 == rebuild.node }
                replicaNodes.removeAll { $0 == rebuild.node }
                reason += "; \(rebuild.node)'s replica removed, rebuilt on \(target)"
            }
            let finished = rebuild.map { admitted.contains($0.target ?? $0.node) } ?? false
            try publisher.transaction(caller: "node \(node)") { minting in
                if finished { try store.deleteRebuild(volumeID: current.volumeID) }
                for member in admitted {
                    try store.setReplicaState(volumeID: current.volumeID, node: member, state: .inSync)
                }
                if let removed {
                    try store.deleteReplica(volumeID: current.volumeID, node: removed)
                    try store.insertDeletedReplica(volumeID: current.volumeID, node: removed, at: unixMilliseconds())
                }
                try minting.mint(
                    AssignmentProposal(
                        volumeID: current.volumeID, volumeName: current.volumeName, primaryNode: current.primaryNode,
                        inSyncMembers: inSync, replicaNodes: replicaNodes, sizeBytes: current.sizeBytes,
                        reason: reason))
            }
            if let rebuild, finished {
                rebuilds[current.volumeID] = nil
                logger.info(
                    "Rebuild finished.",
                    ["volume": current.volumeName, "node": rebuild.node, "target": rebuild.target ?? rebuild.node])
            }
            if let removed { pushDirectives(to: [removed]) }
            logger.info(
                "Caught-up members joined the in-sync set.",
                ["volume": current.volumeName, "members": names, "primary": node])
        }
    }

    func checkRegistered(_ node: String, incarnation: String) throws(ControlError) {
        guard let registered = leases.incarnation(of: node) else { throw .nodeNotRegistered(node) }
        guard registered == incarnation else {
            throw .incarnationMismatch(node: node, registered: registered, received: incarnation)
        }
    }

    /// Opens a Watch stream; the first message is the node's current directives.
    public func subscribe(
        node: String, incarnation: String
    ) throws(ControlError) -> (identifier: Int, stream: AsyncStream<Blockfence_Control_V1_NodeDirectives>) {
        do {
            return try locked {
                try checkRegistered(node, incarnation: incarnation)
                let (identifier, stream) = hub.subscribe(node: node, incarnation: incarnation)
                hub.push(try directives(for: node), to: node)
                return (identifier, stream)
            }
        } catch {
            throw ControlError.from(error)
        }
    }

    public func unsubscribe(node: String, identifier: Int) {
        _ = try? locked { hub.unsubscribe(node: node, identifier: identifier) }
    }

    /// A primary asks for members that stopped answering to leave the in-sync set. Only the
    /// primary of the current epoch may; anyone else gets the unchanged assignment.
    public func reportMemberFailure(
        _ request: Blockfence_Control_V1_ReportMemberFailureRequest, caller: String
    ) throws(ControlError) -> Blockfence_Control_V1_Assignment {
        let summary =
            "node=\(request.nodeName) volume=\(request.volumeID) epoch=\(request.epoch) "
            + "failed=\(request.failedMembers.joined(separator: ",")) reason=\(request.reason)"
        return try audited(caller: caller, method: "ReportMemberFailure", request: summary) {
            guard let current = publisher.current[request.volumeID] else {
                throw ControlError.volumeNotFound(request.volumeID)
            }
            // A stale or foreign report must not shrink the in-sync set of an epoch it does not lead.
            let removed = Set(request.failedMembers).intersection(current.inSyncMembers).subtracting([
                current.primaryNode
            ])
            guard request.nodeName == current.primaryNode, request.epoch == current.epoch, !removed.isEmpty else {
                try store.audit(
                    caller: caller, method: "ReportMemberFailure", request: summary,
                    outcome: "unchanged at epoch \(current.epoch)")
                return current.message
            }
            try publisher.transaction(caller: "node \(request.nodeName)") { minting in
                for member in removed.sorted() {
                    try store.setReplicaState(volumeID: current.volumeID, node: member, state: .failed)
                }
                let reasonSuffix = request.reason.isEmpty ? "" : ": \(request.reason)"
                try minting.mint(
                    AssignmentProposal(
                        volumeID: current.volumeID, volumeName: current.volumeName, primaryNode: current.primaryNode,
                        inSyncMembers: current.inSyncMembers.filter { !removed.contains($0) },
                        replicaNodes: current.replicaNodes, sizeBytes: current.sizeBytes,
                        reason: "primary \(request.nodeName) reported \(removed.sorted().joined(separator: ", ")) "
                            + "failed\(reasonSuffix)"))
                try store.audit(
                    caller: caller, method: "ReportMemberFailure", request: summary,
                    outcome: "removed \(removed.sorted().joined(separator: ","))")
            }
            guard let published = publisher.current[request.volumeID] else {
                throw ControlError.volumeNotFound(request.volumeID)
            }
            return published.message
        }
    }
}

extension ReplicaReport {
    init(_ message: Blockfence_Control_V1_ReplicaReport) {
        self.init(
            volumeID: message.volumeID, acceptedEpoch: message.acceptedEpoch, appliedSequence: message.appliedSequence,
            serving: message.serving, sizeBytes: message.sizeBytes, problem: message.problem,
            handedOver: message.handedOver)
        level = message.level
        catchingUp = message.catchingUp.map { member in
            let progress = member.progress ?? Blockfence_Control_V1_CatchUpProgress()
            return MemberCatchUp(
                nodeName: member.nodeName, fullCopy: progress.fullCopy, bytesCopied: progress.bytesCopied,
                bytesTotal: progress.bytesTotal, bytesPerSecond: progress.bytesPerSecond,
                secondsLeft: progress.secondsLeft, caughtUpSequence: member.caughtUp ? member.caughtUpSequence : nil)
        }
    }
}

extension MemberCatchUp {
    var progressMessage: Blockfence_Control_V1_CatchUpProgress {
        var message = Blockfence_Control_V1_CatchUpProgress()
        message.fullCopy = fullCopy
        message.bytesCopied = bytesCopied
        message.bytesTotal = bytesTotal
        message.bytesPerSecond = bytesPerSecond
        message.secondsLeft = secondsLeft
        return message
    }
}
