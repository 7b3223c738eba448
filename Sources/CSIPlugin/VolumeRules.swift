import CSIAPI

/// What blockfence can provision and how CSI requests map onto it. Pure rules, no I/O, so that
/// they are tested without a control core.
public enum VolumeRules {
    /// Volume sizes are whole pages; the control core refuses anything else.
    public static let sizeGranularityBytes: Int64 = 4096
    /// The control core's smallest volume.
    public static let minimumSizeBytes: Int64 = 1 << 20
    /// The control core's largest volume: the largest multiple of a page a signed 64-bit size holds.
    public static let maximumSizeBytes: Int64 = Int64.max - Int64.max % 4096
    /// What a request without a capacity range gets.
    public static let defaultSizeBytes: Int64 = 1 << 30
    /// mkfs.xfs refuses file systems smaller than 300 MiB.
    public static let minimumXFSSizeBytes: Int64 = 300 << 20
    /// The control core's limit on volume names, which are the CSI volume ids.
    public static let maximumNameBytes = 128
    /// The topology key every volume and node is labelled with: volumes are reachable from the
    /// nodes that hold one of their replicas.
    public static let topologyKey = "topology.blockfence.csi.io/node"
    /// File systems the node side can create and grow.
    public static let fileSystems = ["ext4", "xfs"]
    public static let defaultFileSystem = "ext4"
    /// Parameters the external provisioner adds about the claim (with --extra-create-metadata);
    /// they describe the claim, not the volume, and are accepted and ignored.
    static let kubernetesParameterPrefix = "csi.storage.k8s.io/"

    /// The size to create for a capacity range: the required size rounded up to the granularity
    /// (and to the minimum), or the default within the limit when nothing is required.
    public static func size(for range: Csi_V1_CapacityRange?) throws(CSIError) -> Int64 {
        let required = range?.requiredBytes ?? 0
        let limit = range?.limitBytes ?? 0
        // Negative sizes are invalid by the specification.
        guard required >= 0 else {
            throw .invalidField(field: "capacity_range.required_bytes", reason: "it is negative")
        }
        guard limit >= 0 else { throw .invalidField(field: "capacity_range.limit_bytes", reason: "it is negative") }
        // A limit below the requirement leaves nothing to choose from.
        if limit != 0 && limit < required {
            throw .capacityOutOfRange("limit_bytes \(limit) is below required_bytes \(required)")
        }
        let size: Int64
        if required == 0 {
            let ceiling = limit == 0 ? defaultSizeBytes : min(defaultSizeBytes, limit - limit % sizeGranularityBytes)
            size = max(ceiling, minimumSizeBytes)
        } else {
            // Above the largest page multiple there is nothing to round up to.
            guard required <= maximumSizeBytes else {
                throw .capacityOutOfRange("required_bytes \(required) exceeds the largest volume, \(maximumSizeBytes)")
            }
            let rounded = (required + sizeGranularityBytes - 1) / sizeGranularityBytes * sizeGranularityBytes
            size = max(rounded, minimumSizeBytes)
        }
        // Rounding to whole pages or to the minimum may overshoot a tight limit.
        if limit != 0 && size > limit {
            throw .capacityOutOfRange(
                "limit_bytes \(limit) is below \(size), the smallest volume of at least \(required) bytes "
                    + "in whole 4096-byte pages and at least 1 MiB")
        }
        return size
    }

    /// The size for a capacity range that the file system can also be made on: an xfs volume
    /// is raised to the smallest mkfs.xfs accepts when the limit allows it.
    public static func size(for range: Csi_V1_CapacityRange?, fileSystem: String?) throws(CSIError) -> Int64 {
        let size = try size(for: range)
        guard fileSystem == "xfs", size < minimumXFSSizeBytes else { return size }
        let limit = range?.limitBytes ?? 0
        guard limit == 0 || limit >= minimumXFSSizeBytes else {
            throw .capacityOutOfRange(
                "limit_bytes \(limit) is below \(minimumXFSSizeBytes), the smallest xfs file system")
        }
        return minimumXFSSizeBytes
    }

    /// Whether an existing volume of `sizeBytes` satisfies a capacity range.
    public static func fits(_ sizeBytes: Int64, _ range: Csi_V1_CapacityRange?) -> Bool {
        guard let range else { return true }
        if range.requiredBytes != 0 && sizeBytes < range.requiredBytes { return false }
        if range.limitBytes != 0 && sizeBytes > range.limitBytes { return false }
        return true
    }

    /// StorageClass parameters as blockfence reads them.
    public struct Parameters: Equatable, Sendable {
        /// 1 to 3; nil leaves the control core's default.
        public var replicas: Int?
        /// ext4 or xfs; nil leaves the file system to the node (the capability's, else ext4).
        public var fileSystem: String?

        public init(replicas: Int? = nil, fileSystem: String? = nil) {
            self.replicas = replicas
            self.fileSystem = fileSystem
        }

        /// The parameters the control core stores with the volume, read back by later calls.
        public var stored: [String: String] {
            var stored: [String: String] = [:]
            if let fileSystem { stored["fsType"] = fileSystem }
            return stored
        }
    }

    /// Reads `replicas` and `fsType`; any other key is INVALID_ARGUMENT, so that a typo in a
    /// StorageClass fails the first claim instead of being ignored.
    public static func parameters(_ raw: [String: String]) throws(CSIError) -> Parameters {
        var parameters = Parameters()
        for (key, value) in raw.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "replicas":
                guard let count = Int(value), (1...3).contains(count) else {
                    throw .invalidField(field: "parameters.replicas", reason: "'\(value)' is not 1, 2 or 3")
                }
                parameters.replicas = count
            case "fsType":
                guard fileSystems.contains(value) else {
                    throw .invalidField(field: "parameters.fsType", reason: "'\(value)' is not ext4 or xfs")
                }
                parameters.fileSystem = value
            case let other where other.hasPrefix(kubernetesParameterPrefix):
                continue
            default:
                throw .invalidField(
                    field: "parameters", reason: "unknown parameter '\(key)'; blockfence knows replicas and fsType")
            }
        }
        return parameters
    }

    /// Checks one capability: an access type and a single-node access mode, and for a mount a
    /// file system blockfence can create. Returns the capability's file system, if it names one.
    @discardableResult
    public static func check(_ capability: Csi_V1_VolumeCapability, field: String) throws(CSIError) -> String? {
        guard let accessType = capability.accessType else { throw .missingField("\(field).access_type") }
        guard let mode = capability.accessMode?.mode, mode != .unknown else {
            throw .missingField("\(field).access_mode")
        }
        // One node at a time: a block device written from two nodes needs a cluster file system.
        guard singleNodeModes.contains(mode) else {
            throw .unsupportedCapability("access mode \(mode) needs several nodes; blockfence attaches to one node")
        }
        guard case .mount(let mount) = accessType, !mount.fsType.isEmpty else { return nil }
        guard fileSystems.contains(mount.fsType) else {
            throw .unsupportedCapability("file system '\(mount.fsType)'; blockfence formats ext4 or xfs")
        }
        return mount.fsType
    }

    static let singleNodeModes: [Csi_V1_VolumeCapability.AccessMode.Mode] = [
        .singleNodeWriter, .singleNodeReaderOnly, .singleNodeSingleWriter, .singleNodeMultiWriter,
    ]

    /// Whether a capability only reads.
    static func isReadOnly(_ capability: Csi_V1_VolumeCapability) -> Bool {
        capability.accessMode?.mode == .singleNodeReaderOnly
    }

    /// The accessible topology of a volume: one segment per node holding a replica.
    public static func topology(replicaNodes: [String]) -> [Csi_V1_Topology] {
        replicaNodes.sorted().map { node in
            var topology = Csi_V1_Topology()
            topology.segments = [topologyKey: node]
            return topology
        }
    }

    /// Where a claim's topology lets the control core place replicas: the requisite nodes (empty
    /// when the claim names none, which allows every node) and the preferred ones in order.
    /// Segments under other keys are not blockfence's and constrain nothing.
    public static func placement(
        _ requirement: Csi_V1_TopologyRequirement?
    ) -> (allowed: [String], preferred: [String]) {
        guard let requirement else { return ([], []) }
        let allowed = requirement.requisite.compactMap { $0.segments[topologyKey] }
        // A requisite entry without our key does not restrict where replicas go.
        let unrestricted = requirement.requisite.contains { $0.segments[topologyKey] == nil }
        let preferred = requirement.preferred.compactMap { $0.segments[topologyKey] }
        return (unrestricted ? [] : allowed, preferred)
    }

    /// The parameter the plugin stores a volume's access type under ("block" or "mount").
    static let accessTypeParameter = "accessType"

    /// "block" or "mount" when every capability asks for that access type, nil when they differ.
    static func accessType(_ capabilities: [Csi_V1_VolumeCapability]) -> String? {
        let types = Set(
            capabilities.compactMap { capability -> String? in
                switch capability.accessType {
                case .block?: "block"
                case .mount?: "mount"
                case nil: nil
                }
            })
        return types.count == 1 ? types.first : nil
    }

    static let pageTokenPrefix = "after:"

    /// A page token names the last volume of the page before it, so that a volume created or
    /// deleted between two pages neither repeats an entry nor skips one.
    public static func pageToken(after name: String) -> String { pageTokenPrefix + name }

    /// The name a page token continues after; the empty token starts the list.
    public static func name(fromToken token: String) throws(CSIError) -> String? {
        guard !token.isEmpty else { return nil }
        guard token.hasPrefix(pageTokenPrefix), token.count > pageTokenPrefix.count else {
            throw .invalidStartingToken(token)
        }
        return String(token.dropFirst(pageTokenPrefix.count))
    }

    /// What one more volume can get: it needs its replica count of distinct nodes with room, so
    /// the answer is the room of the smallest of the roomiest that many. A volume that must be
    /// reachable from `node` has one replica there and the others on the roomiest other nodes.
    public static func capacity(
        room: [(node: String, availableBytes: UInt64)], replicas: Int, on node: String?
    ) -> UInt64 {
        guard replicas > 0 else { return 0 }
        var others = room
        var required: UInt64?
        if let node {
            guard let index = room.firstIndex(where: { $0.node == node }) else { return 0 }
            required = room[index].availableBytes
            others.remove(at: index)
        }
        let needed = required == nil ? replicas : replicas - 1
        let sorted = others.map(\.availableBytes).sorted(by: >)
        guard sorted.count >= needed else { return 0 }
        let fromOthers = needed == 0 ? UInt64.max : sorted[needed - 1]
        return min(fromOthers, required ?? UInt64.max)
    }
}
