import Testing

@testable import Scenarios

@Suite struct ScenarioParserTests {
    static let example = """
        name: example
        cluster: {servers: 3, lease-ms: 1500, network: namespaces}
        volumes:
          - {name: data, size: 64MiB, replicas: 2}
        workload: {volume: data, durability: flush, blocks: 16}
        steps:
          - start-writer
          - wait: {writes-acknowledged: 10, timeout: 5s}
          - kill: primary of data
          - partition: {server: n2, from: control}
          - heal
          - failover: {volume: data, to: n3}
          - assert: {primary-is-not: {volume: data, node: previous-primary}}
          - restart: previous primary of data
          - repeat: {times: 2, steps: [{sleep: 500ms}]}
          - stop-writer
        """

    @Test func readsEverySection() throws {
        let scenario = try ScenarioParser.parse(Self.example, defaultName: "file")
        #expect(scenario.name == "example")
        #expect(scenario.cluster.network == .namespaces)
        #expect(scenario.volumes == [VolumeSpec(name: "data", sizeBytes: 64 << 20, replicas: 2)])
        #expect(scenario.workload?.durability == .flush)
        #expect(scenario.workload?.blocks == 16)
        #expect(
            scenario.steps.map(\.action) == [
                .startWriter, .wait(.writesAcknowledged(moreThan: 10), timeoutSeconds: 5),
                .kill(.primary(volume: "data")), .partition(.server("n2"), from: .control), .heal(nil),
                .failover(volume: "data", to: "n3"),
                .assert(.primaryIsNot(volume: "data", node: .previousPrimary(volume: "data"))),
                .restart(.previousPrimary(volume: "data")),
                .repeat(times: 2, steps: [Step(action: .sleep(seconds: 0.5), line: 15)]), .stopWriter,
            ])
        #expect(scenario.steps[2].line == 9)
        #expect(scenario.needsNamespaces)
    }

    @Test(arguments: [
        ("steps: [{explode: n1}]", "line 1, column 9: unknown step 'explode'"),
        ("steps: [{kill: n9}]", "step on line 1: no server 'n9'"),
        ("steps: [{kill: somebody}]", "line 1, column 16: 'somebody' is not a process"),
        ("steps: [{kill: primary of nothing}]", "step on line 1: no volume 'nothing' exists at this step"),
        ("steps: [{sleep: soon}]", "line 1, column 17: 'soon' is not a duration"),
        ("steps: [{wait: {healthy: a, serving: a}}]", "line 1, column 16: name exactly one condition"),
        ("steps: [start-writer]", "step on line 1: there is no workload to start or stop"),
        ("cluster: {servers: 0}\nsteps: []", "line 1, column 20: servers must be a whole number from 1 to 9"),
        ("cluster: {colour: red}\nsteps: []", "line 1, column 19: unknown key 'colour' in cluster"),
        ("volumes: [{name: a, replicas: 3}]\ncluster: {servers: 2}\nsteps: []", "wants 3 replicas"),
        ("volumes: [{name: a, size: lots}]\nsteps: []", "line 1, column 27: 'lots' is not a size"),
        ("name: x", "a scenario needs steps"),
        (
            "workload: {volume: v}\nsteps: [start-writer, {create-volume: {name: v}}]",
            "step on line 2: no volume 'v' exists at this step"
        ),
        ("name: ../up\nsteps: []", "line 1, column 7: the scenario's name '../up' must be letters"),
        ("steps: [{kill: n1", "line 2, column 1"),
        ("steps: [{partition: {server: control}}]", "partition a server"),
        ("workload: {volume: nowhere}\nsteps: []", "the workload writes to 'nowhere', which no step creates"),
        ("steps: [{drain: control}]", "drain, cordon and uncordon take a server"),
        ("steps: [{cordon: n7}]", "step on line 1: no server 'n7'"),
        ("volumes: [{name: a}]\nsteps: [{rebuild: {volume: a}}]", "rebuild needs volume and node"),
        ("volumes: [{name: a}]\nsteps: [{rebuild: {volume: a, node: n1, to: n8}}]", "no server 'n8'"),
        ("volumes: [{name: a}]\nsteps: [{rebuild: {volume: a, node: me}}]", "'me' is not a server name"),
        (
            "volumes: [{name: a}]\nsteps: [{assert: {catch-up-bytes-below: {volume: a, node: n1}}}]",
            "catch-up-bytes-below needs bytes"
        ),
        (
            "volumes: [{name: a}]\nsteps: [{assert: {catch-up-bytes-below: {volume: a, node: n1, bytes: lots}}}]",
            "'lots' is not a size"
        ),
        ("volumes: [{name: a}]\nsteps: [{assert: {in-sync-members: {volume: a}}}]", "needs volume and count"),
        ("steps: [{assert: {syncing: {volume: b, node: n1}}}]", "no volume 'b' exists at this step"),
        ("steps: [{wait: {holds-no-replica: n5}}]", "no server 'n5'"),
        // What the control core would refuse, refused before a cluster starts.
        ("volumes: [{name: Data}]\nsteps: []", "line 1, column 18: the volume name 'Data' is not valid"),
        ("steps: [{create-volume: {name: -x}}]", "line 1, column 32: the volume name '-x' is not valid"),
        ("volumes: [{name: a, size: 512KiB}]\nsteps: []", "line 1, column 27: a volume's size must be at least 1 MiB"),
        ("volumes: [{name: a, size: 1000000000}]\nsteps: []", "line 1, column 27: a volume's size must be a multiple"),
        (
            "volumes: [{name: a, size: 1MiB}]\nworkload: {volume: a, block-size: 65536, blocks: 17}\nsteps: []",
            "line 2, column 11: the workload writes 17 blocks of 65536 bytes, more than the 1048576 bytes"
        ),
    ])
    func invalidScenariosAreRefusedWithWhere(text: String, message: String) {
        #expect {
            _ = try ScenarioParser.parse(text, defaultName: "bad")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func readsResyncStepsAndConditions() throws {
        let text = """
            volumes:
              - {name: data, replicas: 2}
            steps:
              - drain: primary of data
              - cordon: n3
              - uncordon: n3
              - rebuild: {volume: data, node: n2}
              - rebuild: {volume: data, node: n2, to: n3}
              - wait: {syncing: {volume: data, node: n2}, timeout: 5s}
              - assert: {caught-up-incrementally: {volume: data, node: n2}}
              - assert: {caught-up-by-full-copy: {volume: data, node: previous-primary}}
              - assert: {catch-up-bytes-below: {volume: data, node: n2, bytes: 4MiB}}
              - assert: {in-sync-members: {volume: data, count: 2}}
              - assert: {holds-no-replica: n1}
            """
        let scenario = try ScenarioParser.parse(text, defaultName: "resync")
        #expect(
            scenario.steps.map(\.action) == [
                .drain(.primary(volume: "data")), .cordon(.server("n3")), .uncordon(.server("n3")),
                .rebuild(volume: "data", node: "n2", to: nil), .rebuild(volume: "data", node: "n2", to: "n3"),
                .wait(.syncing(volume: "data", node: .named("n2")), timeoutSeconds: 5),
                .assert(.caughtUp(volume: "data", node: .named("n2"), fullCopy: false)),
                .assert(.caughtUp(volume: "data", node: .previousPrimary(volume: "data"), fullCopy: true)),
                .assert(.catchUpBytesBelow(volume: "data", node: .named("n2"), bytes: 4 << 20)),
                .assert(.inSyncMemberCount(volume: "data", count: 2)),
                .assert(.holdsNoReplica(node: .named("n1"))),
            ])
        #expect(scenario.steps[0].isFault && scenario.steps[3].isFault && !scenario.steps[1].isFault)
        #expect(!scenario.needsNamespaces)
    }

    @Test func aCatchUpIsReadFromItsPrimarysLogLine() {
        let line =
            "2026-12-04T23:01:02.345+0000 info server.replication: Member caught up. volume=v-1 member=n2 "
            + "sequence=812 full_copy=false bytes_copied=462848"
        #expect(
            CatchUpRecord.parse(line[...], volumeID: "v-1", member: "n2", primary: "n1")
                == CatchUpRecord(
                    timestamp: "2026-12-04T23:01:02.345+0000", primary: "n1", fullCopy: false, bytesCopied: 462_848))
        #expect(CatchUpRecord.parse(line[...], volumeID: "v-2", member: "n2", primary: "n1") == nil)
        #expect(CatchUpRecord.parse(line[...], volumeID: "v-1", member: "n3", primary: "n1") == nil)
        let full = line.replacing("full_copy=false", with: "full_copy=true")
        #expect(CatchUpRecord.parse(full[...], volumeID: "v-1", member: "n2", primary: "n1")?.fullCopy == true)
        #expect(
            CatchUpRecord.parse(
                "2026 info Member caught up. volume=v-1 member=n2", volumeID: "v-1", member: "n2", primary: "n1") == nil
        )
    }

    @Test func aVolumeCreatedByAStepMayBeUsedAfterIt() throws {
        let text = """
            steps:
              - create-volume: {name: late, replicas: 1}
              - wait: {healthy: late}
            """
        let scenario = try ScenarioParser.parse(text, defaultName: "late")
        #expect(scenario.name == "late")
        #expect(scenario.steps.count == 2)
        #expect(!scenario.needsNamespaces)
    }
}
