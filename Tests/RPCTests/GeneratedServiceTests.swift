import ProtocolBuffers
import RPC
import RPCTestServices
import Testing

/// A service shaped like the CSI controller, generated from Protos/test/spec_features.proto and
/// served and called without anything beyond the generated code and the RPC module.
@Suite struct GeneratedServiceTests {
    typealias Spec = Blockfence_Test_Spec_ControllerService

    struct Controller: Blockfence_Test_Spec_ControllerService {
        func createVolume(
            _ request: Blockfence_Test_Spec_CreateVolumeRequest, context: ServerContext
        ) async throws -> Blockfence_Test_Spec_CreateVolumeResponse {
            guard request.secrets["token"] == "s3cret" else {
                throw RPCError(.unauthenticated, "the token secret is missing")
            }
            guard case .mount(let mount)? = request.volumeCapabilities.first?.accessType else {
                throw RPCError(.invalidArgument, "only mount volumes are supported")
            }
            var volume = Blockfence_Test_Spec_Volume()
            volume.volumeID = request.name
            volume.capacityBytes = request.capacityRange?.requiredBytes ?? 0
            volume.volumeContext = ["fsType": mount.fsType]
            volume.contentSource = request.volumeContentSource
            var response = Blockfence_Test_Spec_CreateVolumeResponse()
            response.volume = volume
            return response
        }

        func getCapabilities(
            _ request: Blockfence_Test_Spec_GetCapabilitiesRequest, context: ServerContext
        ) async throws -> Blockfence_Test_Spec_GetCapabilitiesResponse {
            var rpc = Blockfence_Test_Spec_ControllerServiceCapability.RPC()
            rpc.type = .createDeleteVolume
            var capability = Blockfence_Test_Spec_ControllerServiceCapability()
            capability.type = .rpc(rpc)
            var available = Google_Protobuf_Int64Value()
            available.value = 1 << 40
            var response = Blockfence_Test_Spec_GetCapabilitiesResponse()
            response.capabilities = [capability]
            response.availableCapacity = available
            return response
        }
    }

    @Test func aCSIShapedServiceWorksFromGeneratedCodeAlone() async throws {
        let server = try TestServer(services: [Controller()])
        let client = Blockfence_Test_Spec_ControllerClient(channel: try server.channel(server.unix))
        var mount = Blockfence_Test_Spec_VolumeCapability.MountVolume()
        mount.fsType = "ext4"
        var capability = Blockfence_Test_Spec_VolumeCapability()
        capability.accessType = .mount(mount)
        var source = Blockfence_Test_Spec_VolumeContentSource.SnapshotSource()
        source.snapshotID = "snap-1"
        var request = Blockfence_Test_Spec_CreateVolumeRequest()
        request.name = "pg-data"
        request.capacityRange = Blockfence_Test_Spec_CapacityRange()
        request.capacityRange?.requiredBytes = 1 << 30
        request.volumeCapabilities = [capability]
        request.secrets = ["token": "s3cret"]
        request.volumeContentSource = Blockfence_Test_Spec_VolumeContentSource()
        request.volumeContentSource?.type = .snapshot(source)
        let options = CallOptions(timeout: .seconds(5))

        let volume = try #require(try await client.createVolume(request, options: options).volume)
        #expect(volume.volumeID == "pg-data")
        #expect(volume.capacityBytes == 1 << 30)
        #expect(volume.volumeContext == ["fsType": "ext4"])
        #expect(volume.contentSource?.type == .snapshot(source))

        request.secrets = [:]
        await expectStatus(.unauthenticated) { try await client.createVolume(request, options: options) }

        let capabilities = try await client.getCapabilities(.init(), options: options)
        #expect(capabilities.availableCapacity?.value == 1 << 40)
        guard case .rpc(let rpc)? = capabilities.capabilities.first?.type else {
            Issue.record("no RPC capability")
            return
        }
        #expect(rpc.type == .createDeleteVolume)
        await server.stop()
    }

    @Test func customOptionsKeepTheirNumbers() {
        typealias Options = Blockfence_Test_Spec_SpecFeaturesExtensions
        #expect(Options.secret.number == 1059)
        #expect(Options.secret.extendee == "google.protobuf.FieldOptions")
        #expect(Options.alphaMethod.extendee == "google.protobuf.MethodOptions")
    }

    @Test func keywordFieldNamesEncodeUnderTheirNumbers() throws {
        var keywords = Blockfence_Test_Spec_Keywords()
        keywords.`class` = "c"
        keywords.`default` = "d"
        keywords.self_ = "s"
        keywords.unknownFields_ = 5
        keywords.kind = .`default`
        #expect(
            keywords.serializedBytes() == [
                0x0a, 0x01, 0x63, 0x12, 0x01, 0x64, 0x22, 0x01, 0x73, 0x28, 0x05, 0x38, 0x01,
            ])
        #expect(try Blockfence_Test_Spec_Keywords(serializedBytes: keywords.serializedBytes()) == keywords)
    }
}
