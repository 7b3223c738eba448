import BlockfenceBase

/// How one storage server is set up.
public struct StorageNodeConfiguration: Sendable {
    /// The node's name in the cluster; unique, stable across restarts.
    public var nodeName: String
    /// Holds `node.lock` and `volumes/<volume-id>/`.
    public var dataDirectory: String
    /// Where clients reach the NBD exports of the volumes this node is primary of.
    public var nbdListen: ListenAddress
    /// Where primaries of other nodes reach this node's replicas.
    public var replicationListen: ListenAddress
    /// The control core's address.
    public var controlAddress: ListenAddress
    /// Addresses announced to the control core; by default the bound ones.
    public var nbdAdvertise: String?
    public var replicationAdvertise: String?
    /// A member that leaves a change unacknowledged this long is reported failed.
    public var acknowledgementTimeoutMilliseconds: UInt64 = 3_000
    public var nbd = ServerConfiguration()

    public init(
        nodeName: String, dataDirectory: String, nbdListen: ListenAddress, replicationListen: ListenAddress,
        controlAddress: ListenAddress
    ) {
        self.nodeName = nodeName
        self.dataDirectory = dataDirectory
        self.nbdListen = nbdListen
        self.replicationListen = replicationListen
        self.controlAddress = controlAddress
    }
}
