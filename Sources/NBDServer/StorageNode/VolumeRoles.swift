import BlockfenceBase
import ControlAPI

/// What this node does for a volume it holds a replica of.
enum VolumeRole {
    /// Accepts replication from the primary (or waits to be rebuilt).
    case member
    /// Serves the volume's export and replicates its changes.
    case primary(ReplicationPipeline)
}

/// Following the control core's directives. Everything here runs on the agent's worker thread.
extension StorageNodeAgent {
    func applyOnWorker(_ directives: Blockfence_Control_V1_NodeDirectives) {
        for peer in directives.peers { peers[peer.nodeName] = peer }
        for volumeID in directives.deletedVolumeIDs { deleteReplica(volumeID) }
        // Before the assignments: the one that takes a rebuilt member out of the in-sync set
        // starts its catch-up, which must already know to copy everything.
        for fullCopy in directives.fullCopies { requireFullCopy(fullCopy) }
        for assignment in directives.assignments.sorted(by: { $0.epoch < $1.epoch }) { follow(assignment) }
        for handOver in directives.handOvers { handOverPrimary(handOver) }
    }

    /// Adopts an assignment newer than the last one seen for its volume.
    func follow(_ assignment: Blockfence_Control_V1_Assignment) {
        let me = configuration.nodeName
        let volumeID = assignment.volumeID
        guard assignment.replicaNodes.contains(me) || assignment.primaryNode == me else { return }
        guard assignment.epoch > knownEpochs[volumeID] ?? 0 else { return }
        guard let replica = ensureReplica(for: assignment) else { return }
        let staysPrimary: Bool
        if case .primary = roles[volumeID], assignment.primaryNode == me {
            staysPrimary = true
        } else {
            staysPrimary = false
        }
        do {
            // The epoch is the fence against an old primary. A member whose current stream comes
            // from the assignment's own primary is not fenced off it: that primary's frames of the
            // previous epoch are still in flight, and its EPOCH frame will raise the epoch in order.
            if assignment.primaryNode == me || replica.currentStreamPrimary != assignment.primaryNode {
                try replica.acceptEpoch(assignment.epoch, closingGate: !staysPrimary)
            }
            if assignment.sizeBytes > replica.storage.sizeBytes { try replica.resize(to: assignment.sizeBytes) }
        } catch {
            logger.error(
                "Cannot follow an assignment.", ["volume": volumeID, "epoch": assignment.epoch, "error": error])
            replicaProblems.withLock { $0[volumeID] = "cannot follow epoch \(assignment.epoch): \(error)" }
            return
        }
        replicaProblems.withLock { _ = $0.removeValue(forKey: volumeID) }
        knownEpochs[volumeID] = assignment.epoch
        let others = assignment.inSyncMembers.filter { $0 != me }
        let isPrimary = assignment.primaryNode == me && assignment.inSyncMembers.contains(me)
        switch (roles[volumeID], isPrimary) {
        case (.primary(let pipeline), true):
            pipeline.adopt(epoch: assignment.epoch, members: others, catchingUp: catchUpTargets(of: assignment))
            logger.info(
                "Still primary at a new epoch.",
                [
                    "volume": assignment.volumeName, "epoch": assignment.epoch,
                    "members": others.joined(separator: ","),
                ])
        case (_, true):
            becomePrimary(replica, assignment: assignment, members: others)
        case (.primary, false):
            demote(volumeID, reason: "epoch \(assignment.epoch) names \(assignment.primaryNode) as primary")
            roles[volumeID] = .member
        case (_, false):
            roles[volumeID] = .member
        }
    }

    /// The nodes holding a replica outside the in-sync set, with their replication addresses: the
    /// primary catches them up.
    private func catchUpTargets(of assignment: Blockfence_Control_V1_Assignment) -> [ReplicationPipeline.Member] {
        assignment.replicaNodes.filter { !assignment.inSyncMembers.contains($0) && $0 != configuration.nodeName }
            .compactMap { name in
                guard let peer = peers[name], let address = try? ListenAddress.parse(peer.replicationAddress) else {
                    return nil
                }
                return ReplicationPipeline.Member(nodeName: name, address: address)
            }
    }

    private func ensureReplica(for assignment: Blockfence_Control_V1_Assignment) -> VolumeReplica? {
        if let existing = replicas.withLock({ $0[assignment.volumeID] }) { return existing }
        // A new volume's replica starts empty, and so does one outside the in-sync set: the primary
        // copies it in full (its level record is empty) before it may count. Anything else means
        // this node lost a replica that may hold acknowledged data; an empty file in its place
        // must never be served.
        let me = configuration.nodeName
        let catchingUp = !assignment.inSyncMembers.contains(me) && assignment.primaryNode != me
        guard assignment.firstOfVolume || catchingUp else {
            if missingReplicasReported.insert(assignment.volumeID).inserted {
                logger.error(
                    "No replica here of a volume that may hold data; not creating an empty one.",
                    ["volume": assignment.volumeName, "epoch": assignment.epoch])
            }
            return nil
        }
        do {
            let replica = try VolumeReplica.create(
                directory: directory.replicaPath(volumeID: assignment.volumeID), volumeID: assignment.volumeID,
                volumeName: assignment.volumeName, sizeBytes: assignment.sizeBytes, epoch: assignment.epoch,
                lease: lease)
            replicas.withLock { $0[assignment.volumeID] = replica }
            logger.info(
                "Replica created.", ["volume": assignment.volumeName, "size": ByteSize.format(assignment.sizeBytes)])
            return replica
        } catch {
            logger.error("Cannot create a replica.", ["volume": assignment.volumeName, "error": error])
            replicaProblems.withLock { $0[assignment.volumeID] = "cannot create the replica: \(error)" }
            return nil
        }
    }

    /// Reconciles the members, opens the gate and publishes the export.
    private func becomePrimary(
        _ replica: VolumeReplica, assignment: Blockfence_Control_V1_Assignment, members: [String]
    ) {
        let volumeID = assignment.volumeID
        var reachable: [ReplicationPipeline.Member] = []
        var unknown: [String] = []
        for name in members {
            if let peer = peers[name], let address = try? ListenAddress.parse(peer.replicationAddress) {
                reachable.append(.init(nodeName: name, address: address))
            } else {
                unknown.append(name)
            }
        }
        let pipeline = ReplicationPipeline(
            replica: replica, nodeName: configuration.nodeName, epoch: assignment.epoch,
            logger: logger.scoped("replication"),
            events: ReplicationPipeline.Events(
                membersFailed: { [weak self] members, reason, epoch in
                    self?.reportMemberFailure(volumeID: volumeID, epoch: epoch, members: members, reason: reason)
                },
                superseded: { epoch in replica.gate.noteEpoch(epoch) }),
            acknowledgementTimeoutMilliseconds: configuration.acknowledgementTimeoutMilliseconds)
        roles[volumeID] = .primary(pipeline)
        do {
            try pipeline.start(members: reachable, catchingUp: catchUpTargets(of: assignment))
        } catch {
            logger.error("Cannot start replication.", ["volume": assignment.volumeName, "error": error])
            roles[volumeID] = .member
            return
        }
        if !unknown.isEmpty {
            reportMemberFailure(
                volumeID: volumeID, epoch: assignment.epoch, members: unknown, reason: "no address known for the member"
            )
        }
        replica.forgetCleanStop()
        replica.gate.open(epoch: assignment.epoch)
        nbdServer.catalog.add(ServedExport(storage: replica.storage, coordinator: pipeline))
        logger.info(
            "Serving as primary.",
            [
                "volume": assignment.volumeName, "epoch": assignment.epoch, "members": members.joined(separator: ","),
                "address": nbdAddress,
            ])
    }

    /// Stops serving a volume: gate closed, export withdrawn, clients sent away, pipeline ended.
    func demote(_ volumeID: String, reason: String, draining: Bool = false) {
        guard case .primary(let pipeline) = roles[volumeID] else { return }
        let replica = pipeline.replica
        // A server that stops lets the members acknowledge what it already took, so they stop at
        // the same sequence as this replica.
        if draining { _ = pipeline.drain(timeoutMilliseconds: 1_500) }
        replica.gate.close()
        nbdServer.catalog.remove(name: replica.storage.name)
        nbdServer.closeConnections(exportName: replica.storage.name)
        pipeline.stop()
        roles[volumeID] = .member
        logger.info("No longer primary.", ["volume": replica.storage.name, "reason": reason])
    }

    /// A planned failover: stop taking changes, wait until members hold all taken ones, stop
    /// serving, and tell the control core it may promote the successor.
    private func handOverPrimary(_ handOver: Blockfence_Control_V1_HandOver) {
        let key = "\(handOver.volumeID)@\(handOver.epoch)"
        guard !confirmedHandOvers.contains(key), case .primary(let pipeline) = roles[handOver.volumeID],
            pipeline.currentEpoch == handOver.epoch
        else { return }
        let replica = pipeline.replica
        let drained = pipeline.drain(timeoutMilliseconds: 1_500)
        replica.gate.close()
        nbdServer.catalog.remove(name: replica.storage.name)
        nbdServer.closeConnections(exportName: replica.storage.name)
        guard let sequence = drained else {
            logger.warning(
                "Hand-over could not drain in time; the control core will wait for the lease instead.",
                ["volume": replica.storage.name, "epoch": handOver.epoch])
            return
        }
        confirmedHandOvers.insert(key)
        replica.gate.recordHandOver(epoch: handOver.epoch)
        confirmHandOver(volumeID: handOver.volumeID, epoch: handOver.epoch, appliedSequence: sequence)
        logger.info(
            "Handed over.", ["volume": replica.storage.name, "epoch": handOver.epoch, "successor": handOver.successor])
    }

    /// A rebuild in place: the member's next catch-up copies everything. Acted on once per request.
    private func requireFullCopy(_ fullCopy: Blockfence_Control_V1_FullCopy) {
        guard case .primary(let pipeline) = roles[fullCopy.volumeID] else { return }
        let key = "\(fullCopy.volumeID)@\(fullCopy.nodeName)@\(fullCopy.requestedEpoch)"
        guard handledFullCopies.insert(key).inserted else { return }
        pipeline.requireFullCopy(of: fullCopy.nodeName)
        logger.info(
            "A member's replica is rebuilt: its next catch-up copies everything.",
            ["volume": fullCopy.volumeID, "member": fullCopy.nodeName])
    }

    private func deleteReplica(_ volumeID: String) {
        demote(volumeID, reason: "the volume was deleted")
        replicaProblems.withLock { _ = $0.removeValue(forKey: volumeID) }
        guard let replica = replicas.withLock({ $0.removeValue(forKey: volumeID) }) else { return }
        roles[volumeID] = nil
        knownEpochs[volumeID] = nil
        replica.gate.close()
        replica.destroy()
        logger.info("Replica deleted.", ["volume": replica.storage.name])
    }
}
