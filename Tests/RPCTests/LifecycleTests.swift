import RPC
import RPCTestServices
import Testing

@Suite struct LifecycleTests {
    @Test func shutdownLetsRunningCallsFinish() async throws {
        let server = try TestServer()
        let client = try server.echoClient()
        var request = Blockfence_Test_EchoRequest()
        request.text = "finished"
        request.delayMilliseconds = 500
        let running = Task { try await client.echo(request, options: CallOptions(timeout: .seconds(10))) }
        #expect(await eventually { server.server.activeCalls == 1 })
        await server.stop(gracePeriod: .seconds(5))
        #expect(try await running.value.text == "finished")
    }

    @Test func shutdownCancelsCallsThatOutlastTheGracePeriod() async throws {
        let recorder = RecordingService()
        let server = try TestServer(services: [recorder])
        let client = try server.echoClient()
        var request = Blockfence_Test_EchoRequest()
        request.delayMilliseconds = 60_000
        let stuck = Task { try await client.echo(request, options: CallOptions(timeout: .seconds(90))) }
        #expect(await eventually { server.server.activeCalls == 1 })
        let before = ContinuousClock.now
        await server.stop(gracePeriod: .milliseconds(200))
        #expect(ContinuousClock.now - before < .seconds(5))
        await #expect(throws: RPCError.self) { try await stuck.value }
        #expect(recorder.observations.withLock { $0.cancelledContexts } == 1)
    }

    @Test func startingTwiceIsRefused() async throws {
        let server = try TestServer()
        #expect(throws: RPCServerError.alreadyStarted) {
            try server.server.start(listeningOn: [.tcp(host: "127.0.0.1", port: 0)])
        }
        await server.stop()
    }

    @Test func listeningOnAnAddressInUseFails() async throws {
        let first = try TestServer()
        guard case .tcp(_, let port) = first.tcp else { throw RPCError(.internal, "not TCP") }
        #expect(throws: RPCServerError.cannotListen(address: "127.0.0.1:\(port)")) {
            let second = try RPCServer(services: [], logger: .init(scope: "rpc-test", level: .error))
            try second.start(listeningOn: [.tcp(host: "127.0.0.1", port: port)])
        }
        await first.stop()
    }

    /// The channel reconnects on its own; `waitForReady` calls wait through the outage.
    @Test func clientReconnectsToARestartedServer() async throws {
        let first = try TestServer(services: [EchoService(serverName: "first")])
        guard case .tcp(_, let port) = first.tcp else { throw RPCError(.internal, "not TCP") }
        let client = try first.echoClient()
        let options = CallOptions(timeout: .seconds(10), waitForReady: true)
        #expect(try await client.echo(Blockfence_Test_EchoRequest(), options: options).serverName == "first")
        await first.stop()
        let pending = Task { try await client.echo(Blockfence_Test_EchoRequest(), options: options) }
        try await Task.sleep(for: .milliseconds(300))
        let second = try TestServer(services: [EchoService(serverName: "second")], tcpPort: port)
        #expect(try await pending.value.serverName == "second")
        await second.stop()
    }

    @Test func failFastCallsSeeUnavailableWhileTheServerIsDown() async throws {
        let server = try TestServer()
        let client = try server.echoClient()
        _ = try await client.echo(Blockfence_Test_EchoRequest(), options: CallOptions(timeout: .seconds(5)))
        await server.stop()
        await expectStatus(.unavailable) {
            _ = try await client.echo(Blockfence_Test_EchoRequest(), options: CallOptions(timeout: .seconds(5)))
        }
    }
}
