import BlockfenceBase
import CGRPC
import Glibc
import ProtocolBuffers
import Synchronization

/// A gRPC server over the C core: unary and server-streaming methods on TCP and Unix sockets.
///
/// Every server also serves `grpc.health.v1.Health` (see `health`). Unknown methods are answered
/// UNIMPLEMENTED. Handlers run on a bounded pool of dedicated threads, at most
/// `maximumConcurrentCalls` at once. `shutdown` stops accepting, lets running calls finish within
/// a grace period and then cancels the rest.
public final class RPCServer: @unchecked Sendable {
    private enum Phase {
        case created
        case running
        case stopping
        case stopped
    }

    private struct State {
        var phase = Phase.created
        var activeCalls = 0
        var shutdownNotified = false
    }

    /// Calls requested from the core ahead of time, so that concurrent calls do not wait for the
    /// poller to ask for the next one.
    private static let pendingAccepts = 16

    public let configuration: RPCServerConfiguration
    public let health: HealthService
    private let logger: Logger
    private let methods: [String: MethodDefinition]
    private let server: OpaquePointer
    private let queue: CompletionQueue
    private let workers: WorkerPool
    private let arguments: ChannelArguments
    private let state = Mutex(State())

    public init(
        services: [any RPCService], configuration: RPCServerConfiguration = RPCServerConfiguration(), logger: Logger
    ) throws(RPCServerError) {
        GRPCLibrary.ensureInitialized()
        self.configuration = configuration
        self.logger = logger
        health = HealthService(serviceNames: services.map(\.serviceDefinition.name))
        var methods: [String: MethodDefinition] = [:]
        for service in services + [health] {
            let definition = service.serviceDefinition
            for method in definition.methods { methods["/\(definition.name)/\(method.name)"] = method }
        }
        self.methods = methods
        do {
            queue = try CompletionQueue(name: "rpc-server-cq")
            workers = try WorkerPool(threadCount: configuration.handlerThreads, name: "rpc-handler")
        } catch {
            throw .threadsUnavailable(error.description)
        }
        arguments = ChannelArguments([
            ("grpc.max_receive_message_length", configuration.maximumReceiveMessageBytes),
            ("grpc.max_send_message_length", configuration.maximumSendMessageBytes),
            // Without this the core sets SO_REUSEPORT, and a second server on a port already in use
            // would share its connections instead of failing to start.
            ("grpc.so_reuseport", 0),
        ])
        server = grpc_server_create(arguments.pointer, nil)
        grpc_server_register_completion_queue(server, queue.queue, nil)
    }

    /// Listens on every address and starts serving. Returns the bound addresses, which name the
    /// real port where an address asked for port 0.
    @discardableResult
    public func start(listeningOn addresses: [ListenAddress]) throws(RPCServerError) -> [ListenAddress] {
        guard !addresses.isEmpty else { throw .noAddresses }
        try state.withLock { state throws(RPCServerError) in
            guard state.phase == .created else { throw .alreadyStarted }
            state.phase = .running
        }
        var bound: [ListenAddress] = []
        for address in addresses {
            let credentials = grpc_insecure_server_credentials_create()
            let port = grpc_server_add_http2_port(server, address.description, credentials)
            grpc_server_credentials_release(credentials)
            guard port > 0 else {
                state.withLock { $0.phase = .stopped }
                grpc_server_destroy(server)
                queue.shutdown()
                workers.stop()
                throw .cannotListen(address: address.description)
            }
            switch address {
            case .tcp(let host, _): bound.append(.tcp(host: host, port: UInt16(port)))
            case .unix: bound.append(address)
            }
        }
        grpc_server_start(server)
        for _ in 0..<RPCServer.pendingAccepts { requestCall() }
        logger.info(
            "Listening.",
            [
                "addresses": bound.map(\.description).joined(separator: ","), "grpc": GRPCLibrary.version,
                "services": health.serviceNames.joined(separator: ","),
            ])
        return bound
    }

    /// Asks the core for the next incoming call. The completion runs on the poller thread.
    private func requestCall() {
        let call = UnsafeMutablePointer<OpaquePointer?>.allocate(capacity: 1)
        call.initialize(to: nil)
        let details = UnsafeMutablePointer<grpc_call_details>.allocate(capacity: 1)
        grpc_call_details_init(details)
        let metadata = ReceivedMetadata()
        let tag = CompletionTag { [self] success in
            defer {
                grpc_call_details_destroy(details)
                details.deallocate()
                call.deallocate()
            }
            // During shutdown the outstanding requests complete unsuccessfully; nothing to serve.
            guard success, let accepted = call.pointee else { return }
            accept(accepted, details: details.pointee, metadata: metadata.metadata)
            if state.withLock({ $0.phase == .running }) { requestCall() }
        }
        let pointer = tag.retainedPointer()
        let result = grpc_server_request_call(server, call, details, metadata.array, queue.queue, queue.queue, pointer)
        if result != GRPC_CALL_OK {
            CompletionTag.releaseUnstarted(pointer)
            grpc_call_details_destroy(details)
            details.deallocate()
            call.deallocate()
        }
    }

    private func accept(_ call: OpaquePointer, details: grpc_call_details, metadata: Metadata) {
        let path = Slices.string(details.method)
        let peerPointer = grpc_call_get_peer(call)
        let peer = peerPointer.map { String(cString: $0) } ?? ""
        gpr_free(peerPointer)
        // A call either takes a concurrency slot or is answered at once with the reason it cannot.
        let rejection = state.withLock { state -> RPCError? in
            guard state.phase == .running else { return StatusMapping.shuttingDown() }
            guard state.activeCalls < configuration.maximumConcurrentCalls else {
                return StatusMapping.concurrencyLimit(configuration.maximumConcurrentCalls)
            }
            state.activeCalls += 1
            return nil
        }
        if let rejection { logger.debug("Call rejected.", ["method": path, "code": rejection.code]) }
        let context = ServerContext(
            method: path, metadata: metadata, deadline: Deadlines.instant(details.deadline), peer: peer,
            logger: logger.with(["method": path, "peer": peer]), cancellation: CancellationFlag())
        let limits = DecodingLimits(
            maximumMessageBytes: configuration.maximumReceiveMessageBytes,
            maximumDepth: configuration.maximumNestingDepth)
        let serverCall = ServerCall(call: call, context: context, decodingLimits: limits) { [self] in
            if rejection == nil { state.withLock { $0.activeCalls -= 1 } }
        }
        serverCall.begin(method: methods[path], rejection: rejection, executor: workers)
    }

    /// Calls currently holding a concurrency slot.
    public var activeCalls: Int { state.withLock { $0.activeCalls } }

    /// Stops the server: health turns NOT_SERVING, no new calls are accepted, running calls get
    /// `gracePeriod` to finish and are then cancelled. Blocks the calling thread until done; call
    /// it from a dedicated thread (the main thread after a signal), or use the async variant.
    public func shutdown(gracePeriod: Duration = .seconds(10)) {
        let wasRunning = state.withLock { state -> Bool? in
            switch state.phase {
            case .created: state.phase = .stopped; return false
            case .running: state.phase = .stopping; return true
            case .stopping, .stopped: return nil
            }
        }
        guard let wasRunning else { return }
        guard wasRunning else {
            grpc_server_destroy(server)
            queue.shutdown()
            workers.stop()
            return
        }
        logger.info("Shutting down.", ["active_calls": activeCalls, "grace_milliseconds": gracePeriod.milliseconds])
        health.enterShutdown()
        let tag = CompletionTag { [self] _ in state.withLock { $0.shutdownNotified = true } }
        grpc_server_shutdown_and_notify(server, queue.queue, tag.retainedPointer())
        if !waitUntil(within: gracePeriod, { $0.shutdownNotified && $0.activeCalls == 0 }) {
            logger.warning("Cancelling calls still running after the grace period.", ["active_calls": activeCalls])
            grpc_server_cancel_all_calls(server)
            _ = waitUntil(within: .seconds(10), { $0.shutdownNotified && $0.activeCalls == 0 })
        }
        grpc_server_destroy(server)
        queue.shutdown()
        workers.stop()
        state.withLock { $0.phase = .stopped }
        logger.info("Stopped.")
    }

    /// Blocks the calling thread until SIGTERM, SIGINT or SIGHUP arrives, then shuts down and
    /// returns the signal's number. The process must have called `TerminationSignals.block()`
    /// before starting any thread, so that the signal reaches this wait and no default handler.
    @discardableResult
    public func serveUntilTerminationSignal(gracePeriod: Duration = .seconds(10)) -> Int32 {
        let signal = TerminationSignals.wait()
        logger.info("Termination signal received.", ["signal": TerminationSignals.name(signal)])
        shutdown(gracePeriod: gracePeriod)
        return signal
    }

    /// `shutdown(gracePeriod:)` on a dedicated thread, for callers on Swift's cooperative pool.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            do {
                try startThread(name: "rpc-shutdown") { [self] in
                    shutdown(gracePeriod: gracePeriod)
                    continuation.resume()
                }
            } catch {
                shutdown(gracePeriod: gracePeriod)
                continuation.resume()
            }
        }
    }

    private func waitUntil(within limit: Duration, _ condition: (State) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if state.withLock({ condition($0) }) { return true }
            usleep(5_000)
        }
        return state.withLock { condition($0) }
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
