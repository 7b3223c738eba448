import YAML

/// A scenario file, read and checked: the cluster to start, the volumes to create, the writer's
/// settings and the steps to play.
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var cluster: ClusterSpec
    public var volumes: [VolumeSpec]
    public var workload: WorkloadSpec?
    public var steps: [Step]

    /// Whether any step cuts the network, which needs a namespace per server.
    public var needsNamespaces: Bool {
        cluster.network == .namespaces
            || steps.contains {
                if case .partition = $0.action { return true }
                if case .heal = $0.action { return true }
                return false
            }
    }
}

public struct ClusterSpec: Sendable, Equatable {
    public enum Network: String, Sendable, Equatable {
        /// Every process on 127.0.0.1; no partitions.
        case loopback
        /// Each server in a network namespace of its own, joined through veth pairs and bridges.
        case namespaces
    }

    public var servers = 3
    public var leaseMilliseconds: UInt64 = 1500
    public var heartbeatMilliseconds: UInt64 = 250
    public var leaseMarginMilliseconds: UInt64 = 500
    public var network: Network = .loopback

    /// The storage servers' names: n1, n2, …
    public var serverNames: [String] { (1...servers).map { "n\($0)" } }
}

public struct VolumeSpec: Sendable, Equatable {
    public var name: String
    public var sizeBytes: UInt64
    public var replicas: UInt32
}

public struct WorkloadSpec: Sendable, Equatable {
    public enum Durability: String, Sendable, Equatable {
        /// Each write carries FUA; its reply is the acknowledgement.
        case fua
        /// Each write is followed by FLUSH; the flush's reply acknowledges the write.
        case flush
    }

    public var volume: String
    public var blockBytes: Int = 4096
    /// How many distinct blocks are written in turn; the sequence number picks the block.
    public var blocks: Int = 256
    public var durability: Durability = .fua
}

/// A process a step acts on.
public enum Target: Sendable, Equatable, CustomStringConvertible {
    case control
    case server(String)
    /// Whichever server is the volume's primary when the step runs.
    case primary(volume: String)
    /// The volume's primary from just before the most recent fault step.
    case previousPrimary(volume: String)

    public var description: String {
        switch self {
        case .control: "control"
        case .server(let name): name
        case .primary(let volume): "primary of \(volume)"
        case .previousPrimary(let volume): "previous primary of \(volume)"
        }
    }
}

/// What a partition cuts a server off from.
public enum PartitionSide: String, Sendable, Equatable {
    case control
    case peers
    case clients
    case all
}

/// A state of the cluster that a `wait` waits for or an `assert` checks.
public enum Condition: Sendable, Equatable, CustomStringConvertible {
    /// The volume has a primary serving NBD and every replica in sync.
    case healthy(volume: String)
    /// The volume has a primary serving NBD.
    case serving(volume: String)
    /// The primary differs from the one before the last fault step.
    case primaryChanged(volume: String)
    /// The epoch is above the one before the last fault step.
    case epochAdvanced(volume: String)
    case primaryIs(volume: String, node: NodeReference)
    case primaryIsNot(volume: String, node: NodeReference)
    case inSync(volume: String, node: NodeReference)
    /// More than this many writes were acknowledged since the run began.
    case writesAcknowledged(moreThan: Int)
    /// More than this many writes were acknowledged since the last fault step.
    case writesAcknowledgedSinceFault(moreThan: Int)
    /// No write was acknowledged by the node while the assignment history says another server was
    /// primary of the writer's volume.
    case noIOAfterFence(node: NodeReference)
    /// The primary from before the last fault step acknowledged nothing later than one lease after
    /// that step (until it became primary again).
    case ioStoppedWithinLease(volume: String)
    case alive(node: NodeReference)
    /// The node's replica of the volume is being caught up by the primary.
    case syncing(volume: String, node: NodeReference)
    /// The node's most recent catch-up of the volume copied only the ranges changed while it was
    /// away (or, with `fullCopy`, every allocated range).
    case caughtUp(volume: String, node: NodeReference, fullCopy: Bool)
    /// The node's most recent catch-up of the volume copied fewer than this many bytes.
    case catchUpBytesBelow(volume: String, node: NodeReference, bytes: UInt64)
    /// The volume's assignment names exactly this many in-sync members.
    case inSyncMemberCount(volume: String, count: Int)
    /// No volume has a replica on the node, in sync or not.
    case holdsNoReplica(node: NodeReference)

    public var description: String {
        switch self {
        case .healthy(let volume): "volume \(volume) is healthy"
        case .serving(let volume): "volume \(volume) is served"
        case .primaryChanged(let volume): "the primary of \(volume) changed"
        case .epochAdvanced(let volume): "the epoch of \(volume) advanced"
        case .primaryIs(let volume, let node): "the primary of \(volume) is \(node)"
        case .primaryIsNot(let volume, let node): "the primary of \(volume) is not \(node)"
        case .inSync(let volume, let node): "\(node) is an in-sync member of \(volume)"
        case .writesAcknowledged(let count): "more than \(count) writes were acknowledged"
        case .writesAcknowledgedSinceFault(let count):
            "more than \(count) writes were acknowledged since the last fault"
        case .noIOAfterFence(let node): "\(node) acknowledged no write after it was fenced"
        case .ioStoppedWithinLease(let volume): "the fenced primary of \(volume) stopped within its lease"
        case .alive(let node): "the control core counts \(node) alive"
        case .syncing(let volume, let node): "\(node) is catching up on \(volume)"
        case .caughtUp(let volume, let node, let fullCopy):
            "the last catch-up of \(node) on \(volume) was " + (fullCopy ? "a full copy" : "of changes only")
        case .catchUpBytesBelow(let volume, let node, let bytes):
            "the last catch-up of \(node) on \(volume) copied fewer than \(bytes) bytes"
        case .inSyncMemberCount(let volume, let count): "\(volume) has \(count) in-sync members"
        case .holdsNoReplica(let node): "\(node) holds no replica"
        }
    }
}

/// A server named in a condition: by name, or the primary from before the last fault step.
public enum NodeReference: Sendable, Equatable, CustomStringConvertible {
    case named(String)
    case previousPrimary(volume: String)

    public var description: String {
        switch self {
        case .named(let name): name
        case .previousPrimary(let volume): "the previous primary of \(volume)"
        }
    }
}

public struct Step: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case createVolume(VolumeSpec)
        case startWriter
        case stopWriter
        case kill(Target)
        case stop(Target)
        case resume(Target)
        case restart(Target)
        case partition(Target, from: PartitionSide)
        case heal(Target?)
        case failover(volume: String, to: String?)
        /// Marks the node unschedulable, hands its primaries over and rebuilds its replicas
        /// elsewhere, through the control API.
        case drain(Target)
        case cordon(Target)
        case uncordon(Target)
        /// Rebuilds the node's replica of the volume in place, or on `to`.
        case rebuild(volume: String, node: String, to: String?)
        case wait(Condition, timeoutSeconds: Double)
        case sleep(seconds: Double)
        case assert(Condition)
        /// Plays the nested steps this many times.
        case `repeat`(times: Int, steps: [Step])
    }

    public var action: Action
    /// Where the step is written, for verdicts and errors.
    public var line: Int

    /// The process the step acts on, if it acts on one.
    public var target: Target? {
        switch action {
        case .kill(let target), .stop(let target), .resume(let target), .restart(let target), .partition(let target, _),
            .drain(let target), .cordon(let target), .uncordon(let target):
            target
        case .heal(let target): target
        default: nil
        }
    }

    /// Whether the step is a fault: conditions such as "primary changed" compare against the state
    /// just before the most recent one.
    public var isFault: Bool {
        switch action {
        case .kill, .stop, .partition, .failover, .drain, .rebuild: true
        default: false
        }
    }
}
