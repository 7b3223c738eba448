import ControlAPI
import Testing

@testable import OperatorCLI

struct VolumeTextTests {
    @Test("Inspect shows the assignment, lease, attachments, NBD address and every replica")
    func detail() {
        let expected = """
            Volume pg-data
              id               vol-1
              size             10 GiB (10737418240 bytes)
              health           healthy
              replicas         2 asked, 2 in sync
              parameters       fs=ext4, tier=fast
              created          2024-05-01 12:00:00 UTC
              epoch            7
              primary          node-1
              in-sync members  node-1, node-2
              lease remaining  2.5 s
              assigned         2024-05-01 12:00:01 UTC (created)
              nbd uri          nbd://127.0.0.1:10809/pg-data
              attached to      worker-1

              NODE    ROLE     STATE    NODE ALIVE  ACCEPTED EPOCH  APPLIED SEQUENCE
              node-1  primary  in_sync  yes         7               1234
              node-2  member   in_sync  yes         7               1234
            """
        #expect(VolumeText.detail(SampleCluster.healthyVolume) == expected)
    }

    @Test("A replica its node reports a problem with is named under the replicas, with the problem")
    func detailWithAProblem() {
        var volume = SampleCluster.healthyVolume
        volume.health = .degraded
        volume.replicas[1].problem = "cannot follow epoch 8: ftruncate: File too large"
        let text = VolumeText.detail(volume)
        #expect(text.hasSuffix("\n  Problem on node node-2: cannot follow epoch 8: ftruncate: File too large"))
        #expect(text.contains("health           degraded"))
    }

    @Test("A volume without an assignment says none where a primary would be")
    func detailWithoutAssignment() {
        let expected = """
            Volume scratch
              id               vol-2
              size             64 MiB (67108864 bytes)
              health           unavailable
              replicas         1 asked, 0 in sync
              parameters       none
              created          2024-05-01 12:00:00 UTC
              epoch            none
              primary          none
              in-sync members  none
              nbd uri          none (no primary serves it yet)
              attached to      none

              NODE    ROLE  STATE   NODE ALIVE  ACCEPTED EPOCH  APPLIED SEQUENCE
              node-2  none  failed  no          3               9
            """
        #expect(VolumeText.detail(SampleCluster.unavailableVolume) == expected)
    }

    @Test("An expired lease and a replica outside the in-sync set are visible")
    func expiredLeaseAndOutsider() {
        var volume = SampleCluster.healthyVolume
        volume.leaseRemainingMs = 0
        volume.replicas.append(SampleCluster.replica("node-3", .syncing, alive: true, epoch: 7, sequence: 1000))
        let text = VolumeText.detail(volume)
        #expect(text.contains("  lease remaining  expired\n"))
        #expect(text.contains("  node-3  none     syncing  yes         7               1000"))
    }

    @Test("A volume without replicas says so instead of printing an empty table")
    func noReplicas() {
        var volume = SampleCluster.healthyVolume
        volume.replicas = []
        #expect(VolumeText.detail(volume).hasSuffix("attached to      worker-1\n\n  No replicas."))
    }

    @Test("The list has one line per volume")
    func list() {
        let expected = """
            NAME     SIZE    HEALTH       EPOCH  PRIMARY  IN SYNC  ATTACHED TO
            pg-data  10 GiB  healthy      7      node-1   2/2      worker-1
            scratch  64 MiB  unavailable  none   none     0/1      none
            """
        #expect(VolumeText.list([SampleCluster.healthyVolume, SampleCluster.unavailableVolume]) == expected)
        #expect(VolumeText.list([]) == "No volumes.")
    }

    @Test("Names with control characters are printed harmlessly")
    func hostileName() {
        var volume = SampleCluster.healthyVolume
        volume.name = "x\u{1B}]0;owned\u{07}"
        #expect(VolumeText.detail(volume).hasPrefix("Volume x?]0;owned?\n"))
        #expect(VolumeText.list([volume]).contains("x?]0;owned?"))
    }
}

struct ClusterTextTests {
    let now = SampleCluster.createdAtUnixMilliseconds + 400

    @Test("Node list shows liveness, load, space, addresses and heartbeat age")
    func nodeList() {
        let expected = """
            NAME    ALIVE  SCHEDULABLE  PRIMARIES  REPLICAS  CAPACITY  AVAILABLE  NBD ADDRESS      \
            REPLICATION ADDRESS  LAST HEARTBEAT
            node-1  yes    yes          1          2         100 GiB   80 GiB     127.0.0.1:10810  \
            127.0.0.1:10820      400 ms ago
            node-2  no     yes          1          2         100 GiB   80 GiB     127.0.0.1:10810  \
            127.0.0.1:10820      1 min ago
            """
        #expect(ClusterText.nodeList(SampleCluster.status.nodes, now: now) == expected)
        #expect(ClusterText.nodeList([], now: now) == "No nodes have registered.")
    }

    @Test("Status leads with the summary, then short node and volume tables")
    func status() {
        let expected = """
            Control core 0.1.0, up 1 h 2 min.
            Highest epoch: 12.
            Nodes: 1 of 2 alive.
            Volumes: 2 (1 healthy, 0 degraded, 1 unavailable).

            NODE    ALIVE  PRIMARIES  REPLICAS  AVAILABLE  LAST HEARTBEAT
            node-1  yes    1          2         80 GiB     400 ms ago
            node-2  no     1          2         80 GiB     1 min ago

            VOLUME   SIZE    HEALTH       EPOCH  PRIMARY
            pg-data  10 GiB  healthy      7      node-1
            scratch  64 MiB  unavailable  none   none
            """
        #expect(ClusterText.status(SampleCluster.status, now: now) == expected)
    }

    @Test("Status lists the replicas being caught up after the volumes, only while there are any")
    func statusWithCatchUp() {
        var status = SampleCluster.status
        var progress = Blockfence_Control_V1_CatchUpProgress()
        progress.bytesCopied = 1 << 20
        progress.bytesTotal = 4 << 20
        progress.bytesPerSecond = 1 << 20
        progress.secondsLeft = 3
        status.volumes[0].replicas[1].catchUp = progress
        let text = ClusterText.status(status, now: now)
        let expected = """
            scratch  64 MiB  unavailable  none   none

            CATCHING UP  NODE    PROGRESS
            pg-data      node-2  1 MiB of 4 MiB (25%), 1 MiB/s, 3 s left, changes only
            """
        #expect(text.hasSuffix(expected))
    }

    @Test("An empty cluster says so in words")
    func emptyStatus() {
        let expected = """
            Control core (version unknown), up 0 ms.
            Highest epoch: 0.
            Nodes: 0 of 0 alive.
            Volumes: 0 (0 healthy, 0 degraded, 0 unavailable).

            No nodes have registered.

            No volumes.
            """
        #expect(ClusterText.status(Blockfence_Control_V1_GetStatusResponse(), now: now) == expected)
    }

    @Test("A failover shows both epochs and primaries, the hand-over and the time taken")
    func failover() {
        var response = Blockfence_Control_V1_FailoverResponse()
        var volume = SampleCluster.healthyVolume
        volume.assignment?.epoch = 8
        volume.assignment?.primaryNode = "node-2"
        response.volume = volume
        response.previousEpoch = 7
        response.previousPrimary = "node-1"
        response.handedOver = true
        response.durationMs = 212
        let expected = """
            Failed over volume pg-data.
              epoch      7 -> 8
              primary    node-1 -> node-2
              hand-over  node-1 handed over
              took       212 ms
            """
        #expect(ClusterText.failover(response) == expected)
        response.handedOver = false
        response.durationMs = 4_100
        let fallback = ClusterText.failover(response)
        #expect(fallback.contains("hand-over  node-1 did not confirm; the control core waited for its lease to expire"))
        #expect(fallback.hasSuffix("took       4.1 s"))
    }
}

struct CatchUpTextTests {
    @Test(
        "A catch-up's progress reads as bytes, a share, a rate, the time left and the kind of copy",
        arguments: [
            (1 << 20, 4 << 20, 2 << 20, 2, true, "1 MiB of 4 MiB (25%), 2 MiB/s, 2 s left, full copy"),
            (8192, 8192, 4096, 0, false, "8 KiB of 8 KiB (100%), 4 KiB/s, changes only"),
            (0, 0, 0, 0, false, "0 B of 0 B (100%), 0 B/s, changes only"),
        ] as [(UInt64, UInt64, UInt64, UInt64, Bool, String)])
    func progress(copied: UInt64, total: UInt64, rate: UInt64, left: UInt64, full: Bool, expected: String) {
        var progress = Blockfence_Control_V1_CatchUpProgress()
        progress.bytesCopied = copied
        progress.bytesTotal = total
        progress.bytesPerSecond = rate
        progress.secondsLeft = left
        progress.fullCopy = full
        #expect(VolumeText.catchUpProgress(progress) == expected)
    }

    @Test("A catch-up whose primary is not alive reads as waiting, without a rate or a time left")
    func waitingForThePrimary() {
        var volume = SampleCluster.healthyVolume
        volume.replicas[0].nodeAlive = false
        var progress = Blockfence_Control_V1_CatchUpProgress()
        progress.bytesCopied = 1 << 20
        progress.bytesTotal = 4 << 20
        progress.bytesPerSecond = 2 << 20
        progress.secondsLeft = 2
        progress.fullCopy = true
        volume.replicas[1].catchUp = progress
        let text = VolumeText.detail(volume)
        #expect(text.contains("waiting for the primary, 1 MiB of 4 MiB (25%), full copy"))
        #expect(!text.contains("MiB/s"))
        #expect(!text.contains("s left"))
    }
}

struct RebuildTextTests {
    func volume(epoch: UInt64, inSync: [String], replicas: [String]) -> Blockfence_Control_V1_Volume {
        var assignment = Blockfence_Control_V1_Assignment()
        assignment.epoch = epoch
        assignment.primaryNode = "n1"
        assignment.inSyncMembers = inSync
        assignment.replicaNodes = replicas
        var volume = Blockfence_Control_V1_Volume()
        volume.assignment = assignment
        return volume
    }

    @Test(
        "A rebuild is over when the copy is in sync at a later epoch and, moved, the old replica is gone",
        arguments: [
            (5, ["n1", "n2"], ["n1", "n2"], "", false),
            (6, ["n1"], ["n1", "n2"], "", false),
            (7, ["n1", "n2"], ["n1", "n2"], "", true),
            (6, ["n1", "n2"], ["n1", "n2", "n3"], "n3", false),
            (7, ["n1", "n2", "n3"], ["n1", "n2", "n3"], "n3", false),
            (7, ["n1", "n3"], ["n1", "n3"], "n3", true),
        ] as [(UInt64, [String], [String], String, Bool)])
    func finished(epoch: UInt64, inSync: [String], replicas: [String], target: String, expected: Bool) {
        let current = volume(epoch: epoch, inSync: inSync, replicas: replicas)
        #expect(RebuildText.isFinished(current, node: "n2", target: target, startEpoch: 5) == expected)
    }

    @Test("While it waits, the rebuild says where the copy stands")
    func progress() {
        var current = volume(epoch: 6, inSync: ["n1"], replicas: ["n1", "n2"])
        #expect(
            RebuildText.progress(current, node: "n2", target: "")
                == "Rebuilding n2's replica in place: waiting for the primary to start the copy")
        var replica = Blockfence_Control_V1_ReplicaStatus()
        replica.nodeName = "n3"
        var progress = Blockfence_Control_V1_CatchUpProgress()
        progress.bytesCopied = 1 << 20
        progress.bytesTotal = 2 << 20
        progress.bytesPerSecond = 1 << 20
        progress.secondsLeft = 1
        progress.fullCopy = true
        replica.catchUp = progress
        current.replicas = [replica]
        #expect(
            RebuildText.progress(current, node: "n2", target: "n3")
                == "Rebuilding n2's replica on n3: 1 MiB of 2 MiB (50%), 1 MiB/s, 1 s left, full copy")
    }
}
