import BlockfenceBase
import CSIAPI
import ControlAPI
import ProtocolBuffers
import RPC

/// CSI Controller: provisioning, attachment records, listing and expansion, all through the
/// control core. The CSI volume id is the control core's volume name, which never changes.
public struct ControllerService: Csi_V1_ControllerService {
    let control: ControlAccess
    let gate: VolumeOperationGate

    public init(control: ControlAccess, gate: VolumeOperationGate = VolumeOperationGate()) {
        self.control = control
        self.gate = gate
    }

    // MARK: Create and delete

    public func createVolume(
        _ request: Csi_V1_CreateVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_CreateVolumeResponse {
        try await answering { () throws(CSIError) in
            // Idempotency rests on the name.
            guard !request.name.isEmpty else { throw .missingField("name") }
            guard request.name.utf8.count <= VolumeRules.maximumNameBytes else {
                throw .invalidField(field: "name", reason: "it is longer than \(VolumeRules.maximumNameBytes) bytes")
            }
            // The caller must say how the volume will be used.
            guard !request.volumeCapabilities.isEmpty else { throw .missingField("volume_capabilities") }
            var capabilityFileSystems: [String] = []
            for (index, capability) in request.volumeCapabilities.enumerated() {
                if let fileSystem = try VolumeRules.check(capability, field: "volume_capabilities[\(index)]") {
                    capabilityFileSystems.append(fileSystem)
                }
            }
            // Snapshots and clones do not exist yet, so no volume can start from one: an unsupported
            // source is INVALID_ARGUMENT by the specification's table.
            guard request.volumeContentSource == nil else {
                throw .invalidField(field: "volume_content_source", reason: "blockfence has no snapshots or clones yet")
            }
            let parameters = try VolumeRules.parameters(request.parameters)
            // A StorageClass fsType and a different file system in the claim cannot both hold.
            if let fileSystem = parameters.fileSystem, capabilityFileSystems.contains(where: { $0 != fileSystem }) {
                throw .invalidField(
                    field: "parameters.fsType", reason: "'\(fileSystem)' differs from the volume capability's")
            }
            // Stored with the volume, so that a later request for the same name with another file
            // system, or for a raw block device instead, is told apart.
            let fileSystem = parameters.fileSystem ?? capabilityFileSystems.first
            let accessType = VolumeRules.accessType(request.volumeCapabilities)
            let size = try VolumeRules.size(for: request.capacityRange, fileSystem: fileSystem)

            return try await gate.run(request.name) { () throws(CSIError) in
                if let existing = try await control.volume(request.name) {
                    try Self.checkCompatible(
                        existing, request: request, parameters: parameters, fileSystem: fileSystem,
                        accessType: accessType)
                    context.logger.debug("The volume already exists.", ["volume": request.name])
                    var response = Csi_V1_CreateVolumeResponse()
                    response.volume = Self.csiVolume(existing)
                    return response
                }
                var create = Blockfence_Control_V1_CreateVolumeRequest()
                create.name = request.name
                create.sizeBytes = UInt64(size)
                create.replicaCount = UInt32(parameters.replicas ?? 0)
                create.parameters = parameters.stored
                if let fileSystem { create.parameters["fsType"] = fileSystem }
                if let accessType { create.parameters[VolumeRules.accessTypeParameter] = accessType }
                let placement = VolumeRules.placement(request.accessibilityRequirements)
                create.allowedNodes = placement.allowed
                create.preferredNodes = placement.preferred
                let created = try await control.call("create volume '\(request.name)'") {
                    (client, options) throws(RPCError) in try await client.createVolume(create, options: options)
                }
                guard let volume = created.volume else {
                    throw .system(action: "create volume '\(request.name)'", reason: "the answer holds no volume")
                }
                context.logger.info("Created a volume.", ["volume": volume.name, "size_bytes": volume.sizeBytes])
                var response = Csi_V1_CreateVolumeResponse()
                response.volume = Self.csiVolume(volume)
                return response
            }
        }
    }

    /// The same name must mean the same volume: a size within the range, the same replica count
    /// when one is asked for, the same file system (`fileSystem`, the StorageClass's or else the
    /// capabilities'), the same access type when both name one, and replicas only on nodes the
    /// requisite topology allows.
    static func checkCompatible(
        _ volume: Blockfence_Control_V1_Volume, request: Csi_V1_CreateVolumeRequest,
        parameters: VolumeRules.Parameters, fileSystem: String?, accessType: String? = nil
    ) throws(CSIError) {
        let size = Int64(clamping: volume.sizeBytes)
        guard VolumeRules.fits(size, request.capacityRange) else {
            throw .volumeExists(name: volume.name, reason: "with \(size) bytes, outside the requested capacity range")
        }
        if let replicas = parameters.replicas, replicas != Int(volume.replicaCount) {
            throw .volumeExists(name: volume.name, reason: "with \(volume.replicaCount) replicas, not \(replicas)")
        }
        if volume.parameters["fsType"] != fileSystem {
            throw .volumeExists(
                name: volume.name, reason: "with file system '\(volume.parameters["fsType"] ?? "unset")'")
        }
        if let stored = volume.parameters[VolumeRules.accessTypeParameter], let accessType, stored != accessType {
            throw .volumeExists(name: volume.name, reason: "as a \(stored) volume, not \(accessType)")
        }
        let allowed = VolumeRules.placement(request.accessibilityRequirements).allowed
        let outside = (volume.assignment?.replicaNodes ?? []).filter { !allowed.isEmpty && !allowed.contains($0) }
        guard outside.isEmpty else {
            throw .volumeExists(
                name: volume.name,
                reason: "with replicas on \(outside.sorted().joined(separator: ", ")), outside the requisite topology")
        }
    }

    public func deleteVolume(
        _ request: Csi_V1_DeleteVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_DeleteVolumeResponse {
        try await answering { () throws(CSIError) in
            guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
            // No volume has a longer id, so it is deleted already.
            guard request.volumeID.utf8.count <= VolumeRules.maximumNameBytes else {
                return Csi_V1_DeleteVolumeResponse()
            }
            return try await gate.run(request.volumeID) { () throws(CSIError) in
                var delete = Blockfence_Control_V1_DeleteVolumeRequest()
                delete.volume = request.volumeID
                do throws(CSIError) {
                    _ = try await control.call("delete volume '\(request.volumeID)'") {
                        (client, options) throws(RPCError) in try await client.deleteVolume(delete, options: options)
                    }
                    context.logger.info("Deleted a volume.", ["volume": request.volumeID])
                } catch let CSIError.control(_, error) where error.code == .notFound {
                    // Deleting what is gone succeeds: the caller may be retrying a delete that worked.
                }
                return Csi_V1_DeleteVolumeResponse()
            }
        }
    }

    // MARK: Publish and unpublish

    public func controllerPublishVolume(
        _ request: Csi_V1_ControllerPublishVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerPublishVolumeResponse {
        try await answering { () throws(CSIError) in
            guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
            guard !request.nodeID.isEmpty else { throw .missingField("node_id") }
            guard let capability = request.volumeCapability else { throw .missingField("volume_capability") }
            try VolumeRules.check(capability, field: "volume_capability")
            let readOnly = request.readonly || VolumeRules.isReadOnly(capability)

            return try await gate.run(request.volumeID) { () throws(CSIError) in
                guard let volume = try await control.volume(request.volumeID) else {
                    throw .volumeNotFound(request.volumeID)
                }
                let nodes = try await control.nodes()
                guard nodes.contains(where: { $0.name == request.nodeID }) else {
                    throw .nodeNotFound(request.nodeID)
                }
                // Every mode blockfence offers is single-node: a second node must wait. The control
                // core enforces it in the same transaction as the record, so that two controllers
                // (a leader hand-over) cannot both attach; this early answer only saves a call.
                let others = volume.attachedNodes.filter { $0 != request.nodeID }
                guard others.isEmpty else { throw .attachedElsewhere(volume: volume.name, nodes: others) }
                var attach = Blockfence_Control_V1_AttachVolumeRequest()
                attach.volume = volume.name
                attach.node = request.nodeID
                attach.readOnly = readOnly
                attach.singleNode = true
                do throws(CSIError) {
                    _ = try await control.call("attach volume '\(volume.name)' to '\(request.nodeID)'") {
                        (client, options) throws(RPCError) in try await client.attachVolume(attach, options: options)
                    }
                } catch let CSIError.control(_, error) where error.code == .failedPrecondition {
                    // Another node attached it since the volume was read.
                    let now = try await control.volume(request.volumeID)?.attachedNodes ?? []
                    throw .attachedElsewhere(volume: volume.name, nodes: now.filter { $0 != request.nodeID })
                } catch let CSIError.control(_, error) where error.code == .alreadyExists {
                    // Already attached to this node with the other read-only setting.
                    throw .volumeExists(
                        name: volume.name, reason: "published to '\(request.nodeID)' with other read-only setting")
                }
                context.logger.info("Published a volume.", ["volume": volume.name, "node": request.nodeID])
                var response = Csi_V1_ControllerPublishVolumeResponse()
                response.publishContext = Self.publishContext(volume: volume.name, readOnly: readOnly)
                return response
            }
        }
    }

    /// What NodeStageVolume needs: the export to connect to (the node asks the control core which
    /// server serves it at that moment, since the primary moves) and whether to write.
    static func publishContext(volume: String, readOnly: Bool) -> [String: String] {
        ["exportName": volume, "readOnly": readOnly ? "true" : "false"]
    }

    public func controllerUnpublishVolume(
        _ request: Csi_V1_ControllerUnpublishVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerUnpublishVolumeResponse {
        try await answering { () throws(CSIError) in
            guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
            return try await gate.run(request.volumeID) { () throws(CSIError) in
                // A volume that is gone is unpublished everywhere.
                guard let volume = try await control.volume(request.volumeID) else {
                    return Csi_V1_ControllerUnpublishVolumeResponse()
                }
                // No node means every node.
                let nodes = request.nodeID.isEmpty ? volume.attachedNodes : [request.nodeID]
                for node in nodes {
                    var detach = Blockfence_Control_V1_DetachVolumeRequest()
                    detach.volume = volume.name
                    detach.node = node
                    _ = try await control.call("detach volume '\(volume.name)' from '\(node)'") {
                        (client, options) throws(RPCError) in try await client.detachVolume(detach, options: options)
                    }
                    context.logger.info("Unpublished a volume.", ["volume": volume.name, "node": node])
                }
                return Csi_V1_ControllerUnpublishVolumeResponse()
            }
        }
    }

    public func validateVolumeCapabilities(
        _ request: Csi_V1_ValidateVolumeCapabilitiesRequest, context: ServerContext
    ) async throws -> Csi_V1_ValidateVolumeCapabilitiesResponse {
        try await answering { () throws(CSIError) in
            guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
            guard !request.volumeCapabilities.isEmpty else { throw .missingField("volume_capabilities") }
            guard let volume = try await control.volume(request.volumeID) else {
                throw .volumeNotFound(request.volumeID)
            }
            var response = Csi_V1_ValidateVolumeCapabilitiesResponse()
            do throws(CSIError) {
                for (index, capability) in request.volumeCapabilities.enumerated() {
                    let fileSystem = try VolumeRules.check(capability, field: "volume_capabilities[\(index)]")
                    if let fileSystem, let stored = volume.parameters["fsType"], stored != fileSystem {
                        throw CSIError.unsupportedCapability("the volume is formatted \(stored), not \(fileSystem)")
                    }
                }
                _ = try VolumeRules.parameters(request.parameters)
            } catch {
                // An unsupported capability is an answer here, not an error.
                response.message = error.description
                return response
            }
            var confirmed = Csi_V1_ValidateVolumeCapabilitiesResponse.Confirmed()
            confirmed.volumeContext = request.volumeContext
            confirmed.volumeCapabilities = request.volumeCapabilities
            confirmed.parameters = request.parameters
            response.confirmed = confirmed
            return response
        }
    }

    // MARK: Listing and capacity

    public func listVolumes(
        _ request: Csi_V1_ListVolumesRequest, context: ServerContext
    ) async throws -> Csi_V1_ListVolumesResponse {
        try await answering { () throws(CSIError) in
            guard request.maxEntries >= 0 else {
                throw .invalidField(field: "max_entries", reason: "it is negative")
            }
            let after = try VolumeRules.name(fromToken: request.startingToken)
            let volumes = try await allVolumes().sorted { $0.name < $1.name }
            let start = after.map { after in volumes.firstIndex { $0.name > after } ?? volumes.count } ?? 0
            let end = request.maxEntries == 0 ? volumes.count : min(volumes.count, start + Int(request.maxEntries))
            var response = Csi_V1_ListVolumesResponse()
            for volume in volumes[start..<end] {
                var entry = Csi_V1_ListVolumesResponse.Entry()
                entry.volume = Self.csiVolume(volume)
                var status = Csi_V1_ListVolumesResponse.VolumeStatus()
                status.publishedNodeIDs = volume.attachedNodes
                status.volumeCondition = Self.condition(volume)
                entry.status = status
                response.entries.append(entry)
            }
            if end < volumes.count, end > start {
                response.nextToken = VolumeRules.pageToken(after: volumes[end - 1].name)
            }
            return response
        }
    }

    /// Every volume, page by page from the control core.
    private func allVolumes() async throws(CSIError) -> [Blockfence_Control_V1_Volume] {
        var volumes: [Blockfence_Control_V1_Volume] = []
        var request = Blockfence_Control_V1_ListVolumesRequest()
        request.pageSize = 500
        // Bounded: a control core that kept returning tokens would otherwise hold the call forever.
        for _ in 0..<10_000 {
            let page = try await control.call("list volumes") { (client, options) throws(RPCError) in
                try await client.listVolumes(request, options: options)
            }
            volumes += page.volumes
            guard !page.nextPageToken.isEmpty else { return volumes }
            request.pageToken = page.nextPageToken
        }
        throw .system(action: "list volumes", reason: "the control core returned more than 10000 pages")
    }

    /// What one more volume can get on the alive, schedulable nodes (see `VolumeRules.capacity`).
    public func getCapacity(
        _ request: Csi_V1_GetCapacityRequest, context: ServerContext
    ) async throws -> Csi_V1_GetCapacityResponse {
        try await answering { () throws(CSIError) in
            for (index, capability) in request.volumeCapabilities.enumerated() {
                try VolumeRules.check(capability, field: "volume_capabilities[\(index)]")
            }
            let parameters = try VolumeRules.parameters(request.parameters)
            let nodes = try await control.nodes().filter { $0.alive && $0.schedulable }
            let available = VolumeRules.capacity(
                room: nodes.map { ($0.name, $0.availableBytes) }, replicas: parameters.replicas ?? 2,
                on: request.accessibleTopology?.segments[VolumeRules.topologyKey])
            var response = Csi_V1_GetCapacityResponse()
            response.availableCapacity = Int64(clamping: available)
            var maximum = Google_Protobuf_Int64Value()
            maximum.value = Int64(clamping: available - available % UInt64(VolumeRules.sizeGranularityBytes))
            response.maximumVolumeSize = maximum
            var minimum = Google_Protobuf_Int64Value()
            minimum.value = VolumeRules.minimumSizeBytes
            response.minimumVolumeSize = minimum
            return response
        }
    }

    public func controllerGetCapabilities(
        _ request: Csi_V1_ControllerGetCapabilitiesRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerGetCapabilitiesResponse {
        let types: [Csi_V1_ControllerServiceCapability.RPC.TypeEnum] = [
            .createDeleteVolume, .publishUnpublishVolume, .listVolumes, .getCapacity, .expandVolume,
            .listVolumesPublishedNodes, .volumeCondition, .getVolume, .singleNodeMultiWriter,
        ]
        var response = Csi_V1_ControllerGetCapabilitiesResponse()
        response.capabilities = types.map { type in
            var rpc = Csi_V1_ControllerServiceCapability.RPC()
            rpc.type = type
            var capability = Csi_V1_ControllerServiceCapability()
            capability.type = .rpc(rpc)
            return capability
        }
        return response
    }

    // MARK: Expansion and inspection

    public func controllerExpandVolume(
        _ request: Csi_V1_ControllerExpandVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerExpandVolumeResponse {
        try await answering { () throws(CSIError) in
            guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
            guard let range = request.capacityRange, range.requiredBytes != 0 || range.limitBytes != 0 else {
                throw .missingField("capacity_range")
            }
            if let capability = request.volumeCapability {
                try VolumeRules.check(capability, field: "volume_capability")
            }
            let size = try VolumeRules.size(for: range)
            return try await gate.run(request.volumeID) { () throws(CSIError) in
                guard let volume = try await control.volume(request.volumeID) else {
                    throw .volumeNotFound(request.volumeID)
                }
                var capacity = Int64(clamping: volume.sizeBytes)
                // Volumes never shrink; one already large enough is expanded.
                if capacity < size {
                    var expand = Blockfence_Control_V1_ExpandVolumeRequest()
                    expand.volume = volume.name
                    expand.sizeBytes = UInt64(size)
                    let expanded = try await control.call("expand volume '\(volume.name)'") {
                        (client, options) throws(RPCError) in try await client.expandVolume(expand, options: options)
                    }
                    capacity = Int64(clamping: expanded.volume?.sizeBytes ?? UInt64(size))
                    context.logger.info("Expanded a volume.", ["volume": volume.name, "size_bytes": capacity])
                } else if !VolumeRules.fits(capacity, range) {
                    throw .capacityOutOfRange("the volume already has \(capacity) bytes, above limit_bytes")
                }
                var response = Csi_V1_ControllerExpandVolumeResponse()
                response.capacityBytes = capacity
                // A file system must grow on the node; a raw block device is already larger.
                if case .block? = request.volumeCapability?.accessType {
                    response.nodeExpansionRequired = false
                } else {
                    response.nodeExpansionRequired = true
                }
                return response
            }
        }
    }

    public func controllerGetVolume(
        _ request: Csi_V1_ControllerGetVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerGetVolumeResponse {
        try await answering { () throws(CSIError) in
            guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
            guard let volume = try await control.volume(request.volumeID) else {
                throw .volumeNotFound(request.volumeID)
            }
            var response = Csi_V1_ControllerGetVolumeResponse()
            response.volume = Self.csiVolume(volume)
            var status = Csi_V1_ControllerGetVolumeResponse.VolumeStatus()
            status.publishedNodeIDs = volume.attachedNodes
            status.volumeCondition = Self.condition(volume)
            response.status = status
            return response
        }
    }

    // MARK: Not offered

    public func createSnapshot(
        _ request: Csi_V1_CreateSnapshotRequest, context: ServerContext
    ) async throws -> Csi_V1_CreateSnapshotResponse {
        throw CSIError.unimplemented("CreateSnapshot").status
    }

    public func deleteSnapshot(
        _ request: Csi_V1_DeleteSnapshotRequest, context: ServerContext
    ) async throws -> Csi_V1_DeleteSnapshotResponse {
        throw CSIError.unimplemented("DeleteSnapshot").status
    }

    public func listSnapshots(
        _ request: Csi_V1_ListSnapshotsRequest, context: ServerContext
    ) async throws -> Csi_V1_ListSnapshotsResponse {
        throw CSIError.unimplemented("ListSnapshots").status
    }

    public func controllerModifyVolume(
        _ request: Csi_V1_ControllerModifyVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_ControllerModifyVolumeResponse {
        throw CSIError.unimplemented("ControllerModifyVolume").status
    }

    // MARK: Conversions

    /// A control core volume as CSI describes it.
    static func csiVolume(_ volume: Blockfence_Control_V1_Volume) -> Csi_V1_Volume {
        var result = Csi_V1_Volume()
        result.volumeID = volume.name
        result.capacityBytes = Int64(clamping: volume.sizeBytes)
        var context = ["replicas": String(volume.replicaCount)]
        if let fileSystem = volume.parameters["fsType"] { context["fsType"] = fileSystem }
        result.volumeContext = context
        result.accessibleTopology = VolumeRules.topology(replicaNodes: volume.assignment?.replicaNodes ?? [])
        return result
    }

    /// Abnormal while no primary serves, while fewer replicas are in sync than asked for, or while a
    /// node reports a problem with its replica; the message names the problems.
    static func condition(_ volume: Blockfence_Control_V1_Volume) -> Csi_V1_VolumeCondition {
        var condition = Csi_V1_VolumeCondition()
        switch volume.health {
        case .healthy:
            condition.message = "healthy: every replica is in sync"
        case .degraded:
            condition.abnormal = true
            let inSync = volume.assignment?.inSyncMembers.count ?? 0
            condition.message = "degraded: \(inSync) of \(volume.replicaCount) replicas in sync"
        case .unavailable:
            condition.abnormal = true
            condition.message = "unavailable: no in-sync replica can serve"
        default:
            condition.abnormal = true
            condition.message = "unknown: the control core has not reported the volume's health"
        }
        // What a node reports wrong with its replica (it could not create or grow it) is the reason
        // an operator needs, whatever the in-sync count says.
        let problems = volume.replicas.filter { !$0.problem.isEmpty }.map { "node \($0.nodeName): \($0.problem)" }
        if !problems.isEmpty { condition.message += "; " + problems.joined(separator: "; ") }
        return condition
    }
}
