import ControlAPI
import RPC

/// The control core as the plugin calls it: one client, and a deadline for every call so that a
/// control core that does not answer fails a CSI call instead of hanging it (the sidecars retry).
public struct ControlAccess: Sendable {
    let client: Blockfence_Control_V1_ControlClient
    let timeout: Duration

    public init(channel: RPCChannel, timeout: Duration = .seconds(10)) {
        client = Blockfence_Control_V1_ControlClient(channel: channel)
        self.timeout = timeout
    }

    /// One call; its failure is described by `action` ("get volume 'pvc-1'").
    func call<Response>(
        _ action: String, timeout: Duration? = nil,
        _ body: (Blockfence_Control_V1_ControlClient, CallOptions) async throws(RPCError) -> Response
    ) async throws(CSIError) -> Response {
        do {
            return try await body(client, CallOptions(timeout: timeout ?? self.timeout))
        } catch {
            throw .control(action: action, error)
        }
    }

    /// The volume, or nil when the control core does not know it.
    func volume(_ nameOrID: String) async throws(CSIError) -> Blockfence_Control_V1_Volume? {
        // No volume has a longer name; asking would only have the control core echo the id back
        // in a status larger than gRPC lets through.
        guard nameOrID.utf8.count <= VolumeRules.maximumNameBytes else { return nil }
        var request = Blockfence_Control_V1_GetVolumeRequest()
        request.volume = nameOrID
        do {
            return try await client.getVolume(request, options: CallOptions(timeout: timeout)).volume
        } catch  where error.code == .notFound {
            return nil
        } catch {
            throw .control(action: "get volume '\(nameOrID)'", error)
        }
    }

    func nodes(timeout: Duration? = nil) async throws(CSIError) -> [Blockfence_Control_V1_NodeInfo] {
        try await call("list nodes", timeout: timeout) { (client, options) throws(RPCError) in
            try await client.listNodes(Blockfence_Control_V1_ListNodesRequest(), options: options)
        }.nodes
    }
}
