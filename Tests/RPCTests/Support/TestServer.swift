import BlockfenceBase
import Foundation
import RPC
import RPCTestServices
import Synchronization
import Testing

/// A server on loopback TCP and a Unix socket in a fresh directory, with the echo service and
/// whatever else a test adds, plus channels to it.
final class TestServer: Sendable {
    let server: RPCServer
    let tcp: ListenAddress
    let unix: ListenAddress

    init(
        services: [any RPCService] = [EchoService(serverName: "swift-test")],
        configuration: RPCServerConfiguration = RPCServerConfiguration(), tcpPort: UInt16 = 0
    ) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rpc-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let logger = Logger(scope: "rpc-test", level: .warning)
        server = try RPCServer(services: services, configuration: configuration, logger: logger)
        let bound = try server.start(listeningOn: [
            .tcp(host: "127.0.0.1", port: tcpPort), .unix(path: directory.appendingPathComponent("rpc.sock").path),
        ])
        tcp = bound[0]
        unix = bound[1]
    }

    func channel(_ address: ListenAddress? = nil, configuration: RPCChannelConfiguration = .init()) throws -> RPCChannel
    {
        try RPCChannel(target: address ?? tcp, configuration: configuration)
    }

    func echoClient(_ address: ListenAddress? = nil) throws -> Blockfence_Test_EchoClient {
        Blockfence_Test_EchoClient(channel: try channel(address))
    }

    func stop(gracePeriod: Duration = .seconds(5)) async {
        await server.shutdown(gracePeriod: gracePeriod)
    }
}

/// An echo service whose handlers record what they saw, and can throw any error.
final class RecordingService: Blockfence_Test_EchoService {
    struct Observation: Sendable {
        var startedHandlers = 0
        var cancelledContexts = 0
        var deadlines: [ContinuousClock.Instant?] = []
    }

    let observations = Mutex(Observation())
    let failure: (any Error & Sendable)?

    init(failure: (any Error & Sendable)? = nil) {
        self.failure = failure
    }

    func echo(
        _ request: Blockfence_Test_EchoRequest, context: ServerContext
    ) async throws -> Blockfence_Test_EchoResponse {
        observations.withLock {
            $0.deadlines.append(context.deadline)
            $0.startedHandlers += 1
        }
        if let failure { throw failure }
        if request.delayMilliseconds > 0 {
            do {
                try await Task.sleep(for: .milliseconds(Int64(request.delayMilliseconds)))
            } catch {
                if context.isCancelled { observations.withLock { $0.cancelledContexts += 1 } }
                throw error
            }
        }
        var response = Blockfence_Test_EchoResponse()
        response.text = request.text
        return response
    }

    func expand(
        _ request: Blockfence_Test_EchoRequest,
        responses: ResponseWriter<Blockfence_Test_EchoResponse>,
        context: ServerContext
    ) async throws {
        defer {
            if context.isCancelled { observations.withLock { $0.cancelledContexts += 1 } }
        }
        var index: UInt32 = 0
        while !context.isCancelled {
            var response = Blockfence_Test_EchoResponse()
            response.index = index
            try await responses.send(response)
            index += 1
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// Waits until `condition` holds, polling, for at most `timeout`.
func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// Runs `body` and checks that it fails with `code`; returns the error's message.
@discardableResult
func expectStatus<Value>(
    _ code: StatusCode, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Value
) async -> String? {
    do {
        _ = try await body()
        Issue.record("expected \(code), but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as RPCError {
        #expect(error.code == code, sourceLocation: sourceLocation)
        return error.message
    } catch {
        Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
