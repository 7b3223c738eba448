import BlockfenceBase
import CSIAPI
import Foundation
import Testing

@testable import CSIPlugin

/// The node side touches only what its records say it made, and knows a path however the
/// caller spells it.
extension NodeServiceTests {
    func unpublishRequest(_ volume: String, target: String) -> Csi_V1_NodeUnpublishVolumeRequest {
        var request = Csi_V1_NodeUnpublishVolumeRequest()
        request.volumeID = volume
        request.targetPath = target
        return request
    }

    func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @Test func unpublishingAnUnknownVolumeLeavesTheTargetAlone() async throws {
        let foreign = targetRoot + "/host-tmpfs"
        try makeDirectory(foreign)
        tools.state.withLock { $0.mounts[foreign] = "tmpfs" }
        try await service().unpublish(unpublishRequest("unknown", target: foreign), logger: logger)
        #expect(tools.mounts[foreign] == "tmpfs")
        #expect(FileManager.default.fileExists(atPath: foreign))
    }

    @Test func unpublishingAPathTheVolumeWasNotPublishedAtLeavesItAlone() async throws {
        let node = try service()
        let foreign = targetRoot + "/other"
        try makeDirectory(foreign)
        tools.state.withLock { $0.mounts[foreign] = "tmpfs" }
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        try await node.publish(
            publishRequest("v1", staging: "/staging/v1", target: targetRoot + "/pod"), logger: logger)
        try await node.unpublish(unpublishRequest("v1", target: foreign), logger: logger)
        #expect(tools.mounts[foreign] == "tmpfs")
        #expect(FileManager.default.fileExists(atPath: foreign))
        #expect(tools.mounts[targetRoot + "/pod"] == "/staging/v1")
    }

    @Test func aRelativeTargetIsRefusedByUnpublish() async throws {
        await #expect(throws: CSIError.invalidField(field: "target_path", reason: "it is not an absolute path")) {
            try await service().unpublish(unpublishRequest("v1", target: "relative/dir"), logger: logger)
        }
    }

    @Test func aMountThePluginDidNotMakeIsNeitherStagedOverNorPublishedOver() async throws {
        let node = try service()
        let staging = targetRoot + "/mounted-staging"
        let target = targetRoot + "/mounted-target"
        tools.state.withLock {
            $0.mounts[staging] = "tmpfs"
            $0.mounts[target] = "tmpfs"
        }
        await #expect(throws: CSIError.foreignMount(path: staging)) {
            try await node.stage(stageRequest("v1", path: staging), logger: logger)
        }
        #expect(attacher.attachCalls == 0)
        #expect(node.records.record(ofVolume: "v1") == nil)
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        await #expect(throws: CSIError.foreignMount(path: target)) {
            try await node.publish(publishRequest("v1", staging: "/staging/v1", target: target), logger: logger)
        }
        try await node.unpublish(unpublishRequest("v1", target: target), logger: logger)
        #expect(tools.mounts[target] == "tmpfs")
    }

    @Test func publishingOntoTheStagingPathIsRefused() async throws {
        let node = try service()
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        await #expect(throws: CSIError.invalidField(field: "target_path", reason: "it is the staging path")) {
            try await node.publish(publishRequest("v1", staging: "/staging/v1", target: "/staging/v1/"), logger: logger)
        }
    }

    @Test func stagingPathsSpelledOtherwiseAreTheSamePath() async throws {
        let node = try service()
        let staging = targetRoot + "/stg"
        try makeDirectory(targetRoot + "/x")
        try FileManager.default.createSymbolicLink(atPath: targetRoot + "/link", withDestinationPath: targetRoot)
        try await node.stage(stageRequest("v1", path: staging), logger: logger)
        for spelling in [targetRoot + "/x/../stg", staging + "/", targetRoot + "/link/stg", targetRoot + "/./stg"] {
            try await node.stage(stageRequest("v1", path: spelling), logger: logger)
            let error = await #expect(throws: CSIError.self) {
                try await node.stage(stageRequest("v2", path: spelling), logger: logger)
            }
            #expect(error?.status.code == .failedPrecondition)
        }
        #expect(tools.mkfsCalls == 1)
        #expect(attacher.attachCalls == 1)
        #expect(tools.mounts.count == 1)
        try await node.unstage(unstageRequest("v1", path: targetRoot + "/link/x/../stg/"), logger: logger)
        #expect(tools.mounts.isEmpty)
        #expect(attacher.connected.isEmpty)
        #expect(node.records.all().isEmpty)
    }

    @Test func targetPathsSpelledOtherwiseAreTheSamePath() async throws {
        let node = try service()
        try FileManager.default.createSymbolicLink(atPath: targetRoot + "/link", withDestinationPath: targetRoot)
        let target = targetRoot + "/pod"
        try await node.stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        try await node.publish(publishRequest("v1", staging: "/staging/v1", target: target), logger: logger)
        try await node.publish(
            publishRequest("v1", staging: "/staging/v1/", target: targetRoot + "/link/pod/"), logger: logger)
        #expect(tools.mounts.count == 2)
        var statistics = Csi_V1_NodeGetVolumeStatsRequest()
        statistics.volumeID = "v1"
        statistics.volumePath = targetRoot + "/link/./pod"
        let answer = try await node.statistics(statistics)
        #expect(answer.volumeCondition?.abnormal == false)
        try await node.unpublish(unpublishRequest("v1", target: targetRoot + "/link/pod/"), logger: logger)
        #expect(tools.mounts[target] == nil)
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(node.records.record(ofVolume: "v1")?.publications.isEmpty == true)
    }

    @Test func aFailedFirstAttachLeavesNoRecordClaimingTheStagingPath() async throws {
        let node = try service()
        attacher.state.withLock { $0.failAttach = true }
        await #expect(throws: CSIError.self) {
            try await node.stage(stageRequest("v1", path: "/staging/a"), logger: logger)
        }
        #expect(node.records.record(ofVolume: "v1") == nil)
        #expect(try service().records.all().isEmpty)
        attacher.state.withLock { $0.failAttach = false }
        try await node.stage(stageRequest("v1", path: "/staging/b"), logger: logger)
        try await node.stage(stageRequest("v2", path: "/staging/a"), logger: logger)
    }

    @Test func anUnreadableStageRecordIsNamedAndTheOthersAreServed() async throws {
        try await service().stage(stageRequest("v1", path: "/staging/v1"), logger: logger)
        let broken = stateDirectory + "/staged/broken-0.json"
        try Data().write(to: URL(fileURLWithPath: broken))
        let records = try StageRecords(stateDirectory: stateDirectory)
        #expect(records.unreadable.map(\.path) == [broken])
        #expect(records.record(ofVolume: "v1")?.device == "/dev/nbd0")
        #expect(FileManager.default.fileExists(atPath: broken))
    }
}
