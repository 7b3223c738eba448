import ControlAPI
import Foundation

/// How volumes and nodes look to callers: the API messages built from the state, under the lock.
extension ClusterController {
    public func getVolume(_ nameOrID: String) throws(ControlError) -> Blockfence_Control_V1_Volume {
        do {
            return try locked {
                guard let volume = try store.volume(named: nameOrID) else {
                    throw ControlError.volumeNotFound(nameOrID)
                }
                return try volumeMessage(volume)
            }
        } catch {
            throw ControlError.from(error)
        }
    }

    /// One page of volumes in name order. The token names the last volume of the previous page,
    /// so pages stay stable while volumes come and go.
    public func listVolumes(
        pageSize: UInt32, pageToken: String
    ) throws(ControlError) -> (volumes: [Blockfence_Control_V1_Volume], nextPageToken: String) {
        let after: String?
        if pageToken.isEmpty {
            after = nil
        } else {
            guard let name = PageToken.decode(pageToken) else { throw .invalidPageToken(pageToken) }
            after = name
        }
        do {
            return try locked {
                let limit = Int(pageSize)
                // One more than asked tells whether another page follows.
                let found = try store.volumes(after: after, limit: limit == 0 ? 0 : limit + 1)
                let page = limit == 0 ? found : Array(found.prefix(limit))
                let context = try viewContext()
                let messages = try page.map { try volumeMessage($0, context) }
                let next = limit != 0 && found.count > limit ? PageToken.encode(after: page[page.count - 1].name) : ""
                return (messages, next)
            }
        } catch {
            throw ControlError.from(error)
        }
    }

    public func listNodes() throws(ControlError) -> [Blockfence_Control_V1_NodeInfo] {
        do {
            return try locked { try nodeMessages() }
        } catch {
            throw ControlError.from(error)
        }
    }

    public func status() throws(ControlError) -> Blockfence_Control_V1_GetStatusResponse {
        do {
            return try locked {
                var response = Blockfence_Control_V1_GetStatusResponse()
                response.nodes = try nodeMessages()
                let context = try viewContext()
                response.volumes = try store.volumes().map { try volumeMessage($0, context) }
                response.epoch = try publisher.highestEpoch()
                let elapsed = ContinuousClock.now - startedAt
                response.uptimeMs =
                    UInt64(elapsed.components.seconds) * 1_000
                    + UInt64(elapsed.components.attoseconds / 1_000_000_000_000_000)
                response.version = configuration.version
                return response
            }
        } catch {
            throw ControlError.from(error)
        }
    }

    /// What building many volume messages shares: the nodes and the time.
    struct ViewContext {
        let nodes: [String: StorageNode]
        let now: UInt64
    }

    func viewContext() throws -> ViewContext {
        ViewContext(
            nodes: Dictionary(try store.nodes().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }),
            now: nowMilliseconds)
    }

    func volumeMessage(_ volume: Volume, _ context: ViewContext? = nil) throws -> Blockfence_Control_V1_Volume {
        let context = try context ?? viewContext()
        var message = Blockfence_Control_V1_Volume()
        message.id = volume.id
        message.name = volume.name
        message.sizeBytes = volume.sizeBytes
        message.replicaCount = UInt32(volume.replicaCount)
        message.parameters = volume.parameters
        message.createdAtUnixMs = volume.createdAtMilliseconds
        message.attachedNodes = try store.attachments(ofVolume: volume.id).map(\.nodeName)
        var lostByPrimary = false
        let catchingUp = publisher.current[volume.id].flatMap {
            leases.report(of: $0.primaryNode, volumeID: volume.id)?.catchingUp
        }
        let copying = publisher.current[volume.id].map { leases.isAlive($0.primaryNode, now: context.now) } ?? false
        for replica in try store.replicas(ofVolume: volume.id) {
            if replica.nodeName == publisher.current[volume.id]?.primaryNode && replica.state == .failed {
                lostByPrimary = true
            }
            var status = Blockfence_Control_V1_ReplicaStatus()
            status.nodeName = replica.nodeName
            status.state = replica.state.message
            status.nodeAlive = leases.isAlive(replica.nodeName, now: context.now)
            if let report = leases.report(of: replica.nodeName, volumeID: volume.id) {
                status.acceptedEpoch = report.acceptedEpoch
                status.appliedSequence = report.appliedSequence
                status.problem = report.problem
            }
            // Outside the in-sync set and being caught up by the primary: shown as syncing, with
            // the primary's progress. A primary that stopped answering copies nothing: its last
            // report stays as how far the copy got, without a rate or a time left.
            if replica.state != .inSync, let progress = catchingUp?.first(where: { $0.nodeName == replica.nodeName }) {
                status.state = .syncing
                status.catchUp = progress.progressMessage
                if !copying {
                    status.catchUp?.bytesPerSecond = 0
                    status.catchUp?.secondsLeft = 0
                }
            }
            message.replicas.append(status)
        }
        guard let assignment = publisher.current[volume.id] else {
            message.health = .unavailable
            return message
        }
        message.assignment = assignment.message
        // A primary that came back without its replica holds a lease but can serve nothing.
        let primaryAlive = leases.isAlive(assignment.primaryNode, now: context.now) && !lostByPrimary
        // The address is given out once the primary has said it serves this epoch: before that
        // its server does not know the export yet, and a client would be told it does not exist.
        let primaryReport = leases.report(of: assignment.primaryNode, volumeID: volume.id)
        let primaryServes = primaryReport.map { $0.serving && $0.acceptedEpoch == assignment.epoch } ?? false
        if primaryAlive, primaryServes, let address = context.nodes[assignment.primaryNode]?.nbdAddress,
            !address.isEmpty
        {
            message.nbdURI = "nbd://\(address)/\(volume.name)"
        }
        message.leaseRemainingMs = leases.remainingMilliseconds(assignment.primaryNode, now: context.now)
        message.health = health(of: volume, assignment: assignment, primaryAlive: primaryAlive, now: context.now)
        // A replica its node could not create or grow is not what the assignment says, whatever
        // the in-sync set claims: a primary without its replica serves nothing, and any other
        // problem leaves the volume short of what was asked.
        if message.health != .unavailable {
            let troubled = assignment.replicaNodes.filter {
                !(leases.report(of: $0, volumeID: volume.id)?.problem.isEmpty ?? true)
            }
            if troubled.contains(assignment.primaryNode) && !primaryServes {
                message.health = .unavailable
            } else if !troubled.isEmpty {
                message.health = .degraded
            }
        }
        return message
    }

    private func health(
        of volume: Volume, assignment: Assignment, primaryAlive: Bool, now: UInt64
    ) -> Blockfence_Control_V1_VolumeHealth {
        if primaryAlive {
            return assignment.inSyncMembers.count >= volume.replicaCount ? .healthy : .degraded
        }
        // A primary without a lease serves nothing; an alive in-sync member can still take over.
        let promotable = assignment.inSyncMembers.contains {
            $0 != assignment.primaryNode && leases.isAlive($0, now: now)
        }
        return promotable ? .degraded : .unavailable
    }

    func nodeMessages() throws -> [Blockfence_Control_V1_NodeInfo] {
        let now = nowMilliseconds
        let replicas = try store.replicas()
        let primaries = publisher.current.values.map(\.primaryNode)
        return try store.nodes().map { node in
            var message = Blockfence_Control_V1_NodeInfo()
            message.name = node.name
            message.nbdAddress = node.nbdAddress
            message.replicationAddress = node.replicationAddress
            message.alive = leases.isAlive(node.name, now: now)
            message.schedulable = node.schedulable
            let entry = leases.entries[node.name]
            let heard = entry?.lastHeartbeatUnixMilliseconds ?? 0
            message.lastHeartbeatUnixMs = heard > 0 ? heard : node.lastSeenAtMilliseconds
            message.primaries = UInt32(primaries.count(where: { $0 == node.name }))
            message.replicas = UInt32(replicas.count(where: { $0.nodeName == node.name }))
            message.capacityBytes = entry?.capacityBytes ?? 0
            message.availableBytes = entry?.availableBytes ?? 0
            return message
        }
    }
}

extension ReplicaState {
    var message: Blockfence_Control_V1_ReplicaState {
        switch self {
        case .syncing: .syncing
        case .inSync: .inSync
        case .failed: .failed
        }
    }
}

/// ListVolumes page tokens: opaque to callers, the last name of the previous page inside.
enum PageToken {
    private static let prefix = "after:"

    static func encode(after name: String) -> String {
        Data((prefix + name).utf8).base64EncodedString()
    }

    static func decode(_ token: String) -> String? {
        guard let data = Data(base64Encoded: token) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasPrefix(prefix) else { return nil }
        return String(text.dropFirst(prefix.count))
    }
}
