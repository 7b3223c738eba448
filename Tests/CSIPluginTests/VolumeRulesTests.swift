import CSIAPI
import ControlAPI
import Testing

@testable import CSIPlugin

struct VolumeRulesTests {
    private func range(_ required: Int64, _ limit: Int64) -> Csi_V1_CapacityRange {
        var range = Csi_V1_CapacityRange()
        range.requiredBytes = required
        range.limitBytes = limit
        return range
    }

    static let mebibyte: Int64 = 1 << 20

    static let sizeCases: [(required: Int64, limit: Int64, expected: Int64)] = [
        (0, 0, VolumeRules.defaultSizeBytes),
        (1, 0, mebibyte),
        (5 * mebibyte, 0, 5 * mebibyte),
        (5 * mebibyte + 1, 0, 5 * mebibyte + 4096),
        (5 * mebibyte + 1, 6 * mebibyte, 5 * mebibyte + 4096),
        (0, 10 * mebibyte, 10 * mebibyte),
        (0, 10 * mebibyte + 100, 10 * mebibyte),
        (0, 2048 * mebibyte, 1024 * mebibyte),
    ]

    @Test(arguments: sizeCases)
    func sizeRoundsUpToWholePagesWithinTheLimit(required: Int64, limit: Int64, expected: Int64) throws {
        #expect(try VolumeRules.size(for: range(required, limit)) == expected)
    }

    static let outOfRangeCases: [(required: Int64, limit: Int64)] = [
        (4097, 8191),
        (1, 4096),
        (10, 5),
        (VolumeRules.maximumSizeBytes + 1, 0),
    ]

    @Test(arguments: outOfRangeCases)
    func sizeIsOutOfRangeWhenNoPageMultipleFits(required: Int64, limit: Int64) {
        #expect {
            try VolumeRules.size(for: range(required, limit))
        } throws: { error in
            guard case .capacityOutOfRange = error as? CSIError else { return false }
            return true
        }
    }

    @Test func negativeSizesAreInvalid() {
        #expect(throws: CSIError.invalidField(field: "capacity_range.required_bytes", reason: "it is negative")) {
            try VolumeRules.size(for: range(-1, 0))
        }
    }

    @Test func parametersReadReplicasAndFileSystemAndIgnoreClaimMetadata() throws {
        let parameters = try VolumeRules.parameters([
            "replicas": "3", "fsType": "xfs", "csi.storage.k8s.io/pvc/name": "data",
        ])
        #expect(parameters == VolumeRules.Parameters(replicas: 3, fileSystem: "xfs"))
        #expect(parameters.stored == ["fsType": "xfs"])
    }

    @Test(arguments: [
        ["replicas": "0"], ["replicas": "4"], ["replicas": "two"], ["fsType": "btrfs"], ["replica": "2"],
    ])
    func badParametersAreInvalid(raw: [String: String]) {
        #expect {
            try VolumeRules.parameters(raw)
        } throws: { error in
            guard case .invalidField = error as? CSIError else { return false }
            return (error as? CSIError)?.status.code == .invalidArgument
        }
    }

    @Test func capabilitiesNeedATypeAndASingleNodeMode() throws {
        var capability = Csi_V1_VolumeCapability()
        #expect(throws: CSIError.missingField("c.access_type")) { try VolumeRules.check(capability, field: "c") }
        capability.accessType = .block(Csi_V1_VolumeCapability.BlockVolume())
        #expect(throws: CSIError.missingField("c.access_mode")) { try VolumeRules.check(capability, field: "c") }
        var mode = Csi_V1_VolumeCapability.AccessMode()
        mode.mode = .multiNodeMultiWriter
        capability.accessMode = mode
        #expect((try? VolumeRules.check(capability, field: "c")) == nil)
        mode.mode = .singleNodeWriter
        capability.accessMode = mode
        var mount = Csi_V1_VolumeCapability.MountVolume()
        mount.fsType = "xfs"
        capability.accessType = .mount(mount)
        #expect(try VolumeRules.check(capability, field: "c") == "xfs")
        mount.fsType = "vfat"
        capability.accessType = .mount(mount)
        #expect((try? VolumeRules.check(capability, field: "c")) == nil)
    }

    @Test func pageTokensNameTheLastVolumeOfThePageBefore() throws {
        #expect(try VolumeRules.name(fromToken: "") == nil)
        #expect(try VolumeRules.name(fromToken: VolumeRules.pageToken(after: "pvc-2")) == "pvc-2")
        for token in ["2", "+2", "00003", "-1", "after:", "pvc-2"] {
            #expect(throws: CSIError.invalidStartingToken(token)) { try VolumeRules.name(fromToken: token) }
        }
    }

    @Test func capacityNeedsTheReplicaCountOfNodesIncludingTheTopologysNode() {
        let room: [(node: String, availableBytes: UInt64)] = [("n1", 100), ("n2", 50), ("n3", 80)]
        #expect(VolumeRules.capacity(room: room, replicas: 2, on: nil) == 80)
        #expect(VolumeRules.capacity(room: room, replicas: 3, on: nil) == 50)
        #expect(VolumeRules.capacity(room: room, replicas: 1, on: "n2") == 50)
        // One replica on n2, the others on the roomiest other nodes.
        #expect(VolumeRules.capacity(room: room, replicas: 2, on: "n2") == 50)
        #expect(VolumeRules.capacity(room: room, replicas: 3, on: "n2") == 50)
        #expect(VolumeRules.capacity(room: room, replicas: 2, on: "n1") == 80)
        #expect(VolumeRules.capacity(room: room, replicas: 3, on: "n1") == 50)
        #expect(VolumeRules.capacity(room: room, replicas: 2, on: "n9") == 0)
        #expect(VolumeRules.capacity(room: Array(room.prefix(2)), replicas: 3, on: "n1") == 0)
    }

    @Test func anXFSVolumeIsAtLeastWhatMkfsXFSAccepts() throws {
        let xfs = VolumeRules.minimumXFSSizeBytes
        #expect(try VolumeRules.size(for: range(Self.mebibyte, 0), fileSystem: "xfs") == xfs)
        #expect(try VolumeRules.size(for: range(Self.mebibyte, 0), fileSystem: "ext4") == Self.mebibyte)
        #expect(try VolumeRules.size(for: range(Self.mebibyte, 0), fileSystem: nil) == Self.mebibyte)
        #expect(try VolumeRules.size(for: range(0, xfs), fileSystem: "xfs") == xfs)
        #expect(try VolumeRules.size(for: range(2 * xfs, 0), fileSystem: "xfs") == 2 * xfs)
        let error = #expect(throws: CSIError.self) {
            try VolumeRules.size(for: range(Self.mebibyte, 100 * Self.mebibyte), fileSystem: "xfs")
        }
        #expect(error?.status.code == .outOfRange)
    }

    @Test func aSocketPathMustFitASocketAddress() throws {
        let longest = "/" + String(repeating: "s", count: 106)
        #expect(try PluginServer.socketPath(endpoint: "unix://" + longest) == longest)
        #expect(throws: PluginStartError.self) { try PluginServer.socketPath(endpoint: "unix://" + longest + "s") }
    }

    @Test func statusMessagesAreBoundedWhateverTheyEcho() {
        let status = CSIError.volumeNotFound(String(repeating: "v", count: 20_000)).status
        #expect(status.code == .notFound)
        #expect(status.message.utf8.count <= 1024)
        #expect(status.message.hasPrefix("volume 'vvv"))
        #expect(CSIError.volumeNotFound("v1").status.message == "volume 'v1' does not exist")
    }
}

struct ControllerConversionTests {
    private func volume(size: UInt64, replicas: UInt32, fileSystem: String?) -> Blockfence_Control_V1_Volume {
        var volume = Blockfence_Control_V1_Volume()
        volume.name = "pvc-1"
        volume.sizeBytes = size
        volume.replicaCount = replicas
        if let fileSystem { volume.parameters["fsType"] = fileSystem }
        var assignment = Blockfence_Control_V1_Assignment()
        assignment.replicaNodes = ["n3", "n1"]
        assignment.inSyncMembers = ["n1"]
        volume.assignment = assignment
        return volume
    }

    private func request(required: Int64, limit: Int64 = 0) -> Csi_V1_CreateVolumeRequest {
        var request = Csi_V1_CreateVolumeRequest()
        request.name = "pvc-1"
        var range = Csi_V1_CapacityRange()
        range.requiredBytes = required
        range.limitBytes = limit
        request.capacityRange = range
        return request
    }

    private func requisite(_ nodes: [String]) -> Csi_V1_TopologyRequirement {
        var requirement = Csi_V1_TopologyRequirement()
        requirement.requisite = nodes.map { node in
            var topology = Csi_V1_Topology()
            topology.segments = [VolumeRules.topologyKey: node]
            return topology
        }
        return requirement
    }

    @Test func anExistingVolumeIsCompatibleOnlyWithTheSameSpecification() throws {
        let existing = volume(size: 8 << 20, replicas: 2, fileSystem: "xfs")
        let same = VolumeRules.Parameters(replicas: 2, fileSystem: "xfs")
        try ControllerService.checkCompatible(
            existing, request: request(required: 8 << 20), parameters: same, fileSystem: "xfs")
        try ControllerService.checkCompatible(
            existing, request: request(required: 8 << 20), parameters: VolumeRules.Parameters(fileSystem: "xfs"),
            fileSystem: "xfs")
        var inside = request(required: 8 << 20)
        inside.accessibilityRequirements = requisite(["n1", "n2", "n3"])
        try ControllerService.checkCompatible(existing, request: inside, parameters: same, fileSystem: "xfs")
        var outside = request(required: 8 << 20)
        outside.accessibilityRequirements = requisite(["n1", "n2"])
        let conflicts: [(Csi_V1_CreateVolumeRequest, VolumeRules.Parameters, String?)] = [
            (request(required: 16 << 20), same, "xfs"),
            (request(required: 1 << 20, limit: 4 << 20), same, "xfs"),
            (request(required: 8 << 20), VolumeRules.Parameters(replicas: 3, fileSystem: "xfs"), "xfs"),
            (request(required: 8 << 20), VolumeRules.Parameters(replicas: 2, fileSystem: "ext4"), "ext4"),
            // The same claim for a raw block device, or with another file system in its capability.
            (request(required: 8 << 20), VolumeRules.Parameters(replicas: 2), nil),
            (request(required: 8 << 20), VolumeRules.Parameters(replicas: 2), "ext4"),
            (outside, same, "xfs"),
        ]
        for (request, parameters, fileSystem) in conflicts {
            let error = #expect(throws: CSIError.self) {
                try ControllerService.checkCompatible(
                    existing, request: request, parameters: parameters, fileSystem: fileSystem)
            }
            #expect(error?.status.code == .alreadyExists)
        }
    }

    @Test func anExistingVolumeKeepsItsAccessType() throws {
        var existing = volume(size: 8 << 20, replicas: 2, fileSystem: nil)
        existing.parameters[VolumeRules.accessTypeParameter] = "block"
        let parameters = VolumeRules.Parameters(replicas: 2)
        try ControllerService.checkCompatible(
            existing, request: request(required: 8 << 20), parameters: parameters, fileSystem: nil, accessType: "block")
        let error = #expect(throws: CSIError.self) {
            try ControllerService.checkCompatible(
                existing, request: request(required: 8 << 20), parameters: parameters, fileSystem: nil,
                accessType: "mount")
        }
        #expect(error?.status.code == .alreadyExists)
        var block = Csi_V1_VolumeCapability()
        block.accessType = .block(Csi_V1_VolumeCapability.BlockVolume())
        var mount = Csi_V1_VolumeCapability()
        mount.accessType = .mount(Csi_V1_VolumeCapability.MountVolume())
        #expect(VolumeRules.accessType([block, block]) == "block")
        #expect(VolumeRules.accessType([mount]) == "mount")
        #expect(VolumeRules.accessType([block, mount]) == nil)
    }

    @Test func aVolumeIsDescribedWithItsContextAndTheNodesOfItsReplicas() {
        let described = ControllerService.csiVolume(volume(size: 8 << 20, replicas: 2, fileSystem: "xfs"))
        #expect(described.volumeID == "pvc-1")
        #expect(described.capacityBytes == 8 << 20)
        #expect(described.volumeContext == ["replicas": "2", "fsType": "xfs"])
        #expect(described.accessibleTopology.map { $0.segments[VolumeRules.topologyKey] } == ["n1", "n3"])
    }

    @Test(arguments: [
        (Blockfence_Control_V1_VolumeHealth.healthy, false, "healthy"),
        (.degraded, true, "1 of 2 replicas in sync"),
        (.unavailable, true, "unavailable"),
        (.unspecified, true, "unknown"),
    ])
    func theConditionIsAbnormalUnlessHealthy(
        health: Blockfence_Control_V1_VolumeHealth, abnormal: Bool, message: String
    ) {
        var described = volume(size: 8 << 20, replicas: 2, fileSystem: nil)
        described.health = health
        let condition = ControllerService.condition(described)
        #expect(condition.abnormal == abnormal)
        #expect(condition.message.contains(message))
    }
}

extension VolumeRulesTests {
    private func topology(_ segments: [String: String]) -> Csi_V1_Topology {
        var topology = Csi_V1_Topology()
        topology.segments = segments
        return topology
    }

    @Test func topologyRequirementsBecomeAllowedAndPreferredNodes() {
        #expect(VolumeRules.placement(nil) == ([], []))
        var requirement = Csi_V1_TopologyRequirement()
        requirement.requisite = [
            topology([VolumeRules.topologyKey: "n2"]), topology([VolumeRules.topologyKey: "n3"]),
        ]
        requirement.preferred = [topology([VolumeRules.topologyKey: "n3"])]
        #expect(VolumeRules.placement(requirement) == (["n2", "n3"], ["n3"]))
        // An entry under another key allows anywhere.
        requirement.requisite.append(topology(["topology.kubernetes.io/zone": "a"]))
        #expect(VolumeRules.placement(requirement) == ([], ["n3"]))
    }
}
