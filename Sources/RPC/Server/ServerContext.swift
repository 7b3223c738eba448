import BlockfenceBase
import Synchronization

/// What a handler knows about its call besides the request.
public struct ServerContext: Sendable {
    /// The method path, for example `/grpc.health.v1.Health/Check`.
    public let method: String
    /// Request metadata, where credentials travel.
    public let metadata: Metadata
    /// When the client stops waiting, or nil when it set no deadline. The C core cancels the call
    /// at this instant; a handler can use it to give up on work that would finish too late.
    public let deadline: ContinuousClock.Instant?
    /// The client's address as the C core reports it, for example `ipv4:127.0.0.1:40122`.
    public let peer: String
    /// A logger carrying the method, for per-call lines at trace level.
    public let logger: Logger
    let cancellation: CancellationFlag

    /// Whether the client cancelled, the deadline passed or the server is stopping. The handler's
    /// task is cancelled at the same moment, so `Task.isCancelled` and `Task.sleep` see it too.
    public var isCancelled: Bool { cancellation.isSet }
}

/// Set once, when a call is cancelled.
final class CancellationFlag: Sendable {
    private let value = Atomic(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() {
        value.store(true, ordering: .releasing)
    }
}
