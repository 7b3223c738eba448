import RPC
import RPCTestServices
import Testing

@Suite struct UnaryCallTests {
    @Test(arguments: ["tcp", "unix"])
    func echoReturnsWhatWasSent(transport: String) async throws {
        let server = try TestServer()
        let client = try server.echoClient(transport == "tcp" ? server.tcp : server.unix)
        var request = Blockfence_Test_EchoRequest()
        request.payload = Array(0...255)
        request.text = "grüße"
        let response = try await client.echo(request, options: CallOptions(timeout: .seconds(5)))
        #expect(response.payload == Array(0...255))
        #expect(response.text == "grüße")
        #expect(response.serverName == "swift-test")
        await server.stop()
    }

    @Test func requestMetadataReachesTheHandler() async throws {
        let server = try TestServer()
        let client = try server.echoClient()
        var request = Blockfence_Test_EchoRequest()
        request.metadataKey = "authorization"
        let options = CallOptions(timeout: .seconds(5), metadata: Metadata(["authorization": "Bearer abc"]))
        #expect(try await client.echo(request, options: options).metadataValue == "Bearer abc")
        await server.stop()
    }

    @Test func handlerSeesTheClientDeadline() async throws {
        let recorder = RecordingService()
        let server = try TestServer(services: [recorder])
        let client = try server.echoClient()
        let before = ContinuousClock.now
        _ = try await client.echo(Blockfence_Test_EchoRequest(), options: CallOptions(timeout: .seconds(30)))
        _ = try await client.echo(Blockfence_Test_EchoRequest(), options: CallOptions())
        let deadlines = recorder.observations.withLock { $0.deadlines }
        let first = try #require(deadlines.first ?? nil)
        #expect(first > before + .seconds(25) && first < before + .seconds(35))
        #expect(deadlines.last! == nil)
        await server.stop()
    }

    @Test func slowHandlerEndsInDeadlineExceededAndIsCancelled() async throws {
        let recorder = RecordingService()
        let server = try TestServer(services: [recorder])
        let client = try server.echoClient()
        var request = Blockfence_Test_EchoRequest()
        request.delayMilliseconds = 10_000
        await expectStatus(.deadlineExceeded) {
            _ = try await client.echo(request, options: CallOptions(timeout: .seconds(1)))
        }
        #expect(await eventually { recorder.observations.withLock { $0.cancelledContexts } == 1 })
        await server.stop()
    }

    @Test func cancellingTheCallingTaskCancelsTheCall() async throws {
        let recorder = RecordingService()
        let server = try TestServer(services: [recorder])
        let client = try server.echoClient()
        var request = Blockfence_Test_EchoRequest()
        request.delayMilliseconds = 10_000
        let call = Task { () async -> StatusCode? in
            do {
                _ = try await client.echo(request, options: CallOptions(timeout: .seconds(30)))
                return .ok
            } catch let error as RPCError {
                return error.code
            } catch {
                return nil
            }
        }
        #expect(await eventually { recorder.observations.withLock { $0.startedHandlers } == 1 })
        call.cancel()
        #expect(await call.value == .cancelled)
        #expect(await eventually { recorder.observations.withLock { $0.cancelledContexts } == 1 })
        await server.stop()
    }

    @Test func unknownMethodIsUnimplemented() async throws {
        let server = try TestServer()
        let channel = try server.channel()
        let message = await expectStatus(.unimplemented) {
            let _: Blockfence_Test_EchoResponse = try await channel.unary(
                path: "/blockfence.test.Echo/Missing", request: Blockfence_Test_EchoRequest(),
                options: CallOptions(timeout: .seconds(5)))
        }
        #expect(message?.contains("/blockfence.test.Echo/Missing") == true)
        await server.stop()
    }

    @Test func unreachableServerIsUnavailable() async throws {
        let channel = try RPCChannel(target: .unix(path: "/nonexistent/rpc.sock"))
        let client = Blockfence_Test_EchoClient(channel: channel)
        await expectStatus(.unavailable) {
            try await client.echo(Blockfence_Test_EchoRequest(), options: CallOptions(timeout: .seconds(5)))
        }
    }

    @Test func requestsOverTheReceiveLimitAreRefused() async throws {
        let server = try TestServer(configuration: RPCServerConfiguration(maximumReceiveMessageBytes: 1 << 16))
        let client = try server.echoClient()
        var request = Blockfence_Test_EchoRequest()
        request.payload = [UInt8](repeating: 1, count: 1 << 17)
        await expectStatus(.resourceExhausted) {
            _ = try await client.echo(request, options: CallOptions(timeout: .seconds(5)))
        }
        await server.stop()
    }

    @Test func callsOverTheConcurrencyLimitAreResourceExhausted() async throws {
        let server = try TestServer(configuration: RPCServerConfiguration(maximumConcurrentCalls: 1))
        let client = try server.echoClient()
        var slow = Blockfence_Test_EchoRequest()
        slow.delayMilliseconds = 1_000
        let first = Task { try await client.echo(slow, options: CallOptions(timeout: .seconds(10))) }
        #expect(await eventually { server.server.activeCalls == 1 })
        await expectStatus(.resourceExhausted) {
            _ = try await client.echo(Blockfence_Test_EchoRequest(), options: CallOptions(timeout: .seconds(5)))
        }
        _ = try await first.value
        await server.stop()
    }

    @Test func manyConcurrentCallsShareOneChannel() async throws {
        let server = try TestServer()
        let client = try server.echoClient()
        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<100 {
                group.addTask {
                    var request = Blockfence_Test_EchoRequest()
                    request.text = "\(index)"
                    return try await client.echo(request, options: CallOptions(timeout: .seconds(20))).text
                }
            }
            var texts: Set<String> = []
            for try await text in group { texts.insert(text) }
            return texts
        }
        #expect(texts == Set((0..<100).map(String.init)))
        await server.stop()
    }
}
