import ControlAPI
import Testing

@testable import CSIPlugin

/// ControllerGetVolume's condition follows the control core's health and names replica problems.
@Suite struct VolumeConditionTests {
    @Test func aReplicaProblemMakesTheConditionAbnormalWithTheReason() {
        var volume = Blockfence_Control_V1_Volume()
        volume.replicaCount = 2
        volume.health = .healthy
        #expect(!ControllerService.condition(volume).abnormal)

        var replica = Blockfence_Control_V1_ReplicaStatus()
        replica.nodeName = "n2"
        replica.problem = "cannot create the replica: ftruncate: File too large"
        volume.replicas = [replica]
        volume.health = .unavailable
        let condition = ControllerService.condition(volume)
        #expect(condition.abnormal)
        #expect(condition.message.contains("node n2: cannot create the replica: ftruncate: File too large"))
    }
}
