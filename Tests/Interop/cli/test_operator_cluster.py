"""`blockfence node list`, `failover` and `status` against the fake control core."""

import re

from cli_samples import node_json, unavailable_volume_json, volume_json
from cli_support import AGO, lines_of


# node list


def test_node_list_shows_liveness_load_space_addresses_and_heartbeat(run_cli, fake_control):
    result = run_cli("node", "list")
    assert result.returncode == 0, result
    assert fake_control.methods_called() == ["ListNodes"]
    lines = lines_of(result.stdout)
    assert lines[0] == ("NAME  ALIVE  SCHEDULABLE  PRIMARIES  REPLICAS  CAPACITY  AVAILABLE  NBD ADDRESS  "
                        "REPLICATION ADDRESS  LAST HEARTBEAT")
    assert re.fullmatch(r"node-1  yes  yes  2  3  100 GiB  80 GiB  127\.0\.0\.1:10810  127\.0\.0\.1:10820  " + AGO,
                        lines[1]), result
    assert re.fullmatch(r"node-2  no  no  0  2  50 GiB  10 GiB  127\.0\.0\.1:10811  127\.0\.0\.1:10821  " + AGO,
                        lines[2]), result


def test_node_list_json(run_cli, fake_control, pb2):
    nodes = fake_control.samples.nodes(now=1_714_564_800_000)
    fake_control.respond("ListNodes", pb2.ListNodesResponse(nodes=nodes))
    assert run_cli("node", "list", "--output", "json").json() == {"nodes": [node_json(node) for node in nodes]}


def test_node_list_of_nothing(run_cli, fake_control, pb2):
    fake_control.respond("ListNodes", pb2.ListNodesResponse())
    assert run_cli("node", "list").stdout == "No nodes have registered.\n"
    assert run_cli("node", "list", "--output", "json").json() == {"nodes": []}


# failover


def test_failover_lets_the_control_core_choose_without_to(run_cli, fake_control):
    result = run_cli("failover", "pg-data")
    assert result.returncode == 0, result
    [request] = fake_control.requests("Failover")
    assert (request.volume, request.target_node) == ("pg-data", "")


def test_failover_to_a_node_prints_epochs_primaries_hand_over_and_time(run_cli, fake_control):
    result = run_cli("failover", "pg-data", "--to", "node-2")
    assert result.returncode == 0, result
    [request] = fake_control.requests("Failover")
    assert request.target_node == "node-2"
    assert lines_of(result.stdout) == [
        "Failed over volume pg-data.",
        "epoch  7 -> 8",
        "primary  node-1 -> node-2",
        "hand-over  node-1 handed over",
        "took  212 ms",
    ]


def test_failover_without_hand_over_says_the_control_core_waited_for_the_lease(run_cli, fake_control):
    fake_control.respond("Failover", fake_control.samples.failover(handed_over=False))
    lines = lines_of(run_cli("failover", "pg-data").stdout)
    assert "hand-over  node-1 did not confirm; the control core waited for its lease to expire" in lines
    assert "took  4.1 s" in lines


def test_failover_json(run_cli):
    assert run_cli("failover", "pg-data", "--to", "node-2", "--output", "json").json() == {
        "volume": volume_json(epoch=8, primary="node-2"),
        "previous_epoch": 7,
        "previous_primary": "node-1",
        "handed_over": True,
        "duration_ms": 212,
    }


# status


def test_status_summarizes_then_lists_nodes_and_volumes(run_cli, fake_control):
    result = run_cli("status")
    assert result.returncode == 0, result
    assert fake_control.methods_called() == ["GetStatus"]
    lines = lines_of(result.stdout)
    assert lines[:5] == [
        "Control core 0.1.0-test, up 1 h 2 min.",
        "Highest epoch: 12.",
        "Nodes: 1 of 2 alive.",
        "Volumes: 3 (1 healthy, 1 degraded, 1 unavailable).",
        "",
    ]
    assert lines[5] == "NODE  ALIVE  PRIMARIES  REPLICAS  AVAILABLE  LAST HEARTBEAT"
    assert re.fullmatch(r"node-1  yes  2  3  80 GiB  " + AGO, lines[6]), result
    assert re.fullmatch(r"node-2  no  0  2  10 GiB  " + AGO, lines[7]), result
    assert lines[8:] == [
        "",
        "VOLUME  SIZE  HEALTH  EPOCH  PRIMARY",
        "pg-data  10 GiB  healthy  7  node-1",
        "logs  10 GiB  degraded  9  node-1",
        "scratch  64 MiB  unavailable  none  none",
    ]


def test_status_json(run_cli, fake_control, pb2):
    status = fake_control.samples.status()
    fake_control.respond("GetStatus", status)
    document = run_cli("status", "--output", "json").json()
    logs = volume_json(name="logs", epoch=9)
    logs.update(id="vol-3", health="degraded", attached_nodes=[])
    logs["assignment"].update(volume_id="vol-3", in_sync_members=["node-1"])
    logs["replicas"][1]["state"] = "syncing"
    assert document == {
        "nodes": [node_json(node) for node in status.nodes],
        "volumes": [volume_json(), logs, unavailable_volume_json()],
        "epoch": 12,
        "uptime_ms": 3_723_000,
        "version": "0.1.0-test",
        "summary": {
            "nodes_alive": 1,
            "nodes_total": 2,
            "volumes_total": 3,
            "volumes_by_health": {"healthy": 1, "degraded": 1, "unavailable": 1},
        },
    }


def test_status_of_an_empty_cluster(run_cli, fake_control, pb2):
    fake_control.respond("GetStatus", pb2.GetStatusResponse(uptime_ms=850, version="0.1.0"))
    assert run_cli("status").stdout == (
        "Control core 0.1.0, up 850 ms.\nHighest epoch: 0.\nNodes: 0 of 0 alive.\n"
        "Volumes: 0 (0 healthy, 0 degraded, 0 unavailable).\n\nNo nodes have registered.\n\nNo volumes.\n")
