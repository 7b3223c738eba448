/// Limits and sizes of an `RPCServer`.
public struct RPCServerConfiguration: Sendable {
    /// The largest request accepted, in bytes; a larger one fails with RESOURCE_EXHAUSTED before
    /// any handler sees it.
    public var maximumReceiveMessageBytes: Int
    /// The largest response sent, in bytes.
    public var maximumSendMessageBytes: Int
    /// How many calls may run handlers at once. Calls beyond it are answered RESOURCE_EXHAUSTED at
    /// once rather than queued, so an overloaded server tells clients to back off immediately.
    public var maximumConcurrentCalls: Int
    /// Threads that run handlers; see `WorkerPool` for why they are not the cooperative pool.
    public var handlerThreads: Int
    /// How deeply request messages may nest.
    public var maximumNestingDepth: Int

    public init(
        maximumReceiveMessageBytes: Int = 4 << 20, maximumSendMessageBytes: Int = 64 << 20,
        maximumConcurrentCalls: Int = 128, handlerThreads: Int = 4, maximumNestingDepth: Int = 100
    ) {
        self.maximumReceiveMessageBytes = maximumReceiveMessageBytes
        self.maximumSendMessageBytes = maximumSendMessageBytes
        self.maximumConcurrentCalls = maximumConcurrentCalls
        self.handlerThreads = handlerThreads
        self.maximumNestingDepth = maximumNestingDepth
    }
}

/// Why a server could not start.
public enum RPCServerError: Error, Equatable, CustomStringConvertible {
    /// The C core could not listen on the address (in use, no permission, bad path).
    case cannotListen(address: String)
    /// `start` was called twice, or after `shutdown`.
    case alreadyStarted
    /// No addresses were given.
    case noAddresses
    case threadsUnavailable(String)

    public var description: String {
        switch self {
        case .cannotListen(let address): "cannot listen on \(address): the address is in use or not allowed"
        case .alreadyStarted: "the server was already started"
        case .noAddresses: "a server needs at least one address to listen on"
        case .threadsUnavailable(let reason): "cannot start server threads: \(reason)"
        }
    }
}
