import ControlAPI

/// The counts `status` leads with, computed once for both output formats.
public struct ClusterSummary: Equatable, Sendable {
    public var nodesAlive: Int
    public var nodesTotal: Int
    public var volumesTotal: Int
    /// Healthy, degraded and unavailable always, in that order, so that a zero is visible;
    /// any other health a volume reports follows, in order of first appearance.
    public var volumesByHealth: [(health: String, count: Int)]
    public var highestEpoch: UInt64

    public init(_ status: Blockfence_Control_V1_GetStatusResponse) {
        nodesAlive = status.nodes.filter(\.alive).count
        nodesTotal = status.nodes.count
        volumesTotal = status.volumes.count
        highestEpoch = status.epoch
        let fixed: [Blockfence_Control_V1_VolumeHealth] = [.healthy, .degraded, .unavailable]
        var counts = fixed.map { (health: $0.displayName, count: 0) }
        for volume in status.volumes {
            let name = volume.health.displayName
            if let index = counts.firstIndex(where: { $0.health == name }) {
                counts[index].count += 1
            } else {
                counts.append((health: name, count: 1))
            }
        }
        volumesByHealth = counts
    }

    public static func == (left: ClusterSummary, right: ClusterSummary) -> Bool {
        left.nodesAlive == right.nodesAlive && left.nodesTotal == right.nodesTotal
            && left.volumesTotal == right.volumesTotal && left.highestEpoch == right.highestEpoch
            && left.volumesByHealth.map(\.health) == right.volumesByHealth.map(\.health)
            && left.volumesByHealth.map(\.count) == right.volumesByHealth.map(\.count)
    }
}
