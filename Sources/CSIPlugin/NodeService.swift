import BlockfenceBase
import CSIAPI
import Foundation
import Glibc
import RPC

/// CSI Node: attaches a volume's NBD export as a kernel block device, formats it when blkid
/// finds no file system, mounts it at the staging path, and bind-mounts it into workloads.
///
/// Every call is idempotent: it compares what the stage record and the mount table say with
/// what is asked and does only what is missing. The record is written after each step that
/// changes the machine, so that unstaging after a crash or restart finds everything to undo.
public struct NodeService: Csi_V1_NodeService {
    let nodeID: String
    let records: StageRecords
    let locator: any PrimaryLocating
    let attacher: any BlockDeviceAttaching
    let tools: any FilesystemTools
    let gate: VolumeOperationGate
    /// This boot of the kernel, recorded with each device so that a record from before a reboot
    /// is not taken for a connected device.
    let bootID: String

    /// The kernel's NBD driver creates 16 devices unless told otherwise (nbds_max).
    public static let maximumVolumesPerNode: Int64 = 16

    public init(
        nodeID: String, records: StageRecords, locator: any PrimaryLocating, attacher: any BlockDeviceAttaching,
        tools: any FilesystemTools, gate: VolumeOperationGate = VolumeOperationGate(),
        bootID: String = NodeService.currentBootID()
    ) {
        self.nodeID = nodeID
        self.records = records
        self.locator = locator
        self.attacher = attacher
        self.tools = tools
        self.gate = gate
        self.bootID = bootID
    }

    /// /proc/sys/kernel/random/boot_id, which changes on every boot.
    public static func currentBootID() -> String {
        let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
        return text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// Whether a record's device may still be the one it names: recorded in this boot, or by a
    /// plugin that did not record boots.
    private func isOfThisBoot(_ record: StageRecord) -> Bool {
        record.bootID == nil || record.bootID == bootID
    }

    /// After the plugin starts: takes over every recorded device still connected, so that it is
    /// kept pointed at its primary again, and forgets the devices that are gone (after a reboot,
    /// or disconnected while no plugin ran), so that the next NodeStage attaches them afresh.
    public func resumeStagedVolumes(logger: Logger) async {
        for record in records.all() where !record.device.isEmpty {
            // Runs before the plugin serves, so no call holds the volume.
            try? await gate.run(record.volumeID) { () throws(CSIError) in
                guard var current = records.record(ofVolume: record.volumeID), !current.device.isEmpty else { return }
                let exportName = current.exportName ?? current.volumeID
                if isOfThisBoot(current),
                    await attacher.adopt(volume: current.volumeID, device: current.device, exportName: exportName)
                {
                    logger.info(
                        "Resumed supervising a staged volume.", ["volume": current.volumeID, "device": current.device])
                    return
                }
                logger.warning(
                    "A staged volume's device is gone; the next NodeStage attaches it again.",
                    ["volume": current.volumeID, "device": current.device])
                current.device = ""
                do { try records.save(current) } catch {
                    logger.error("Recording a gone device failed.", ["volume": current.volumeID, "error": error])
                }
            }
        }
    }

    // MARK: Stage and unstage

    public func nodeStageVolume(
        _ request: Csi_V1_NodeStageVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeStageVolumeResponse {
        try await answering { () throws(CSIError) in
            try await stage(request, logger: context.logger)
            return Csi_V1_NodeStageVolumeResponse()
        }
    }

    func stage(_ request: Csi_V1_NodeStageVolumeRequest, logger: Logger) async throws(CSIError) {
        guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
        guard !request.stagingTargetPath.isEmpty else { throw .missingField("staging_target_path") }
        // Paths are the host's: relative ones would depend on the plugin's working directory.
        guard request.stagingTargetPath.hasPrefix("/") else {
            throw .invalidField(field: "staging_target_path", reason: "it is not an absolute path")
        }
        guard let capability = request.volumeCapability else { throw .missingField("volume_capability") }
        let capabilityFileSystem = try VolumeRules.check(capability, field: "volume_capability")
        let stagingPath = NodePaths.canonical(request.stagingTargetPath)
        var wanted = StageRecord(
            volumeID: request.volumeID, stagingPath: stagingPath, mode: .mount,
            fileSystem: capabilityFileSystem ?? request.volumeContext["fsType"] ?? VolumeRules.defaultFileSystem,
            readOnly: VolumeRules.isReadOnly(capability) || request.publishContext["readOnly"] == "true")
        if case .block? = capability.accessType {
            wanted.mode = .block
            wanted.fileSystem = ""
        }
        // The volume context's file system comes from our own controller; anything else is not ours.
        guard wanted.mode == .block || VolumeRules.fileSystems.contains(wanted.fileSystem) else {
            throw .invalidField(field: "volume_context.fsType", reason: "'\(wanted.fileSystem)' is not ext4 or xfs")
        }
        let exportName = request.publishContext["exportName"] ?? request.volumeID

        try await gate.run(request.volumeID) { () throws(CSIError) in
            // A staging path serves one volume.
            if let other = records.record(atStagingPath: stagingPath), other.volumeID != request.volumeID {
                throw .stagingPathInUse(path: stagingPath, volume: other.volumeID)
            }
            let existing = records.record(ofVolume: request.volumeID)
            var record = existing ?? wanted
            // Staged already, but differently: the caller must unstage first.
            guard record.stagingPath == wanted.stagingPath else {
                throw .volumeExists(name: request.volumeID, reason: "staged at \(record.stagingPath)")
            }
            guard record.mode == wanted.mode, record.fileSystem == wanted.fileSystem, record.readOnly == wanted.readOnly
            else {
                throw .volumeExists(name: request.volumeID, reason: "staged with another capability")
            }
            // A recorded device is trusted only when this process supervises it or takes it over.
            if !record.device.isEmpty {
                let recordedExport = record.exportName ?? exportName
                let alive =
                    isOfThisBoot(record)
                    ? await attacher.adopt(volume: request.volumeID, device: record.device, exportName: recordedExport)
                    : false
                if !alive {
                    logger.warning(
                        "A recorded device is gone; attaching the volume again.",
                        ["volume": request.volumeID, "device": record.device])
                    record.device = ""
                    try records.save(record)
                }
            }
            if existing == nil, record.mode == .mount, await tools.isMountPoint(stagingPath) {
                // Not ours to use, nor to unmount.
                throw .foreignMount(path: stagingPath)
            }
            if record.device.isEmpty {
                // A mount this plugin left on a device that is gone would hide the new one.
                if existing != nil, record.mode == .mount, await tools.isMountPoint(record.stagingPath) {
                    try await tools.unmount(path: record.stagingPath)
                }
                let target = try await locator.target(ofVolume: exportName)
                let named = Set(records.all().filter { $0.volumeID != request.volumeID }.map(\.device))
                record.device = try await attacher.reserveDevice(volume: request.volumeID, excluding: named)
                record.exportName = exportName
                record.bootID = bootID
                // Recorded before connecting: a plugin that dies in between still finds the device.
                try records.save(record)
                do throws(CSIError) {
                    try await attacher.attach(volume: request.volumeID, device: record.device, target: target)
                } catch {
                    // A volume staged here for the first time leaves no record: it holds nothing
                    // to undo, and a record would claim the staging path for a volume not there.
                    if existing == nil {
                        try? records.remove(volume: request.volumeID)
                    } else {
                        record.device = ""
                        try? records.save(record)
                    }
                    throw error
                }
                logger.info("Attached a volume.", ["volume": request.volumeID, "device": record.device])
            }
            if record.mode == .mount, await !tools.isMountPoint(record.stagingPath) {
                try await format(record, logger: logger)
                var options = mountFlags(capability)
                if record.readOnly { options.append("ro") }
                try await tools.mount(
                    device: record.device, at: record.stagingPath, type: record.fileSystem, options: options)
                logger.info("Mounted a volume.", ["volume": request.volumeID, "path": record.stagingPath])
            }
            try records.save(record)
        }
    }

    /// Formats only a device that holds no file system: a volume staged before keeps its data,
    /// and one formatted differently is refused rather than overwritten.
    private func format(_ record: StageRecord, logger: Logger) async throws(CSIError) {
        if let found = try await tools.probe(device: record.device) {
            guard found == record.fileSystem else {
                throw .volumeExists(name: record.volumeID, reason: "formatted \(found), not \(record.fileSystem)")
            }
            return
        }
        // A read-only stage must not write, not even a new file system.
        guard !record.readOnly else {
            throw .system(action: "stage volume '\(record.volumeID)' read-only", reason: "it holds no file system")
        }
        try await tools.makeFilesystem(type: record.fileSystem, device: record.device)
        logger.info("Formatted a volume.", ["volume": record.volumeID, "file_system": record.fileSystem])
    }

    private func mountFlags(_ capability: Csi_V1_VolumeCapability) -> [String] {
        guard case .mount(let mount)? = capability.accessType else { return [] }
        return mount.mountFlags
    }

    public func nodeUnstageVolume(
        _ request: Csi_V1_NodeUnstageVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeUnstageVolumeResponse {
        try await answering { () throws(CSIError) in
            try await unstage(request, logger: context.logger)
            return Csi_V1_NodeUnstageVolumeResponse()
        }
    }

    func unstage(_ request: Csi_V1_NodeUnstageVolumeRequest, logger: Logger) async throws(CSIError) {
        guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
        guard !request.stagingTargetPath.isEmpty else { throw .missingField("staging_target_path") }
        guard request.stagingTargetPath.hasPrefix("/") else {
            throw .invalidField(field: "staging_target_path", reason: "it is not an absolute path")
        }
        let stagingPath = NodePaths.canonical(request.stagingTargetPath)
        try await gate.run(request.volumeID) { () throws(CSIError) in
            // Nothing recorded is nothing to undo: a repeated unstage succeeds.
            guard let record = records.record(ofVolume: request.volumeID) else { return }
            guard record.stagingPath == stagingPath else {
                throw .notStaged(volume: request.volumeID, stagingPath: request.stagingTargetPath)
            }
            // Workloads still use it; the orchestrator unpublishes first.
            guard record.publications.isEmpty else {
                throw .stillPublished(volume: request.volumeID, targets: record.publications.keys.sorted())
            }
            if record.mode == .mount, await tools.isMountPoint(record.stagingPath) {
                try await tools.unmount(path: record.stagingPath)
                logger.info("Unmounted a volume.", ["volume": request.volumeID, "path": record.stagingPath])
            }
            // A device recorded in another boot is gone; its number may serve something else now.
            if !record.device.isEmpty, isOfThisBoot(record) {
                try await attacher.detach(device: record.device)
                logger.info("Detached a volume.", ["volume": request.volumeID, "device": record.device])
            }
            try records.remove(volume: request.volumeID)
        }
    }

    // MARK: Publish and unpublish

    public func nodePublishVolume(
        _ request: Csi_V1_NodePublishVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_NodePublishVolumeResponse {
        try await answering { () throws(CSIError) in
            try await publish(request, logger: context.logger)
            return Csi_V1_NodePublishVolumeResponse()
        }
    }

    func publish(_ request: Csi_V1_NodePublishVolumeRequest, logger: Logger) async throws(CSIError) {
        guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
        // The plugin stages, so publishing always starts from a staged volume; the specification
        // answers a missing staging path FAILED_PRECONDITION rather than INVALID_ARGUMENT.
        guard !request.stagingTargetPath.isEmpty else { throw .stagingPathNotSet(volume: request.volumeID) }
        guard !request.targetPath.isEmpty else { throw .missingField("target_path") }
        guard request.targetPath.hasPrefix("/") else {
            throw .invalidField(field: "target_path", reason: "it is not an absolute path")
        }
        guard let capability = request.volumeCapability else { throw .missingField("volume_capability") }
        try VolumeRules.check(capability, field: "volume_capability")
        let readOnly = request.readonly || VolumeRules.isReadOnly(capability)
        let stagingPath = NodePaths.canonical(request.stagingTargetPath)
        let targetPath = NodePaths.canonical(request.targetPath)
        // Binding the staging mount onto itself would hide it, and unpublishing would unmount it.
        guard targetPath != stagingPath else {
            throw .invalidField(field: "target_path", reason: "it is the staging path")
        }

        try await gate.run(request.volumeID) { () throws(CSIError) in
            guard var record = records.record(ofVolume: request.volumeID), !record.device.isEmpty,
                record.stagingPath == stagingPath
            else {
                throw .notStaged(volume: request.volumeID, stagingPath: request.stagingTargetPath)
            }
            let isBlock: Bool
            if case .block? = capability.accessType { isBlock = true } else { isBlock = false }
            guard isBlock == (record.mode == .block) else {
                throw .volumeExists(name: request.volumeID, reason: "staged as \(record.mode.rawValue)")
            }
            let published = record.publications[targetPath]
            if let published, published != readOnly {
                throw .volumeExists(name: request.volumeID, reason: "published at \(targetPath) otherwise")
            }
            let mounted = await tools.isMountPoint(targetPath)
            // A mount the record does not name is someone else's, and unpublishing must not take it.
            if published == nil, mounted { throw .foreignMount(path: targetPath) }
            guard !mounted else { return }
            // Recorded before mounting, so that a plugin that dies in between still unmounts it.
            record.publications[targetPath] = readOnly
            try records.save(record)
            do throws(CSIError) {
                try createTarget(targetPath, isFile: isBlock)
                let source = isBlock ? record.device : record.stagingPath
                try await tools.bindMount(source: source, target: targetPath, readOnly: readOnly)
            } catch {
                if published == nil {
                    record.publications[targetPath] = nil
                    try? records.save(record)
                }
                throw error
            }
            logger.info("Published a volume.", ["volume": request.volumeID, "target": targetPath])
        }
    }

    /// A mount needs a directory at the target, a block device a file to bind over.
    private func createTarget(_ path: String, isFile: Bool) throws(CSIError) {
        let manager = FileManager.default
        do {
            if isFile {
                if !manager.fileExists(atPath: path) { _ = manager.createFile(atPath: path, contents: nil) }
            } else {
                try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
        } catch {
            throw .system(action: "create \(path)", reason: "\(error)")
        }
    }

    /// The plugin created the target, so it removes it: an empty directory or a file, never
    /// recursively. A directory with content is someone's data (a mount the table did not show,
    /// or files written while nothing was mounted), and is left alone with an error.
    private func removeTarget(_ path: String) throws(CSIError) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        let isDirectory = status.st_mode & S_IFMT == S_IFDIR
        guard (isDirectory ? rmdir(path) : unlink(path)) == 0 else {
            let error = SystemError.last(isDirectory ? "rmdir" : "unlink", subject: path)
            guard error.errno != ENOENT else { return }
            throw .system(action: "remove the publication target", reason: error.description)
        }
    }

    public func nodeUnpublishVolume(
        _ request: Csi_V1_NodeUnpublishVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeUnpublishVolumeResponse {
        try await answering { () throws(CSIError) in
            try await unpublish(request, logger: context.logger)
            return Csi_V1_NodeUnpublishVolumeResponse()
        }
    }

    func unpublish(_ request: Csi_V1_NodeUnpublishVolumeRequest, logger: Logger) async throws(CSIError) {
        guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
        guard !request.targetPath.isEmpty else { throw .missingField("target_path") }
        guard request.targetPath.hasPrefix("/") else {
            throw .invalidField(field: "target_path", reason: "it is not an absolute path")
        }
        let targetPath = NodePaths.canonical(request.targetPath)
        try await gate.run(request.volumeID) { () throws(CSIError) in
            // Only what this plugin published is unmounted and removed: a path the record does
            // not name (another volume's, or the host's) is left alone, and the repeated call
            // after a finished unpublish finds nothing to do.
            guard var record = records.record(ofVolume: request.volumeID), record.publications[targetPath] != nil
            else { return }
            if await tools.isMountPoint(targetPath) {
                try await tools.unmount(path: targetPath)
                logger.info("Unpublished a volume.", ["volume": request.volumeID, "target": targetPath])
            }
            try removeTarget(targetPath)
            record.publications[targetPath] = nil
            try records.save(record)
        }
    }

    // MARK: Expansion and statistics

    public func nodeExpandVolume(
        _ request: Csi_V1_NodeExpandVolumeRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeExpandVolumeResponse {
        try await answering { () throws(CSIError) in try await expand(request, logger: context.logger) }
    }

    func expand(
        _ request: Csi_V1_NodeExpandVolumeRequest, logger: Logger
    ) async throws(CSIError) -> Csi_V1_NodeExpandVolumeResponse {
        guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
        guard !request.volumePath.isEmpty else { throw .missingField("volume_path") }
        return try await gate.run(request.volumeID) { () throws(CSIError) in
            guard let record = records.record(ofVolume: request.volumeID), !record.device.isEmpty else {
                throw .volumeNotFound(request.volumeID)
            }
            // The kernel keeps the size it was connected with until told the new one.
            try await attacher.refreshSize(device: record.device)
            if record.mode == .mount {
                try await tools.growFilesystem(
                    type: record.fileSystem, device: record.device, mountPath: record.stagingPath)
                logger.info("Grew a file system.", ["volume": request.volumeID])
            }
            var response = Csi_V1_NodeExpandVolumeResponse()
            response.capacityBytes = try await tools.deviceSizeBytes(record.device)
            return response
        }
    }

    public func nodeGetVolumeStats(
        _ request: Csi_V1_NodeGetVolumeStatsRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeGetVolumeStatsResponse {
        try await answering { () throws(CSIError) in try await statistics(request) }
    }

    func statistics(
        _ request: Csi_V1_NodeGetVolumeStatsRequest
    ) async throws(CSIError) -> Csi_V1_NodeGetVolumeStatsResponse {
        guard !request.volumeID.isEmpty else { throw .missingField("volume_id") }
        guard !request.volumePath.isEmpty else { throw .missingField("volume_path") }
        guard request.volumePath.hasPrefix("/") else {
            throw .invalidField(field: "volume_path", reason: "it is not an absolute path")
        }
        let volumePath = NodePaths.canonical(request.volumePath)
        guard let record = records.record(ofVolume: request.volumeID), !record.device.isEmpty else {
            throw .volumeNotFound(request.volumeID)
        }
        // The path must be one of the volume's own, or the numbers would be another file system's.
        guard volumePath == record.stagingPath || record.publications[volumePath] != nil else {
            throw .volumeNotFound("\(request.volumeID) at \(request.volumePath)")
        }
        var response = Csi_V1_NodeGetVolumeStatsResponse()
        var condition = Csi_V1_VolumeCondition()
        let mounted = await tools.isMountPoint(volumePath)
        if record.mode == .block {
            var bytes = Csi_V1_VolumeUsage()
            bytes.unit = .bytes
            bytes.total = try await tools.deviceSizeBytes(record.device)
            response.usage = [bytes]
        } else if mounted {
            let statistics = try await tools.statistics(path: volumePath)
            var bytes = Csi_V1_VolumeUsage()
            bytes.unit = .bytes
            bytes.total = statistics.totalBytes
            bytes.available = statistics.availableBytes
            bytes.used = statistics.usedBytes
            var inodes = Csi_V1_VolumeUsage()
            inodes.unit = .inodes
            inodes.total = statistics.totalInodes
            inodes.available = statistics.freeInodes
            inodes.used = statistics.usedInodes
            response.usage = [bytes, inodes]
        }
        // A staged block volume is only attached: its staging path holds no mount.
        if record.mode == .block && volumePath == record.stagingPath {
            condition.message = "attached as \(record.device)"
        } else if mounted {
            condition.message = "mounted from \(record.device)"
        } else {
            condition.abnormal = true
            condition.message = "\(volumePath) is not mounted"
        }
        response.volumeCondition = condition
        return response
    }

    // MARK: Node facts

    public func nodeGetCapabilities(
        _ request: Csi_V1_NodeGetCapabilitiesRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeGetCapabilitiesResponse {
        let types: [Csi_V1_NodeServiceCapability.RPC.TypeEnum] = [
            .stageUnstageVolume, .expandVolume, .getVolumeStats, .volumeCondition,
        ]
        var response = Csi_V1_NodeGetCapabilitiesResponse()
        response.capabilities = types.map { type in
            var rpc = Csi_V1_NodeServiceCapability.RPC()
            rpc.type = type
            var capability = Csi_V1_NodeServiceCapability()
            capability.type = .rpc(rpc)
            return capability
        }
        return response
    }

    public func nodeGetInfo(
        _ request: Csi_V1_NodeGetInfoRequest, context: ServerContext
    ) async throws -> Csi_V1_NodeGetInfoResponse {
        var response = Csi_V1_NodeGetInfoResponse()
        response.nodeID = nodeID
        response.maxVolumesPerNode = Self.maximumVolumesPerNode
        var topology = Csi_V1_Topology()
        topology.segments = [VolumeRules.topologyKey: nodeID]
        response.accessibleTopology = topology
        return response
    }
}
