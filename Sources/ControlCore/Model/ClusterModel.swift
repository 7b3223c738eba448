/// A storage node as the control core knows it.
public struct StorageNode: Sendable, Equatable {
    public var name: String
    /// Where the node serves NBD, as clients should dial it (`host:port`).
    public var nbdAddress: String
    /// Where the node accepts replication traffic from primaries (`host:port`).
    public var replicationAddress: String
    /// Cordoned nodes get no new replicas.
    public var schedulable: Bool
    /// Random for each start of the node's server process; a new one means the previous process,
    /// and its in-memory replication state, is gone.
    public var incarnation: String
    public var registeredAtMilliseconds: Int64
    public var lastSeenAtMilliseconds: Int64
}

/// A volume: a name, a size and how many replicas it should have.
public struct Volume: Sendable, Equatable {
    public var id: String
    public var name: String
    public var sizeBytes: UInt64
    public var replicaCount: Int
    public var parameters: [String: String]
    public var createdAtMilliseconds: Int64
}

/// Where a replica stands. Only `inSync` replicas may be promoted or counted for writes.
public enum ReplicaState: String, Sendable, Equatable, CaseIterable {
    /// Copying what it missed; not yet trusted.
    case syncing
    /// Holds every acknowledged write.
    case inSync = "in_sync"
    /// Cut off from the in-sync set; needs a rebuild.
    case failed
}

public struct Replica: Sendable, Equatable {
    public var volumeID: String
    public var nodeName: String
    public var state: ReplicaState
}

/// A node that has a volume published to it (the CSI attach).
public struct Attachment: Sendable, Equatable {
    public var volumeID: String
    public var nodeName: String
    public var readOnly: Bool
    public var attachedAtMilliseconds: Int64
    /// Made for a single-node access mode: no other node may attach the volume while it exists.
    public var singleNode = false
}

/// What a node last said about one replica it holds. Kept in memory only: a node repeats it in
/// every heartbeat.
public struct ReplicaReport: Sendable, Equatable {
    public var volumeID: String
    /// The highest epoch the replica has durably accepted.
    public var acceptedEpoch: UInt64
    /// The last replication sequence the replica applied.
    public var appliedSequence: UInt64
    /// The node completes client I/O for the volume as its primary.
    public var serving: Bool
    public var sizeBytes: UInt64
    /// Empty when healthy.
    public var problem: String
    /// The replica holds exactly what it held when its server last stopped cleanly.
    public var cleanRestart: Bool = false
    /// The node was primary of `acceptedEpoch` and handed it over (stopped serving, drained).
    public var handedOver: Bool
    /// As member: it holds exactly its primary's changes up to `appliedSequence`.
    public var level: Bool = false
    /// As primary: the members outside the in-sync set it is catching up.
    public var catchingUp: [MemberCatchUp] = []

    public init(
        volumeID: String, acceptedEpoch: UInt64, appliedSequence: UInt64, serving: Bool = false,
        sizeBytes: UInt64 = 0, problem: String = "", handedOver: Bool = false
    ) {
        self.handedOver = handedOver
        self.volumeID = volumeID
        self.acceptedEpoch = acceptedEpoch
        self.appliedSequence = appliedSequence
        self.serving = serving
        self.sizeBytes = sizeBytes
        self.problem = problem
    }
}

/// A primary's report on one member it is catching up.
public struct MemberCatchUp: Sendable, Equatable {
    public var nodeName: String
    public var fullCopy: Bool
    public var bytesCopied: UInt64
    public var bytesTotal: UInt64
    public var bytesPerSecond: UInt64
    public var secondsLeft: UInt64
    /// Set once the member holds every change up to it and every later change waits for it.
    public var caughtUpSequence: UInt64?
}
