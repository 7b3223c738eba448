"""Taking a node out of service with `blockfence node drain` while a volume is written.

The contract: a drain cordons the node, moves every primary on it away with a planned hand-over,
and rebuilds every replica on it elsewhere; the old replica stays in sync until the new one is,
so no acknowledged write depends on the drained node at any moment. When something has nowhere
to go, nothing changes. A drain again is harmless.

A drain that lost a write would show as an acknowledged write missing on the new primary; one
that left a replica behind, as a node that still lists it or still holds its files.
"""

import json

from cluster_support import WriteLog, wait_until
from test_resync import fill, operator, start_writers, stop_writers, verify_on

VOLUME_BYTES = 128 << 20


def test_drain_moves_primaries_and_replicas_off_a_node_under_writes(cluster):
    volume = cluster.create_volume("drained", size_bytes=VOLUME_BYTES, replicas=2)
    drained = volume.assignment.primary_node
    filled = fill(volume.nbd_uri, "drained")
    log = WriteLog()
    writers = start_writers(volume.nbd_uri, log, "d")
    wait_until(lambda: len(log.acknowledged()) > 200, 20, what="writes to flow")

    result = operator(cluster, "node", "drain", drained, "--timeout", "60", "--output", "json")
    assert result.returncode == 0, result
    answer = json.loads(result.stdout)
    assert answer["node"]["schedulable"] is False
    assert answer["node"]["replicas"] == 0
    (move,) = answer["moves"]
    assert move["volume"] == "drained"
    assert move["new_primary"] and move["new_primary"] != drained
    assert move["target_node"] != drained
    wait_until(lambda: not (cluster.nodes[drained].data_dir / "volumes" / volume.id).exists(), 20,
               what=f"{drained} to delete its replica")

    # The writers reconnect to nobody: their connection to the old primary ended with the
    # hand-over. Writes acknowledged before that, and the filled region, are on the new replicas.
    for writer in writers:
        writer.stop_event.set()
    for writer in writers:
        writer.join(timeout=30)
    current = cluster.get_volume("drained")
    assert drained not in current.assignment.replica_nodes
    assert sorted(current.assignment.in_sync_members) == sorted(current.assignment.replica_nodes)
    new_log = WriteLog()
    more = start_writers(cluster.wait_serving("drained").nbd_uri, new_log, "e")
    wait_until(lambda: len(new_log.acknowledged()) > 200, 20, what="writes to the new primary")
    stop_writers(more)
    other = next(name for name in current.assignment.in_sync_members if name != current.assignment.primary_node)
    entries = log.all() + new_log.all()
    merged = WriteLog()
    for entry in sorted(entries, key=lambda item: item["sent"]):
        merged.add(**entry)
    verify_on(cluster, "drained", other, merged, filled)

    again = operator(cluster, "node", "drain", drained, "--output", "json")
    assert again.returncode == 0, again
    assert json.loads(again.stdout)["moves"] == []

    # Two nodes are left schedulable and the volume is on both: nowhere to go.
    remaining = current.assignment.replica_nodes[0]
    refused = operator(cluster, "node", "drain", remaining)
    assert refused.returncode == 4, refused
    assert "no alive, schedulable node without a replica of it" in refused.stderr
    nodes = {node["name"]: node for node in json.loads(operator(cluster, "node", "list", "--output", "json")
                                                         .stdout)["nodes"]}
    assert nodes[remaining]["schedulable"] is True

    uncordoned = operator(cluster, "node", "uncordon", drained, "--output", "json")
    assert uncordoned.returncode == 0, uncordoned
    assert json.loads(uncordoned.stdout)["node"]["schedulable"] is True
