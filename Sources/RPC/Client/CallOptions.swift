/// Per-call settings of a client call.
public struct CallOptions: Sendable {
    /// How long the call may take in all; the C core ends it with DEADLINE_EXCEEDED after that and
    /// the server sees the same deadline. Nil waits forever, which only suits streams meant to
    /// last (a Watch); every request-response call should set one.
    public var timeout: Duration?
    /// Request metadata, for example credentials under `authorization`.
    public var metadata: Metadata
    /// Whether the call waits for the channel to (re)connect instead of failing UNAVAILABLE at
    /// once while the server is unreachable. The timeout still bounds the wait.
    public var waitForReady: Bool

    public init(timeout: Duration? = nil, metadata: Metadata = Metadata(), waitForReady: Bool = false) {
        self.timeout = timeout
        self.metadata = metadata
        self.waitForReady = waitForReady
    }
}

/// Settings of an `RPCChannel`.
public struct RPCChannelConfiguration: Sendable {
    /// The largest response accepted, in bytes.
    public var maximumReceiveMessageBytes: Int
    /// The largest request sent, in bytes.
    public var maximumSendMessageBytes: Int
    /// How deeply response messages may nest.
    public var maximumNestingDepth: Int
    /// The first wait before reconnecting to a server that went away; it doubles after each
    /// failed attempt up to `maximumReconnectBackoff`.
    public var initialReconnectBackoff: Duration
    public var maximumReconnectBackoff: Duration

    public init(
        maximumReceiveMessageBytes: Int = 4 << 20, maximumSendMessageBytes: Int = 64 << 20,
        maximumNestingDepth: Int = 100, initialReconnectBackoff: Duration = .milliseconds(100),
        maximumReconnectBackoff: Duration = .seconds(5)
    ) {
        self.maximumReceiveMessageBytes = maximumReceiveMessageBytes
        self.maximumSendMessageBytes = maximumSendMessageBytes
        self.maximumNestingDepth = maximumNestingDepth
        self.initialReconnectBackoff = initialReconnectBackoff
        self.maximumReconnectBackoff = maximumReconnectBackoff
    }
}
