import BlockfenceBase
import CSIAPI
import Foundation
import Testing

@testable import CSIPlugin

/// The node side's state machine, with fakes for the kernel attach and the file system tools and
/// a real state directory.
struct NodeServiceTests {
    let stateDirectory: String
    let targetRoot: String
    let attacher = FakeAttacher()
    let tools = FakeTools()
    let logger = Logger(scope: "test", level: .error)

    init() {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("csi-node-\(UUID().uuidString)")
        stateDirectory = root.appendingPathComponent("state").path
        targetRoot = root.appendingPathComponent("targets").path
        try? FileManager.default.createDirectory(atPath: targetRoot, withIntermediateDirectories: true)
    }

    func service(attacher: FakeAttacher? = nil, bootID: String = "boot-1") throws -> NodeService {
        NodeService(
            nodeID: "n1", records: try StageRecords(stateDirectory: stateDirectory), locator: FakeLocator(),
            attacher: attacher ?? self.attacher, tools: tools, bootID: bootID)
    }

    func capability(
        block: Bool = false, fileSystem: String = "", mode: Csi_V1_VolumeCapability.AccessMode.Mode = .singleNodeWriter
    )
        -> Csi_V1_VolumeCapability
    {
        var capability = Csi_V1_VolumeCapability()
        if block {
            capability.accessType = .block(Csi_V1_VolumeCapability.BlockVolume())
        } else {
            var mount = Csi_V1_VolumeCapability.MountVolume()
            mount.fsType = fileSystem
            capability.accessType = .mount(mount)
        }
        var accessMode = Csi_V1_VolumeCapability.AccessMode()
        accessMode.mode = mode
        capability.accessMode = accessMode
        return capability
    }

    func stageRequest(_ volume: String, path: String, block: Bool = false) -> Csi_V1_NodeStageVolumeRequest {
        var request = Csi_V1_NodeStageVolumeRequest()
        request.volumeID = volume
        request.stagingTargetPath = path
        request.volumeCapability = capability(block: block)
        request.publishContext = ["exportName": volume]
        return request
    }

    func unstageRequest(_ volume: String, path: String) -> Csi_V1_NodeUnstageVolumeRequest {
        var request = Csi_V1_NodeUnstageVolumeRequest()
        request.volumeID = volume
        request.stagingTargetPath = path
        return request
    }

    func publishRequest(
        _ volume: String, staging: String, target: String, block: Bool = false
    )
        -> Csi_V1_NodePublishVolumeRequest
    {
        var request = Csi_V1_NodePublishVolumeRequest()
        request.volumeID = volume
        request.stagingTargetPath = staging
        request.targetPath = target
        request.volumeCapability = capability(block: block)
        return request
    }

    @Test func stagingFormatsOnceAndRepeatedStagesChangeNothing() async throws {
        let node = try service()
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        #expect(attacher.attachCalls == 1)
        #expect(tools.mkfsCalls == 1)
        #expect(tools.mounts == ["/staging/v1": "/dev/nbd0"])
    }

    @Test func aVolumeWithAFileSystemIsNotFormattedAgain() async throws {
        tools.state.withLock { $0.fileSystems["/dev/nbd0"] = "ext4" }
        try await service().stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        #expect(tools.mkfsCalls == 0)
    }

    @Test func aVolumeFormattedOtherwiseIsRefused() async throws {
        tools.state.withLock { $0.fileSystems["/dev/nbd0"] = "xfs" }
        await #expect(throws: CSIError.volumeExists(name: "v1", reason: "formatted xfs, not ext4")) {
            try await service().stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        }
        #expect(tools.mounts.isEmpty)
    }

    @Test func aStagingPathOfAnotherVolumeIsAFailedPrecondition() async throws {
        let node = try service()
        try await node.stage(stageRequest("v1", path: "/staging/shared"), logger: logger)
        let error = await #expect(throws: CSIError.self) {
            try await node.stage(stageRequest("v2", path: "/staging/shared"), logger: logger)
        }
        #expect(error == .stagingPathInUse(path: "/staging/shared", volume: "v1"))
        #expect(error?.status.code == .failedPrecondition)
        #expect(attacher.attachCalls == 1)
    }

    @Test func stagingTheSameVolumeElsewhereIsAlreadyExists() async throws {
        let node = try service()
        try await node.stage(stageRequest("v1", path: "/staging/a"), logger: logger)
        let error = await #expect(throws: CSIError.self) {
            try await node.stage(stageRequest("v1", path: "/staging/b"), logger: logger)
        }
        #expect(error?.status.code == .alreadyExists)
    }

    @Test func unstagingUndoesEverythingAndRepeatsHarmlessly() async throws {
        let node = try service()
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        try await node.unstage(unstageRequest("v1", path: "/staging/v1"), logger: logger)
        try await node.unstage(unstageRequest("v1", path: "/staging/v1"), logger: logger)
        #expect(tools.mounts.isEmpty)
        #expect(attacher.connected.isEmpty)
        #expect(attacher.detachCalls == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: stateDirectory + "/staged")
        #expect(files.isEmpty)
    }

    @Test func aRestartedPluginStillUnstagesWhatItStaged() async throws {
        try await service().stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        let restarted = try service()
        #expect(restarted.records.record(ofVolume: "v1")?.device == "/dev/nbd0")
        try await restarted.unstage(unstageRequest("v1", path: "/staging/v1"), logger: logger)
        #expect(tools.mounts.isEmpty)
        #expect(attacher.connected.isEmpty)
    }

    @Test func aRestartAfterAttachingFinishesTheStageWithoutAttachingAgain() async throws {
        // The plugin died after recording the device and before mounting.
        var record = StageRecord(
            volumeID: "v1", stagingPath: "/staging/v1", mode: .mount, fileSystem: "ext4", readOnly: false)
        record.device = "/dev/nbd7"
        record.exportName = "v1"
        record.bootID = "boot-1"
        try StageRecords(stateDirectory: stateDirectory).save(record)
        attacher.state.withLock { $0.connected["/dev/nbd7"] = "v1" }
        try await service().stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        #expect(attacher.attachCalls == 0)
        #expect(attacher.supervised == ["/dev/nbd7"])
        #expect(tools.mounts == ["/staging/v1": "/dev/nbd7"])
    }

    @Test func theDeviceIsRecordedBeforeItIsConnected() async throws {
        let node = try service()
        attacher.holdAttach()
        let stage = Task { try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger) }
        for _ in 0..<5_000 where !attacher.attachStarted { try await Task.sleep(for: .milliseconds(1)) }
        try #require(attacher.attachStarted)
        // What a plugin dying now would leave: a record naming the device it was connecting.
        let onDisk = try StageRecords(stateDirectory: stateDirectory).record(ofVolume: "v1")
        #expect(onDisk?.device == "/dev/nbd0")
        #expect(onDisk?.bootID == "boot-1")
        attacher.release()
        try await stage.value
        // The restarted plugin unstages it: the device it names is disconnected.
        try await service(attacher: attacher.restarted()).unstage(
            unstageRequest("v1", path: "/staging/v1"), logger: logger)
    }

    @Test func aRecordFromAnotherBootIsNotTrustedNorDetached() async throws {
        try await service().stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        // The node rebooted: mounts are gone, and /dev/nbd0 now serves something else.
        let rebooted = attacher.restarted()
        rebooted.disconnectAll()
        rebooted.state.withLock { $0.connected["/dev/nbd0"] = "other" }
        tools.state.withLock { $0.mounts = [:] }
        let node = try service(attacher: rebooted, bootID: "boot-2")
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        #expect(rebooted.connected == ["/dev/nbd0": "other", "/dev/nbd1": "v1"])
        #expect(tools.mounts == ["/staging/v1": "/dev/nbd1"])
        #expect(node.records.record(ofVolume: "v1")?.bootID == "boot-2")
    }

    @Test func aStaleRecordFromAnotherBootIsUnstagedWithoutDetachingItsDevice() async throws {
        try await service().stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        let rebooted = attacher.restarted()
        rebooted.state.withLock { $0.connected = ["/dev/nbd0": "other"] }
        tools.state.withLock { $0.mounts = [:] }
        try await service(attacher: rebooted, bootID: "boot-2").unstage(
            unstageRequest("v1", path: "/staging/v1"), logger: logger)
        #expect(rebooted.connected == ["/dev/nbd0": "other"])
        #expect(rebooted.detachCalls == 0)
    }

    @Test func aRestartedPluginResumesConnectedDevicesAndForgetsGoneOnes() async throws {
        let first = try service()
        try await first.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        try await first.stage(stageRequest("v2", path: "/staging/v2", block: true), logger: logger)
        let restarted = attacher.restarted()
        // v2's device was disconnected while no plugin ran.
        restarted.state.withLock { $0.connected["/dev/nbd1"] = nil }
        let node = try service(attacher: restarted)
        await node.resumeStagedVolumes(logger: logger)
        #expect(restarted.supervised == ["/dev/nbd0"])
        #expect(node.records.record(ofVolume: "v1")?.device == "/dev/nbd0")
        #expect(node.records.record(ofVolume: "v2")?.device == "")
        // The next stage of v2 attaches it again; v1's is not attached twice.
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        try await node.stage(stageRequest("v2", path: "/staging/v2", block: true), logger: logger)
        #expect(restarted.attachCalls == 3)
        #expect(node.records.record(ofVolume: "v2")?.device == "/dev/nbd2")
    }

    @Test func aConcurrentOperationOnTheSameVolumeIsAborted() async throws {
        let node = try service()
        attacher.holdAttach()
        let first = Task { try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger) }
        // Bounded, so that a stage failing before it attaches fails the test instead of hanging it.
        for _ in 0..<5_000 where !attacher.attachStarted { try await Task.sleep(for: .milliseconds(1)) }
        try #require(attacher.attachStarted)
        let error = await #expect(throws: CSIError.self) {
            try await node.unstage(unstageRequest("v1", path: "/staging/v1"), logger: logger)
        }
        #expect(error?.status.code == .aborted)
        // Another volume is not held up.
        try await node.unstage(unstageRequest("v2", path: "/staging/v2"), logger: logger)
        attacher.release()
        try await first.value
        #expect(tools.mounts == ["/staging/v1": "/dev/nbd0"])
    }

    @Test func publishingBindMountsTheStagedVolumeAndUnpublishingRemovesTheTarget() async throws {
        let node = try service()
        let target = targetRoot + "/pod-a"
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        try await node.publish(publishRequest("v1", staging: "/staging/v1", target: target), logger: logger)
        try await node.publish(publishRequest("v1", staging: "/staging/v1", target: target), logger: logger)
        #expect(tools.mounts[target] == "/staging/v1")
        await #expect(throws: CSIError.stillPublished(volume: "v1", targets: [target])) {
            try await node.unstage(unstageRequest("v1", path: "/staging/v1"), logger: logger)
        }
        var unpublish = Csi_V1_NodeUnpublishVolumeRequest()
        unpublish.volumeID = "v1"
        unpublish.targetPath = target
        try await node.unpublish(unpublish, logger: logger)
        try await node.unpublish(unpublish, logger: logger)
        #expect(tools.mounts[target] == nil)
        #expect(!FileManager.default.fileExists(atPath: target))
        try await node.unstage(unstageRequest("v1", path: "/staging/v1"), logger: logger)
    }

    @Test func aBlockVolumeIsPublishedAsTheDeviceOnAFile() async throws {
        let node = try service()
        let target = targetRoot + "/block-device"
        try await node.stage(stageRequest("v1", path: "/staging/v1", block: true), logger: logger)
        #expect(tools.mkfsCalls == 0)
        #expect(tools.mounts.isEmpty)
        try await node.publish(
            publishRequest("v1", staging: "/staging/v1", target: target, block: true), logger: logger)
        #expect(tools.mounts[target] == "/dev/nbd0")
        var isDirectory: ObjCBool = true
        #expect(FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && !isDirectory.boolValue)
    }

    @Test func publishingWithoutAStagingPathIsAFailedPrecondition() async throws {
        let error = await #expect(throws: CSIError.self) {
            try await service().publish(publishRequest("v1", staging: "", target: targetRoot + "/x"), logger: logger)
        }
        #expect(error == .stagingPathNotSet(volume: "v1"))
        #expect(error?.status.code == .failedPrecondition)
    }

    @Test func publishingAVolumeThatIsNotStagedIsAFailedPrecondition() async throws {
        let error = await #expect(throws: CSIError.self) {
            try await service().publish(
                publishRequest("v1", staging: "/staging/v1", target: targetRoot + "/x"), logger: logger)
        }
        #expect(error?.status.code == .failedPrecondition)
    }

    @Test(arguments: [
        ("", "/staging/v1", "volume_id"), ("v1", "", "staging_target_path"),
    ])
    func missingStageFieldsAreNamed(volume: String, path: String, field: String) async throws {
        await #expect(throws: CSIError.missingField(field)) {
            try await service().stage(stageRequest(volume, path: path), logger: logger)
        }
    }

    @Test func aStageWithoutCapabilityIsInvalid() async throws {
        var request = stageRequest("v1", path: "/staging/v1")
        request.volumeCapability = nil
        await #expect(throws: CSIError.missingField("volume_capability")) {
            try await service().stage(request, logger: logger)
        }
        #expect(attacher.attachCalls == 0)
    }
}

extension NodeServiceTests {
    func statisticsRequest(_ volume: String, path: String) -> Csi_V1_NodeGetVolumeStatsRequest {
        var request = Csi_V1_NodeGetVolumeStatsRequest()
        request.volumeID = volume
        request.volumePath = path
        return request
    }

    @Test func statisticsReportBytesAndInodesOfAMountedVolume() async throws {
        let node = try service()
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        let answer = try await node.statistics(statisticsRequest("v1", path: "/staging/v1"))
        #expect(answer.usage.map(\.unit) == [.bytes, .inodes])
        #expect(answer.usage.map(\.total) == [100, 10])
        #expect(answer.usage.map(\.used) == [40, 3])
        #expect(answer.volumeCondition?.abnormal == false)

        // The mount vanished under the plugin: the volume is abnormal, with the reason.
        try await tools.unmount(path: "/staging/v1")
        let unmounted = try await node.statistics(statisticsRequest("v1", path: "/staging/v1"))
        #expect(unmounted.volumeCondition?.abnormal == true)
        #expect(unmounted.volumeCondition?.message.contains("not mounted") == true)
    }

    @Test func statisticsOfABlockVolumeAreTheDeviceSize() async throws {
        let node = try service()
        try await node.stage(stageRequest("v1", path: "/staging/v1", block: true), logger: logger)
        let answer = try await node.statistics(statisticsRequest("v1", path: "/staging/v1"))
        #expect(answer.usage.map(\.unit) == [.bytes])
        #expect(answer.usage.first?.total == 1 << 30)
        #expect(answer.volumeCondition?.abnormal == false)
    }

    @Test func statisticsOfUnknownVolumesOrForeignPathsAreNotFound() async throws {
        let node = try service()
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        for (volume, path) in [("v2", "/staging/v1"), ("v1", "/somewhere/else")] {
            let error = await #expect(throws: CSIError.self) {
                try await node.statistics(statisticsRequest(volume, path: path))
            }
            #expect(error?.status.code == .notFound)
        }
    }

    @Test func expansionGrowsTheFileSystemOfAStagedVolumeOnly() async throws {
        let node = try service()
        var request = Csi_V1_NodeExpandVolumeRequest()
        request.volumeID = "v1"
        request.volumePath = "/staging/v1"
        await #expect(throws: CSIError.volumeNotFound("v1")) { try await node.expand(request, logger: logger) }
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        #expect(try await node.expand(request, logger: logger).capacityBytes == 1 << 30)
        #expect(attacher.refreshCalls == 1)
    }

    @Test func unpublishingNeverDeletesATargetThatHoldsFiles() async throws {
        let node = try service()
        let target = targetRoot + "/holds-data"
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        try await node.publish(publishRequest("v1", staging: "/staging/v1", target: target), logger: logger)
        // The bind mount went away behind the plugin's back and files were written underneath.
        tools.state.withLock { $0.mounts[target] = nil }
        try #require(FileManager.default.createFile(atPath: target + "/precious", contents: Data("data".utf8)))
        var unpublish = Csi_V1_NodeUnpublishVolumeRequest()
        unpublish.volumeID = "v1"
        unpublish.targetPath = target
        let error = await #expect(throws: CSIError.self) { try await node.unpublish(unpublish, logger: logger) }
        #expect(error?.status.code == .internal)
        #expect(FileManager.default.fileExists(atPath: target + "/precious"))
    }
}
