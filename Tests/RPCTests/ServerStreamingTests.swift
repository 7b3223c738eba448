import RPC
import RPCTestServices
import Testing

@Suite struct ServerStreamingTests {
    @Test(arguments: [0, 1, 100])
    func everyResponseArrivesInOrder(count: Int) async throws {
        let server = try TestServer()
        let client = try server.echoClient(server.unix)
        var request = Blockfence_Test_EchoRequest()
        request.responseCount = UInt32(count)
        request.payload = [9, 9]
        var indexes: [UInt32] = []
        for try await response in client.expand(request, options: CallOptions(timeout: .seconds(10))) {
            indexes.append(response.index)
            #expect(response.payload == [9, 9])
        }
        #expect(indexes == (0..<UInt32(count)).map { $0 })
        await server.stop()
    }

    @Test func failureAfterResponsesEndsTheStreamWithItsStatus() async throws {
        let server = try TestServer()
        let client = try server.echoClient()
        var request = Blockfence_Test_EchoRequest()
        request.responseCount = 2
        request.failureCode = StatusCode.aborted.rawValue
        request.failureMessage = "lease lost"
        var received = 0
        await #expect(throws: RPCError(.aborted, "lease lost")) {
            for try await _ in client.expand(request, options: CallOptions(timeout: .seconds(10))) { received += 1 }
        }
        #expect(received == 2)
        await server.stop()
    }

    @Test func leavingTheLoopEarlyCancelsTheHandler() async throws {
        let recorder = RecordingService()
        let server = try TestServer(services: [recorder])
        let client = try server.echoClient()
        var seen = 0
        for try await _ in client.expand(Blockfence_Test_EchoRequest(), options: CallOptions(timeout: .seconds(30))) {
            seen += 1
            if seen == 3 { break }
        }
        #expect(await eventually { recorder.observations.withLock { $0.cancelledContexts } == 1 })
        await server.stop()
    }

    @Test func streamingDeadlineExceeded() async throws {
        let server = try TestServer()
        let client = try server.echoClient()
        var request = Blockfence_Test_EchoRequest()
        request.responseCount = 1_000
        request.delayMilliseconds = 20
        await expectStatus(.deadlineExceeded) {
            for try await _ in client.expand(request, options: CallOptions(timeout: .milliseconds(200))) {}
        }
        await server.stop()
    }
}
