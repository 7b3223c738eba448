import CSIAPI
import ProtocolBuffers
import RPC

/// CSI Identity: the plugin's name and version, what it offers, and whether it can work.
public struct IdentityService: Csi_V1_IdentityService {
    let driverName: String
    let version: String
    let control: ControlAccess

    /// Probe waits this long for the control core: kubelet's and the sidecars' probes have
    /// short timeouts of their own, and a slow answer is as bad as none.
    static let probeTimeout = Duration.seconds(2)

    public init(driverName: String, version: String, control: ControlAccess) {
        self.driverName = driverName
        self.version = version
        self.control = control
    }

    public func getPluginInfo(
        _ request: Csi_V1_GetPluginInfoRequest, context: ServerContext
    ) async throws -> Csi_V1_GetPluginInfoResponse {
        var response = Csi_V1_GetPluginInfoResponse()
        response.name = driverName
        response.vendorVersion = version
        return response
    }

    public func getPluginCapabilities(
        _ request: Csi_V1_GetPluginCapabilitiesRequest, context: ServerContext
    ) async throws -> Csi_V1_GetPluginCapabilitiesResponse {
        var response = Csi_V1_GetPluginCapabilitiesResponse()
        for type in [Csi_V1_PluginCapability.Service.TypeEnum.controllerService, .volumeAccessibilityConstraints] {
            var service = Csi_V1_PluginCapability.Service()
            service.type = type
            var capability = Csi_V1_PluginCapability()
            capability.type = .service(service)
            response.capabilities.append(capability)
        }
        var expansion = Csi_V1_PluginCapability.VolumeExpansion()
        expansion.type = .online
        var capability = Csi_V1_PluginCapability()
        capability.type = .volumeExpansion(expansion)
        response.capabilities.append(capability)
        return response
    }

    /// Ready when the control core answers: without it the plugin can neither provision nor find
    /// a volume's primary. Not ready is an answer, not an error, so that the caller can tell a
    /// plugin that waits from one that is broken.
    public func probe(_ request: Csi_V1_ProbeRequest, context: ServerContext) async throws -> Csi_V1_ProbeResponse {
        var ready = Google_Protobuf_BoolValue()
        do {
            _ = try await control.nodes(timeout: Self.probeTimeout)
            ready.value = true
        } catch {
            context.logger.debug("The control core did not answer a probe.", ["error": error])
            ready.value = false
        }
        var response = Csi_V1_ProbeResponse()
        response.ready = ready
        return response
    }
}
