import Synchronization

/// `grpc.health.v1.Health`, served by every `RPCServer`.
///
/// The empty service name stands for the server as a whole. Every hosted service starts SERVING;
/// an owner can mark one NOT_SERVING (a control core that lost its database, say) and back. On
/// shutdown everything turns NOT_SERVING first, so probes stop routing to the server before it
/// refuses calls, and Watch streams end so they do not hold the grace period.
public final class HealthService: Grpc_Health_V1_HealthService {
    public typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

    private struct State {
        var statuses: [String: Status] = [:]
        var watchers: [Int: (service: String, continuation: AsyncStream<Status>.Continuation)] = [:]
        var nextWatcher = 0
        var shuttingDown = false
    }

    private let state = Mutex(State())
    /// The services this server hosts besides health itself, for logs.
    public let serviceNames: [String]

    init(serviceNames: [String]) {
        self.serviceNames = serviceNames
        state.withLock { state in
            state.statuses[""] = .serving
            for name in serviceNames { state.statuses[name] = .serving }
        }
    }

    public func setStatus(_ status: Status, service: String = "") {
        let watchers = state.withLock { state -> [AsyncStream<Status>.Continuation] in
            guard !state.shuttingDown else { return [] }
            state.statuses[service] = status
            return state.watchers.values.filter { $0.service == service }.map(\.continuation)
        }
        for watcher in watchers { watcher.yield(status) }
    }

    public func status(service: String = "") -> Status? {
        state.withLock { $0.statuses[service] }
    }

    func enterShutdown() {
        let watchers = state.withLock { state -> [AsyncStream<Status>.Continuation] in
            state.shuttingDown = true
            for key in state.statuses.keys { state.statuses[key] = .notServing }
            defer { state.watchers.removeAll() }
            return state.watchers.values.map(\.continuation)
        }
        for watcher in watchers {
            watcher.yield(.notServing)
            watcher.finish()
        }
    }

    public func check(
        _ request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext
    ) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard let status = status(service: request.service) else {
            throw RPCError(.notFound, "no service named '\(request.service)' is served here")
        }
        var response = Grpc_Health_V1_HealthCheckResponse()
        response.status = status
        return response
    }

    public func watch(
        _ request: Grpc_Health_V1_HealthCheckRequest,
        responses: ResponseWriter<Grpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        let (stream, continuation) = AsyncStream.makeStream(of: Status.self, bufferingPolicy: .bufferingNewest(8))
        let (identifier, current) = state.withLock { state -> (Int?, Status) in
            let current = state.statuses[request.service] ?? .serviceUnknown
            guard !state.shuttingDown else { return (nil, current) }
            let identifier = state.nextWatcher
            state.nextWatcher += 1
            state.watchers[identifier] = (request.service, continuation)
            return (identifier, current)
        }
        defer {
            if let identifier { _ = state.withLock { $0.watchers.removeValue(forKey: identifier) } }
        }
        var response = Grpc_Health_V1_HealthCheckResponse()
        response.status = current
        try await responses.send(response)
        guard identifier != nil else { return }
        var last = current
        for await status in stream where status != last {
            last = status
            response.status = status
            try await responses.send(response)
        }
    }
}
