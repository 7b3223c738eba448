import ControlAPI
import Testing

@testable import OperatorCLI

struct ControlJSONTests {
    @Test("A volume is written with the control API's field names, in its order, parameters sorted")
    func volume() {
        let expected = """
            {
              "id": "vol-1",
              "name": "pg-data",
              "size_bytes": 10737418240,
              "replica_count": 2,
              "parameters": {
                "fs": "ext4",
                "tier": "fast"
              },
              "created_at_unix_ms": 1714564800000,
              "assignment": {
                "volume_id": "vol-1",
                "volume_name": "pg-data",
                "epoch": 7,
                "primary_node": "node-1",
                "in_sync_members": [
                  "node-1",
                  "node-2"
                ],
                "size_bytes": 10737418240,
                "replica_nodes": [
                  "node-1",
                  "node-2"
                ],
                "reason": "created",
                "minted_at_unix_ms": 1714564801000
              },
              "replicas": [
                {
                  "node_name": "node-1",
                  "state": "in_sync",
                  "node_alive": true,
                  "accepted_epoch": 7,
                  "applied_sequence": 1234,
                  "catch_up": null,
                  "problem": ""
                },
                {
                  "node_name": "node-2",
                  "state": "in_sync",
                  "node_alive": true,
                  "accepted_epoch": 7,
                  "applied_sequence": 1234,
                  "catch_up": null,
                  "problem": ""
                }
              ],
              "nbd_uri": "nbd://127.0.0.1:10809/pg-data",
              "health": "healthy",
              "lease_remaining_ms": 2500,
              "attached_nodes": [
                "worker-1"
              ]
            }
            """
        #expect(ControlJSON.volume(SampleCluster.healthyVolume).rendered() == expected)
    }

    @Test("Unset fields are written with their zero values, and a missing assignment as null")
    func emptyVolume() {
        guard case .object(let object) = ControlJSON.volume(Blockfence_Control_V1_Volume()) else {
            Issue.record("a volume is not an object")
            return
        }
        #expect(
            object.members.map(\.key) == [
                "id", "name", "size_bytes", "replica_count", "parameters", "created_at_unix_ms", "assignment",
                "replicas", "nbd_uri", "health", "lease_remaining_ms", "attached_nodes",
            ])
        #expect(object["assignment"] == .null)
        #expect(object["health"] == .string("unspecified"))
        #expect(object["parameters"] == .object([:]))
        #expect(object["replicas"] == .array([]))
    }

    @Test(
        "Enums are lower-case words, and numbers this command does not know say so",
        arguments: [
            (Blockfence_Control_V1_ReplicaState.syncing, "syncing"), (.inSync, "in_sync"), (.failed, "failed"),
            (.unspecified, "unspecified"), (.unrecognized(9), "unknown_9"),
        ])
    func replicaStates(state: Blockfence_Control_V1_ReplicaState, word: String) {
        #expect(state.displayName == word)
    }

    @Test(
        "Health words",
        arguments: [
            (Blockfence_Control_V1_VolumeHealth.healthy, "healthy"), (.degraded, "degraded"),
            (.unavailable, "unavailable"), (.unspecified, "unspecified"), (.unrecognized(4), "unknown_4"),
        ])
    func healthWords(health: Blockfence_Control_V1_VolumeHealth, word: String) {
        #expect(health.displayName == word)
    }

    @Test("A node is written with the control API's field names")
    func node() {
        let node = SampleCluster.node("node-1", alive: true, lastHeartbeat: 5)
        let expected = """
            {
              "name": "node-1",
              "nbd_address": "127.0.0.1:10810",
              "replication_address": "127.0.0.1:10820",
              "alive": true,
              "schedulable": true,
              "last_heartbeat_unix_ms": 5,
              "primaries": 1,
              "replicas": 2,
              "capacity_bytes": 107374182400,
              "available_bytes": 85899345920
            }
            """
        #expect(ControlJSON.node(node).rendered() == expected)
    }

    @Test("Each command's answer has its documented top-level fields")
    func topLevelFields() {
        let volume = SampleCluster.healthyVolume
        var failover = Blockfence_Control_V1_FailoverResponse()
        failover.volume = volume
        let cases: [(JSONValue, [String])] = [
            (ControlJSON.created(volume, created: true), ["volume", "created"]),
            (ControlJSON.volumeAnswer(volume), ["volume"]),
            (ControlJSON.volumeList([volume]), ["volumes"]),
            (ControlJSON.deleted(volume: "pg-data"), ["deleted_volume"]),
            (ControlJSON.detached(volume: "pg-data", node: "w1"), ["detached_volume", "node"]),
            (ControlJSON.nodeList([]), ["nodes"]),
            (
                ControlJSON.failover(failover),
                ["volume", "previous_epoch", "previous_primary", "handed_over", "duration_ms"]
            ),
            (
                ControlJSON.status(SampleCluster.status),
                ["nodes", "volumes", "epoch", "uptime_ms", "version", "summary"]
            ),
        ]
        for (value, keys) in cases {
            guard case .object(let object) = value else {
                Issue.record("not an object: \(value)")
                continue
            }
            #expect(object.members.map(\.key) == keys)
        }
    }

    @Test("The status summary counts alive nodes and volumes by health, zeros included")
    func statusSummary() {
        guard case .object(let status) = ControlJSON.status(SampleCluster.status) else {
            Issue.record("status is not an object")
            return
        }
        let expected: JSONValue = .object([
            "nodes_alive": .unsigned(1),
            "nodes_total": .unsigned(2),
            "volumes_total": .unsigned(2),
            "volumes_by_health": .object([
                "healthy": .unsigned(1), "degraded": .unsigned(0), "unavailable": .unsigned(1),
            ]),
        ])
        #expect(status["summary"] == expected)
    }

    @Test("A health the summary does not list by default is counted after the fixed three")
    func unusualHealthIsCounted() {
        var status = Blockfence_Control_V1_GetStatusResponse()
        var volume = Blockfence_Control_V1_Volume()
        volume.health = .unrecognized(7)
        status.volumes = [volume, volume, Blockfence_Control_V1_Volume()]
        let summary = ClusterSummary(status)
        #expect(
            summary.volumesByHealth.map(\.health) == ["healthy", "degraded", "unavailable", "unknown_7", "unspecified"])
        #expect(summary.volumesByHealth.map(\.count) == [0, 0, 0, 2, 1])
    }
}
