import ControlAPI

/// A small cluster the rendering tests print: two nodes, a healthy two-replica volume and a
/// volume whose only node is down.
enum SampleCluster {
    /// 2024-05-01 12:00:00 UTC.
    static let createdAtUnixMilliseconds: Int64 = 1_714_564_800_000

    static var healthyVolume: Blockfence_Control_V1_Volume {
        var assignment = Blockfence_Control_V1_Assignment()
        assignment.volumeID = "vol-1"
        assignment.volumeName = "pg-data"
        assignment.epoch = 7
        assignment.primaryNode = "node-1"
        assignment.inSyncMembers = ["node-1", "node-2"]
        assignment.sizeBytes = 10 << 30
        assignment.replicaNodes = ["node-1", "node-2"]
        assignment.reason = "created"
        assignment.mintedAtUnixMs = createdAtUnixMilliseconds + 1_000
        var volume = Blockfence_Control_V1_Volume()
        volume.id = "vol-1"
        volume.name = "pg-data"
        volume.sizeBytes = 10 << 30
        volume.replicaCount = 2
        volume.parameters = ["tier": "fast", "fs": "ext4"]
        volume.createdAtUnixMs = createdAtUnixMilliseconds
        volume.assignment = assignment
        volume.replicas = [
            replica("node-1", .inSync, alive: true, epoch: 7, sequence: 1234),
            replica("node-2", .inSync, alive: true, epoch: 7, sequence: 1234),
        ]
        volume.nbdURI = "nbd://127.0.0.1:10809/pg-data"
        volume.health = .healthy
        volume.leaseRemainingMs = 2_500
        volume.attachedNodes = ["worker-1"]
        return volume
    }

    static var unavailableVolume: Blockfence_Control_V1_Volume {
        var volume = Blockfence_Control_V1_Volume()
        volume.id = "vol-2"
        volume.name = "scratch"
        volume.sizeBytes = 64 << 20
        volume.replicaCount = 1
        volume.createdAtUnixMs = createdAtUnixMilliseconds
        volume.replicas = [replica("node-2", .failed, alive: false, epoch: 3, sequence: 9)]
        volume.health = .unavailable
        return volume
    }

    static func replica(
        _ node: String, _ state: Blockfence_Control_V1_ReplicaState, alive: Bool, epoch: UInt64, sequence: UInt64
    ) -> Blockfence_Control_V1_ReplicaStatus {
        var replica = Blockfence_Control_V1_ReplicaStatus()
        replica.nodeName = node
        replica.state = state
        replica.nodeAlive = alive
        replica.acceptedEpoch = epoch
        replica.appliedSequence = sequence
        return replica
    }

    static func node(_ name: String, alive: Bool, lastHeartbeat: Int64) -> Blockfence_Control_V1_NodeInfo {
        var node = Blockfence_Control_V1_NodeInfo()
        node.name = name
        node.nbdAddress = "127.0.0.1:10810"
        node.replicationAddress = "127.0.0.1:10820"
        node.alive = alive
        node.schedulable = true
        node.lastHeartbeatUnixMs = lastHeartbeat
        node.primaries = 1
        node.replicas = 2
        node.capacityBytes = 100 << 30
        node.availableBytes = 80 << 30
        return node
    }

    static var status: Blockfence_Control_V1_GetStatusResponse {
        var status = Blockfence_Control_V1_GetStatusResponse()
        status.nodes = [
            node("node-1", alive: true, lastHeartbeat: createdAtUnixMilliseconds),
            node("node-2", alive: false, lastHeartbeat: createdAtUnixMilliseconds - 60_000),
        ]
        status.volumes = [healthyVolume, unavailableVolume]
        status.epoch = 12
        status.uptimeMs = 3_723_000
        status.version = "0.1.0"
        return status
    }
}
