import BlockfenceBase

/// Limits and defaults of an NBD server. Every queue, buffer and wait the server has is bounded
/// by one of these.
public struct ServerConfiguration: Sendable {
    /// How long a client may take from connecting to entering transmission.
    public var handshakeDeadlineMilliseconds: Int64 = 10_000
    /// Connections still negotiating; more are closed at once, so idle clients cost nothing lasting.
    public var maximumPendingHandshakes = 64
    /// Connections in transmission at once, across all exports.
    public var maximumConnections = 256
    /// The largest READ or WRITE payload, advertised as the maximum block size (32 MiB).
    public var maximumPayloadBytes: UInt32 = 32 << 20
    /// The preferred block size advertised to clients.
    public var preferredBlockBytes: UInt32 = 4096
    /// The minimum block size advertised to clients; 1 means any alignment is served.
    public var minimumBlockBytes: UInt32 = 1
    /// Option data the server reads in full; longer options are drained and refused.
    public var maximumOptionBytes: UInt32 = 64 << 10
    /// Option data beyond this is not even drained: the client is disconnected.
    public var maximumDrainedOptionBytes: UInt32 = 16 << 20
    /// A blocked send to a client that stopped reading gives up after this long.
    public var sendTimeoutMilliseconds: Int64 = 60_000
    /// The most descriptors one BLOCK_STATUS reply carries.
    public var maximumBlockStatusExtents = 256
    /// Whether NBD_OPT_STRUCTURED_REPLY is accepted. Turning it off makes every reply a simple
    /// one, which is how servers without structured replies are compared like with like.
    public var structuredRepliesEnabled = true

    public init() {}
}
