import CSIAPI
import ProtocolBuffers
import RPC

/// CSI Identity: the plugin's name and version, what it offers, and whether it can work.
public struct IdentityService: Csi_V1_IdentityService {
    let driverName: String
    let version: String
    let control: ControlAccess
    /// Whether this process serves the controller; a node plugin neither offers it nor depends
    /// on the control core to be alive.
    let servesController: Bool

    /// Probe waits this long for the control core: the livenessprobe sidecar gives a probe one
    /// second by default, and a slow answer is as bad as none.
    static let probeTimeout = Duration.milliseconds(800)

    public init(driverName: String, version: String, control: ControlAccess, servesController: Bool = true) {
        self.driverName = driverName
        self.version = version
        self.control = control
        self.servesController = servesController
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
        var services: [Csi_V1_PluginCapability.Service.TypeEnum] = [.volumeAccessibilityConstraints]
        if servesController { services.insert(.controllerService, at: 0) }
        for type in services {
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

    /// A controller is ready when the control core answers: without it nothing can be
    /// provisioned. Not ready is an answer, not an error, so that the caller can tell a plugin
    /// that waits from one that is broken. A node plugin is ready while it serves: restarting it
    /// in a control core outage would not bring the control core back, and its staged volumes
    /// stay connected meanwhile.
    public func probe(_ request: Csi_V1_ProbeRequest, context: ServerContext) async throws -> Csi_V1_ProbeResponse {
        var ready = Google_Protobuf_BoolValue()
        if !servesController {
            ready.value = true
        } else {
            do {
                _ = try await control.nodes(timeout: Self.probeTimeout)
                ready.value = true
            } catch {
                context.logger.debug("The control core did not answer a probe.", ["error": error])
                ready.value = false
            }
        }
        var response = Csi_V1_ProbeResponse()
        response.ready = ready
        return response
    }
}
