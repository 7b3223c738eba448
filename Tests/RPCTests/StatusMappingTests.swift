import ProtocolBuffers
import RPC
import RPCTestServices
import Testing

@Suite struct StatusMappingTests {
    struct StorageFailure: Error, Sendable, CustomStringConvertible {
        var description: String { "disk on fire" }
    }

    static let cases: [(any Error & Sendable, StatusCode, String)] = [
        (RPCError(.notFound, "volume pg-data does not exist"), .notFound, "volume pg-data does not exist"),
        (RPCError(.failedPrecondition, "epoch 7 is stale"), .failedPrecondition, "epoch 7 is stale"),
        (CancellationError(), .cancelled, "the call was cancelled"),
        (StorageFailure(), .unknown, "disk on fire"),
    ]

    @Test(arguments: 0..<cases.count)
    func handlerErrorsBecomeStatuses(index: Int) async throws {
        let (error, code, message) = Self.cases[index]
        #expect(StatusMapping.status(for: error) == RPCError(code, message))
        let server = try TestServer(services: [RecordingService(failure: error)])
        let client = try server.echoClient()
        await #expect(throws: RPCError(code, message)) {
            _ = try await client.echo(Blockfence_Test_EchoRequest(), options: CallOptions(timeout: .seconds(5)))
        }
        await server.stop()
    }

    @Test(arguments: StatusCode.allCases.filter { $0 != .ok })
    func everyStatusCodeTravelsWithItsMessage(code: StatusCode) async throws {
        let server = try TestServer()
        let client = try server.echoClient()
        var request = Blockfence_Test_EchoRequest()
        request.failureCode = code.rawValue
        request.failureMessage = "failed with \(code) ✗"
        await #expect(throws: RPCError(code, "failed with \(code) ✗")) {
            _ = try await client.echo(request, options: CallOptions(timeout: .seconds(5)))
        }
        await server.stop()
    }

    @Test func undecodableRequestIsInvalidArgument() async throws {
        struct Garbage: Message {
            static let protoMessageName = "test.Garbage"
            var unknownFields = UnknownFields(bytes: [0x0a, 0x05, 0x61])
            mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
                false
            }
            func encodeFields(to encoder: inout WireEncoder) {}
        }
        let server = try TestServer()
        let channel = try server.channel()
        await expectStatus(.invalidArgument) {
            let _: Blockfence_Test_EchoResponse = try await channel.unary(
                path: "/blockfence.test.Echo/Echo", request: Garbage(), options: CallOptions(timeout: .seconds(5)))
        }
        await server.stop()
    }

    @Test func statusCodeNamesFollowTheSpecification() {
        #expect(StatusCode.deadlineExceeded.description == "DEADLINE_EXCEEDED")
        #expect(StatusCode.unauthenticated.rawValue == 16)
        #expect(StatusCode.allCases.count == 17)
    }
}
