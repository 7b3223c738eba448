import ControlAPI
import Foundation

/// What operators and the CSI controller ask of volumes: create, delete, expand, attach, detach.
extension ClusterController {
    public struct CreateOutcome: Sendable {
        public let volume: Blockfence_Control_V1_Volume
        public let created: Bool
    }

    /// Creates a volume and places its replicas (only on `allowedNodes` when it names any, on
    /// `preferredNodes` first), or returns the existing one when the name, size, replica count and
    /// parameters all match.
    public func createVolume(
        name: String, sizeBytes: UInt64, replicaCount requestedCount: UInt32, parameters: [String: String],
        allowedNodes: [String] = [], preferredNodes: [String] = [], caller: String
    ) async throws(ControlError) -> CreateOutcome {
        let summary = "name=\(name) size_bytes=\(sizeBytes) replica_count=\(requestedCount)"
        let replicaCount: Int
        do {
            try Validation.validateVolumeName(name)
            try Validation.validateSize(sizeBytes)
            replicaCount = try Validation.replicaCount(requestedCount)
            try Validation.validateParameters(parameters)
        } catch {
            try? locked { auditFailure(caller: caller, method: "CreateVolume", request: summary, error: error) }
            throw error
        }
        return try await serialized(name) { () throws(ControlError) in
            try audited(caller: caller, method: "CreateVolume", request: summary) {
                try createLocked(
                    name: name, sizeBytes: sizeBytes, replicaCount: replicaCount, parameters: parameters,
                    placement: (allowedNodes, preferredNodes), caller: caller, summary: summary)
            }
        }
    }

    private func createLocked(
        name: String, sizeBytes: UInt64, replicaCount: Int, parameters: [String: String],
        placement: (allowed: [String], preferred: [String]), caller: String, summary: String
    ) throws -> CreateOutcome {
        if let existing = try store.volume(named: name), existing.name == name {
            var differences: [String] = []
            if existing.sizeBytes != sizeBytes { differences.append("size \(existing.sizeBytes) bytes") }
            if existing.replicaCount != replicaCount { differences.append("\(existing.replicaCount) replicas") }
            if existing.parameters != parameters { differences.append("other parameters") }
            guard differences.isEmpty else {
                throw ControlError.volumeConflict(
                    name: name, difference: "it has " + differences.joined(separator: ", "))
            }
            try store.audit(caller: caller, method: "CreateVolume", request: summary, outcome: "exists, unchanged")
            return CreateOutcome(volume: try volumeMessage(existing), created: false)
        }
        let now = nowMilliseconds
        let candidates = try placementCandidates(now: now).filter {
            placement.allowed.isEmpty || placement.allowed.contains($0.name)
        }
        // Checked before anything is minted: a node whose filesystem cannot hold the replica
        // would fail to create it, and the volume would never be served.
        let fitting = candidates.filter { fits(sizeBytes, on: $0.name) }
        guard let placed = Placement.choose(replicaCount, from: fitting, preferring: placement.preferred) else {
            if candidates.count >= replicaCount {
                throw ControlError.sizeBeyondNodes(
                    volume: name, sizeBytes: sizeBytes, limits: limits(of: candidates.map(\.name), below: sizeBytes))
            }
            throw ControlError.notEnoughNodes(volume: name, needed: replicaCount, available: candidates.map(\.name))
        }
        let volume = Volume(
            id: UUID().uuidString.lowercased(), name: name, sizeBytes: sizeBytes, replicaCount: replicaCount,
            parameters: parameters, createdAtMilliseconds: unixMilliseconds())
        try publisher.transaction(caller: caller) { minting in
            try store.insertVolume(volume)
            for node in placed { try store.insertReplica(Replica(volumeID: volume.id, nodeName: node, state: .inSync)) }
            // New replicas are empty, so every one of them trivially holds every write so far.
            try minting.mint(
                AssignmentProposal(
                    volumeID: volume.id, volumeName: name, primaryNode: placed[0], inSyncMembers: placed,
                    replicaNodes: placed, sizeBytes: sizeBytes, reason: "created"))
            try store.audit(
                caller: caller, method: "CreateVolume", request: summary,
                outcome: "created id=\(volume.id) nodes=\(placed.joined(separator: ","))")
        }
        return CreateOutcome(volume: try volumeMessage(volume), created: true)
    }

    /// The node can hold a replica of `sizeBytes`, as far as it reported what its filesystem holds.
    func fits(_ sizeBytes: UInt64, on node: String) -> Bool {
        guard let largest = leases.largestReplica(on: node) else { return true }
        return sizeBytes <= largest
    }

    /// The largest replica each of `nodes` can hold, for those that cannot hold `sizeBytes`.
    func limits(of nodes: [String], below sizeBytes: UInt64) -> [String: UInt64] {
        Dictionary(
            nodes.compactMap { node in
                leases.largestReplica(on: node).flatMap { $0 < sizeBytes ? (node, $0) : nil }
            }, uniquingKeysWith: { first, _ in first })
    }

    /// Alive, schedulable nodes with their load.
    func placementCandidates(now: UInt64) throws -> [Placement.Candidate] {
        let replicas = try store.replicas()
        let primaries = publisher.current.values.map(\.primaryNode)
        return try store.nodes().filter { $0.schedulable && leases.isAlive($0.name, now: now) }.map { node in
            Placement.Candidate(
                name: node.name, replicas: replicas.count(where: { $0.nodeName == node.name }),
                primaries: primaries.count(where: { $0 == node.name }))
        }
    }

    /// Deletes a volume. Its nodes are told to delete their replicas until they stop reporting
    /// them; its assignments stay in the history so that their epochs stay used.
    public func deleteVolume(_ nameOrID: String, force: Bool, caller: String) async throws(ControlError) {
        let summary = "volume=\(nameOrID) force=\(force)"
        try await serialized(try key(of: nameOrID)) { () throws(ControlError) in
            try audited(caller: caller, method: "DeleteVolume", request: summary) {
                guard let volume = try store.volume(named: nameOrID) else {
                    throw ControlError.volumeNotFound(nameOrID)
                }
                let attached = try store.attachments(ofVolume: volume.id).map(\.nodeName)
                guard attached.isEmpty || force else {
                    throw ControlError.volumeAttached(volume: volume.name, nodes: attached)
                }
                let nodes = try store.replicas(ofVolume: volume.id).map(\.nodeName)
                try store.database.transaction {
                    for node in nodes {
                        try store.insertDeletedReplica(volumeID: volume.id, node: node, at: unixMilliseconds())
                    }
                    try store.deleteVolume(id: volume.id)
                    try store.audit(
                        caller: caller, method: "DeleteVolume", request: summary,
                        outcome: "deleted id=\(volume.id) attached=\(attached.joined(separator: ","))")
                }
                publisher.forget(volumeID: volume.id)
                logger.info("Volume deleted.", ["volume": volume.name, "id": volume.id, "forced": force])
                pushDirectives(to: Set(nodes))
            }
        }
    }

    /// Grows a volume: a new assignment carries the new size to its nodes.
    public func expandVolume(
        _ nameOrID: String, sizeBytes: UInt64, caller: String
    ) async throws(ControlError) -> Blockfence_Control_V1_Volume {
        let summary = "volume=\(nameOrID) size_bytes=\(sizeBytes)"
        return try await serialized(try key(of: nameOrID)) { () throws(ControlError) in
            try audited(caller: caller, method: "ExpandVolume", request: summary) {
                guard var volume = try store.volume(named: nameOrID) else {
                    throw ControlError.volumeNotFound(nameOrID)
                }
                // Shrinking would cut off data a filesystem may still use.
                guard sizeBytes >= volume.sizeBytes else {
                    throw ControlError.shrinkRefused(
                        volume: volume.name, currentBytes: volume.sizeBytes, requestedBytes: sizeBytes)
                }
                try Validation.validateSize(sizeBytes)
                guard sizeBytes > volume.sizeBytes else {
                    try store.audit(caller: caller, method: "ExpandVolume", request: summary, outcome: "same size")
                    return try volumeMessage(volume)
                }
                guard let current = publisher.current[volume.id] else { throw ControlError.volumeNotFound(nameOrID) }
                // Every node with a replica must grow it; one that cannot would keep the old size.
                let tooSmall = limits(of: current.replicaNodes, below: sizeBytes)
                guard tooSmall.isEmpty else {
                    throw ControlError.sizeBeyondNodes(volume: volume.name, sizeBytes: sizeBytes, limits: tooSmall)
                }
                try publisher.transaction(caller: caller) { minting in
                    try store.updateVolumeSize(id: volume.id, sizeBytes: sizeBytes)
                    try minting.mint(
                        AssignmentProposal(
                            volumeID: volume.id, volumeName: volume.name, primaryNode: current.primaryNode,
                            inSyncMembers: current.inSyncMembers, replicaNodes: current.replicaNodes,
                            sizeBytes: sizeBytes, reason: "expanded"))
                    try store.audit(
                        caller: caller, method: "ExpandVolume", request: summary,
                        outcome: "expanded from \(volume.sizeBytes)")
                }
                volume.sizeBytes = sizeBytes
                return try volumeMessage(volume)
            }
        }
    }

    /// Records that `node` uses the volume. Attaching again with the same settings changes nothing.
    /// A `singleNode` attachment is refused while another node has the volume attached, and while
    /// it exists every other node's attachment is refused: the check and the insert share one
    /// transaction, so two controllers racing for two nodes cannot both succeed.
    public func attachVolume(
        _ nameOrID: String, node: String, readOnly: Bool, singleNode: Bool = false, caller: String
    ) async throws(ControlError) -> Blockfence_Control_V1_Volume {
        let summary = "volume=\(nameOrID) node=\(node) read_only=\(readOnly) single_node=\(singleNode)"
        return try await serialized(try key(of: nameOrID)) { () throws(ControlError) in
            try audited(caller: caller, method: "AttachVolume", request: summary) {
                try Validation.validateNodeName(node)
                guard let volume = try store.volume(named: nameOrID) else {
                    throw ControlError.volumeNotFound(nameOrID)
                }
                try store.database.transaction {
                    let attachments = try store.attachments(ofVolume: volume.id)
                    if let existing = attachments.first(where: { $0.nodeName == node }) {
                        guard existing.readOnly == readOnly, existing.singleNode == singleNode else {
                            throw ControlError.attachmentConflict(volume: volume.name, node: node)
                        }
                        try store.audit(
                            caller: caller, method: "AttachVolume", request: summary, outcome: "already attached")
                        return
                    }
                    let others = attachments.filter { $0.nodeName != node }
                    if let exclusive = others.first(where: \.singleNode) {
                        throw ControlError.attachedToOtherNode(
                            volume: volume.name, nodes: [exclusive.nodeName], singleNodeThere: true)
                    }
                    if singleNode, !others.isEmpty {
                        throw ControlError.attachedToOtherNode(
                            volume: volume.name, nodes: others.map(\.nodeName), singleNodeThere: false)
                    }
                    try store.insertAttachment(
                        Attachment(
                            volumeID: volume.id, nodeName: node, readOnly: readOnly,
                            attachedAtMilliseconds: unixMilliseconds(), singleNode: singleNode))
                    try store.audit(caller: caller, method: "AttachVolume", request: summary, outcome: "attached")
                }
                return try volumeMessage(volume)
            }
        }
    }

    /// Forgets an attachment. A volume or attachment that does not exist is already detached.
    public func detachVolume(_ nameOrID: String, node: String, caller: String) async throws(ControlError) {
        let summary = "volume=\(nameOrID) node=\(node)"
        try await serialized(try key(of: nameOrID)) { () throws(ControlError) in
            try audited(caller: caller, method: "DetachVolume", request: summary) {
                guard let volume = try store.volume(named: nameOrID),
                    try store.attachments(ofVolume: volume.id).contains(where: { $0.nodeName == node })
                else {
                    try store.audit(caller: caller, method: "DetachVolume", request: summary, outcome: "not attached")
                    return
                }
                try store.database.transaction {
                    try store.deleteAttachment(volumeID: volume.id, node: node)
                    try store.audit(caller: caller, method: "DetachVolume", request: summary, outcome: "detached")
                }
            }
        }
    }

    // MARK: Serialization

    /// The key operations on one volume queue on: its name, whether the caller gave the name or
    /// the id. An unknown volume queues on what was given, and then fails NOT_FOUND.
    func key(of nameOrID: String) throws(ControlError) -> String {
        do {
            return try locked { try store.volume(named: nameOrID)?.name ?? nameOrID }
        } catch {
            throw ControlError.from(error)
        }
    }

    func serialized<Result: Sendable>(
        _ key: String, _ body: () async throws(ControlError) -> Result
    ) async throws(ControlError) -> Result {
        do {
            return try await volumeLocks.withLock(key) { try await body() }
        } catch {
            throw ControlError.from(error)
        }
    }
}
