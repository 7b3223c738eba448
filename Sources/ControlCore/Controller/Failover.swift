import ControlAPI

/// A planned move of a volume's primary, from the HandOver directive until a new assignment.
struct PendingHandOver {
    enum Outcome: Sendable {
        /// The old primary confirmed; the successor was promoted at once.
        case handedOver
        /// The old primary's lease certainly ended (or its process restarted) first.
        case fellBack
        case refused(ControlError)
    }

    let volumeID: String
    let volumeName: String
    let epoch: UInt64
    let primary: String
    let successor: String
    let caller: String
    let confirmDeadlineMilliseconds: UInt64
    let continuation: CheckedContinuation<Outcome, Never>
}

/// Failover: planned (Failover and ConfirmHandOver) and unplanned (the lease timer).
extension ClusterController {
    /// Moves the volume's primary to `target` (or the best alive in-sync member) with an
    /// explicit hand-over, and waits for the outcome.
    public func failover(
        _ nameOrID: String, target: String, caller: String
    ) async throws(ControlError) -> Blockfence_Control_V1_FailoverResponse {
        let summary = "volume=\(nameOrID) target=\(target)"
        return try await serialized(try key(of: nameOrID)) { () throws(ControlError) in
            let started = ContinuousClock.now
            var previous: Assignment?
            let outcome = await withCheckedContinuation {
                (continuation: CheckedContinuation<PendingHandOver.Outcome, Never>) in
                do {
                    previous = try audited(caller: caller, method: "Failover", request: summary) {
                        try beginHandOver(nameOrID, target: target, caller: caller, continuation: continuation)
                    }
                } catch {
                    continuation.resume(returning: .refused(ControlError.from(error)))
                }
            }
            let handedOver: Bool
            switch outcome {
            case .handedOver: handedOver = true
            case .fellBack: handedOver = false
            case .refused(let error): throw error
            }
            var response = Blockfence_Control_V1_FailoverResponse()
            response.volume = try getVolume(nameOrID)
            response.previousEpoch = previous?.epoch ?? 0
            response.previousPrimary = previous?.primaryNode ?? ""
            response.handedOver = handedOver
            let elapsed = (ContinuousClock.now - started).components
            response.durationMs = UInt64(elapsed.seconds) * 1_000 + UInt64(elapsed.attoseconds / 1_000_000_000_000_000)
            return response
        }
    }

    /// Checks the request, records the hand-over and sends it to the primary. Returns the
    /// assignment being handed over.
    private func beginHandOver(
        _ nameOrID: String, target: String, caller: String,
        continuation: CheckedContinuation<PendingHandOver.Outcome, Never>
    ) throws -> Assignment {
        guard let volume = try store.volume(named: nameOrID), let current = publisher.current[volume.id] else {
            throw ControlError.volumeNotFound(nameOrID)
        }
        let now = nowMilliseconds
        let alive = current.inSyncMembers.filter { $0 != current.primaryNode && leases.isAlive($0, now: now) }
        let successor: String
        if target.isEmpty {
            guard !alive.isEmpty else {
                throw ControlError.noFailoverCandidate(volume: volume.name, primary: current.primaryNode)
            }
            successor = bestCandidate(alive, volumeID: volume.id)
        } else {
            // Only a member holding every acknowledged write, reachable now, may take over.
            guard target != current.primaryNode else {
                throw ControlError.failoverTargetRefused(
                    volume: volume.name, target: target, reason: "it is the primary")
            }
            guard current.inSyncMembers.contains(target) else {
                throw ControlError.failoverTargetRefused(
                    volume: volume.name, target: target, reason: "it is not an in-sync member")
            }
            guard alive.contains(target) else {
                throw ControlError.failoverTargetRefused(
                    volume: volume.name, target: target, reason: "its node is not alive")
            }
            successor = target
        }
        try store.audit(
            caller: caller, method: "Failover", request: "volume=\(nameOrID) target=\(target)",
            outcome: "hand-over sent to \(current.primaryNode) at epoch \(current.epoch), successor \(successor)")
        // Registered last: from here on only `resolveHandOver` may resume the continuation.
        handOvers[volume.id] = PendingHandOver(
            volumeID: volume.id, volumeName: volume.name, epoch: current.epoch, primary: current.primaryNode,
            successor: successor, caller: caller,
            confirmDeadlineMilliseconds: now + configuration.handOverTimeoutMilliseconds, continuation: continuation)
        logger.info(
            "Hand-over requested.",
            ["volume": volume.name, "epoch": current.epoch, "primary": current.primaryNode, "successor": successor])
        pushDirectives(to: [current.primaryNode])
        return current
    }

    /// The old primary stopped serving and every write it acknowledged is on every member: the
    /// successor is promoted at once, with the same in-sync set.
    public func confirmHandOver(
        _ request: Blockfence_Control_V1_ConfirmHandOverRequest, caller: String
    ) throws(ControlError) {
        let summary = "node=\(request.nodeName) volume=\(request.volumeID) epoch=\(request.epoch)"
        try audited(caller: caller, method: "ConfirmHandOver", request: summary) {
            guard let pending = handOvers[request.volumeID], pending.epoch == request.epoch,
                pending.primary == request.nodeName, let current = publisher.current[request.volumeID],
                current.epoch == pending.epoch
            else {
                throw ControlError.noHandOverPending(
                    volume: request.volumeID, epoch: request.epoch, node: request.nodeName)
            }
            var report =
                leases.report(of: request.nodeName, volumeID: request.volumeID)
                ?? ReplicaReport(volumeID: request.volumeID, acceptedEpoch: request.epoch, appliedSequence: 0)
            report.appliedSequence = request.appliedSequence
            report.serving = false
            leases.updateReport(report, of: request.nodeName)
            try publisher.transaction(caller: "node \(request.nodeName)") { minting in
                try minting.mint(
                    AssignmentProposal(
                        volumeID: current.volumeID, volumeName: current.volumeName, primaryNode: pending.successor,
                        inSyncMembers: current.inSyncMembers, replicaNodes: current.replicaNodes,
                        sizeBytes: current.sizeBytes,
                        reason: "hand-over from \(pending.primary) to \(pending.successor), confirmed"))
                try store.audit(
                    caller: caller, method: "ConfirmHandOver", request: summary,
                    outcome: "confirmed at applied sequence \(request.appliedSequence)")
            }
            resolveHandOver(request.volumeID, .handedOver)
        }
    }

    /// Ends a pending hand-over and wakes its Failover.
    func resolveHandOver(_ volumeID: String, _ outcome: PendingHandOver.Outcome) {
        guard let pending = handOvers.removeValue(forKey: volumeID) else { return }
        if !handOvers.values.contains(where: { $0.primary == pending.primary }) {
            leases.setWithheld(false, for: pending.primary)
        }
        pushDirectives(to: [pending.primary])
        pending.continuation.resume(returning: outcome)
    }

    /// Among alive in-sync members, the one whose node reported the highest applied sequence
    /// for the volume; ties go to the first name.
    func bestCandidate(_ members: [String], volumeID: String) -> String {
        let ranked = members.sorted { left, right in
            let leftSequence = leases.report(of: left, volumeID: volumeID)?.appliedSequence ?? 0
            let rightSequence = leases.report(of: right, volumeID: volumeID)?.appliedSequence ?? 0
            return leftSequence != rightSequence ? leftSequence > rightSequence : left < right
        }
        return ranked[0]
    }

    // MARK: The lease timer

    /// One look at every lease, run by the timer thread: hand-overs that timed out or whose
    /// primary's lease ended, primaries to replace, members to drop. Every mint of one look goes
    /// into one transaction.
    public func checkLeases() throws {
        try locked {
            let now = nowMilliseconds
            try advanceHandOvers(now: now)
            let affected = publisher.current.values.filter { current in
                handOvers[current.volumeID] == nil
                    && (current.inSyncMembers.contains { leases.isGone($0, now: now) }
                        || isOrphanedHandOver(current, now: now))
            }
            // Most looks find nothing; they should cost no transaction.
            guard !affected.isEmpty else { return }
            try publisher.transaction(caller: "control lease timer") { minting in
                for current in affected.sorted(by: { $0.volumeName < $1.volumeName }) {
                    if isOrphanedHandOver(current, now: now) {
                        try finishOrphanedHandOver(current, now: now, minting: &minting)
                    } else {
                        try replaceGoneNodes(of: current, now: now, minting: &minting)
                    }
                }
            }
        }
    }

    private func advanceHandOvers(now: UInt64) throws {
        for pending in handOvers.values.sorted(by: { $0.volumeName < $1.volumeName }) {
            guard let current = publisher.current[pending.volumeID] else {
                resolveHandOver(pending.volumeID, .refused(.volumeNotFound(pending.volumeName)))
                continue
            }
            guard current.epoch == pending.epoch else {
                // A restart of the old primary or a member failure minted first.
                resolveHandOver(
                    pending.volumeID,
                    current.primaryNode == pending.successor
                        ? .fellBack
                        : .refused(
                            .handOverSuperseded(
                                volume: pending.volumeName, epoch: pending.epoch, currentEpoch: current.epoch)))
                continue
            }
            if leases.isLeaseCertainlyOver(pending.primary, now: now) {
                try finishByLeaseExpiry(pending, current: current, now: now)
            } else if now >= pending.confirmDeadlineMilliseconds && !leases.isWithheld(pending.primary) {
                // Renewing the lease of a primary that does not confirm would let it serve forever.
                leases.setWithheld(true, for: pending.primary)
                logger.warning(
                    "Hand-over not confirmed in time; withholding the primary's lease until it ends.",
                    [
                        "volume": pending.volumeName, "epoch": pending.epoch, "primary": pending.primary,
                        "lease_over_in_milliseconds": leases.leaseCertainlyOverAt(pending.primary) - now,
                    ])
            }
        }
    }

    private func finishByLeaseExpiry(_ pending: PendingHandOver, current: Assignment, now: UInt64) throws {
        let alive = current.inSyncMembers.filter { $0 != pending.primary && leases.isAlive($0, now: now) }
        guard !alive.isEmpty else {
            resolveHandOver(
                pending.volumeID, .refused(.noFailoverCandidate(volume: pending.volumeName, primary: pending.primary)))
            return
        }
        let successor =
            alive.contains(pending.successor) ? pending.successor : bestCandidate(alive, volumeID: current.volumeID)
        try publisher.transaction(caller: pending.caller) { minting in
            try minting.mint(
                AssignmentProposal(
                    volumeID: current.volumeID, volumeName: current.volumeName, primaryNode: successor,
                    inSyncMembers: current.inSyncMembers, replicaNodes: current.replicaNodes,
                    sizeBytes: current.sizeBytes,
                    reason: "hand-over from \(pending.primary) to \(successor) after its lease ended unconfirmed"))
        }
        resolveHandOver(pending.volumeID, .fellBack)
    }

    /// The primary of the current epoch, alive, says it handed that epoch over, and no hand-over
    /// is pending here: the control core restarted between asking and hearing the confirmation.
    /// Left alone, the volume would stay dark while its primary keeps its lease.
    private func isOrphanedHandOver(_ current: Assignment, now: UInt64) -> Bool {
        guard leases.isAlive(current.primaryNode, now: now),
            let report = leases.report(of: current.primaryNode, volumeID: current.volumeID)
        else { return false }
        return report.handedOver && report.acceptedEpoch == current.epoch
    }

    /// Completes a hand-over the old primary confirmed to a control core that then restarted. The
    /// old primary stopped serving after every write it took reached every member, so an alive
    /// in-sync member takes over at once; with none, the old primary serves again at a new epoch.
    private func finishOrphanedHandOver(_ current: Assignment, now: UInt64, minting: inout Minting) throws {
        let gone = Set(current.inSyncMembers.filter { leases.isGone($0, now: now) })
        let inSync = current.inSyncMembers.filter { !gone.contains($0) }
        let candidates = inSync.filter { $0 != current.primaryNode && leases.isAlive($0, now: now) }
        let successor =
            candidates.isEmpty ? current.primaryNode : bestCandidate(candidates, volumeID: current.volumeID)
        for member in gone.sorted() {
            try store.setReplicaState(volumeID: current.volumeID, node: member, state: .failed)
        }
        logger.info(
            "Completing a hand-over confirmed before a restart.",
            [
                "volume": current.volumeName, "epoch": current.epoch, "primary": current.primaryNode,
                "successor": successor,
            ])
        try minting.mint(
            AssignmentProposal(
                volumeID: current.volumeID, volumeName: current.volumeName, primaryNode: successor,
                inSyncMembers: inSync, replicaNodes: current.replicaNodes, sizeBytes: current.sizeBytes,
                reason: "hand-over from \(current.primaryNode) to \(successor), confirmed before a control core restart"
            ))
    }

    /// Unplanned failover: a primary whose node is gone is replaced by the alive in-sync member
    /// with the highest applied sequence; members whose nodes are gone leave the in-sync set.
    private func replaceGoneNodes(of current: Assignment, now: UInt64, minting: inout Minting) throws {
        let gone = Set(current.inSyncMembers.filter { leases.isGone($0, now: now) })
        guard !gone.isEmpty else { return }
        var primary = current.primaryNode
        var inSync = current.inSyncMembers.filter { !gone.contains($0) }
        let reason: String
        if gone.contains(primary) {
            let alive = inSync.filter { leases.isAlive($0, now: now) }
            guard !alive.isEmpty else {
                let key = "\(current.volumeID)@\(current.epoch)"
                if reportedUnavailable.insert(key).inserted {
                    logger.warning(
                        "Volume unavailable: its primary's node is gone and no in-sync member is alive.",
                        ["volume": current.volumeName, "epoch": current.epoch, "primary": primary])
                }
                return
            }
            primary = bestCandidate(alive, volumeID: current.volumeID)
            inSync = alive
            reason = "failover: node \(current.primaryNode) lease expired"
        } else {
            reason = "members \(gone.sorted().joined(separator: ", ")) lease expired"
        }
        for member in current.inSyncMembers where !inSync.contains(member) {
            try store.setReplicaState(volumeID: current.volumeID, node: member, state: .failed)
        }
        try minting.mint(
            AssignmentProposal(
                volumeID: current.volumeID, volumeName: current.volumeName, primaryNode: primary,
                inSyncMembers: inSync, replicaNodes: current.replicaNodes, sizeBytes: current.sizeBytes,
                reason: reason))
    }
}
