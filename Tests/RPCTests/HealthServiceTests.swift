import RPC
import RPCTestServices
import Testing

@Suite struct HealthServiceTests {
    typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

    func check(_ client: Grpc_Health_V1_HealthClient, _ service: String) async throws(RPCError) -> Status {
        var request = Grpc_Health_V1_HealthCheckRequest()
        request.service = service
        return try await client.check(request, options: CallOptions(timeout: .seconds(5))).status
    }

    @Test func everyHostedServiceStartsServing() async throws {
        let server = try TestServer()
        let client = Grpc_Health_V1_HealthClient(channel: try server.channel())
        #expect(try await check(client, "") == .serving)
        #expect(try await check(client, "blockfence.test.Echo") == .serving)
        await #expect(throws: RPCError(.notFound, "no service named 'nothing.Here' is served here")) {
            try await check(client, "nothing.Here")
        }
        await server.stop()
    }

    @Test func statusChangesAreVisibleToCheckAndWatch() async throws {
        let server = try TestServer()
        let client = Grpc_Health_V1_HealthClient(channel: try server.channel())
        var request = Grpc_Health_V1_HealthCheckRequest()
        request.service = "blockfence.test.Echo"
        var responses = client.watch(request, options: CallOptions(timeout: .seconds(10))).makeAsyncIterator()
        // The watch is established once its first status has arrived.
        #expect(try await responses.next()?.status == .serving)
        server.server.health.setStatus(.notServing, service: "blockfence.test.Echo")
        #expect(try await check(client, "blockfence.test.Echo") == .notServing)
        #expect(try await responses.next()?.status == .notServing)
        server.server.health.setStatus(.serving, service: "blockfence.test.Echo")
        #expect(try await responses.next()?.status == .serving)
        await server.stop()
    }

    @Test func watchOfAnUnknownServiceSaysServiceUnknown() async throws {
        let server = try TestServer()
        let client = Grpc_Health_V1_HealthClient(channel: try server.channel())
        var request = Grpc_Health_V1_HealthCheckRequest()
        request.service = "later.Service"
        for try await response in client.watch(request, options: CallOptions(timeout: .seconds(5))) {
            #expect(response.status == .serviceUnknown)
            break
        }
        await server.stop()
    }

    @Test func shutdownTurnsEverythingNotServingAndEndsWatches() async throws {
        let server = try TestServer()
        let client = Grpc_Health_V1_HealthClient(channel: try server.channel())
        var responses = client.watch(
            Grpc_Health_V1_HealthCheckRequest(), options: CallOptions(timeout: .seconds(10))
        ).makeAsyncIterator()
        // The watch is established once its first status has arrived.
        #expect(try await responses.next()?.status == .serving)
        let before = ContinuousClock.now
        async let stopped: Void = server.stop(gracePeriod: .seconds(5))
        var rest: [Status] = []
        while let response = try await responses.next() { rest.append(response.status) }
        await stopped
        #expect(ContinuousClock.now - before < .seconds(3))
        #expect(rest == [.notServing])
        #expect(server.server.health.status() == .notServing)
    }
}
