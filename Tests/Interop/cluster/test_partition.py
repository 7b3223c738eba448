"""A primary cut off from the network, alive, with a client that can still reach it.

The primary runs in a network namespace of its own, joined to the rest by a veth pair; its client
runs in the same namespace. Cutting the pair leaves the primary unable to reach the control core
or its member, while its client still reaches it. The contract: within its lease it completes
nothing, reads included; the control core promotes the member only after that lease has
certainly ended; and when the network comes back, the old primary serves nothing and its
replication at the old epoch is refused by the member, which has accepted the newer epoch.
"""

import json
import pathlib
import subprocess
import sys
import time

from cluster_support import LEASE_MS, WriteLog, close_quietly, connect, sha256, verify_slots, wait_until

HERE = pathlib.Path(__file__).resolve().parent
SLOT_BYTES = 4096


def test_a_partitioned_primary_stops_within_its_lease_and_is_refused_when_it_returns(network_partition,
                                                                                       make_cluster):
    partition = network_partition
    cluster = make_cluster(start=False)
    cluster.start_control(listen_host=partition.host_address)
    cluster.add_node("n1", host=partition.inner_address, netns=partition.name)
    cluster.add_node("n2", host=partition.host_address)
    cluster.start_server("n1")
    cluster.start_server("n2")
    volume = cluster.create_volume("island", size_bytes=8 << 20, replicas=2)
    if volume.assignment.primary_node != "n1":
        cluster.failover("island", target="n1")
        volume = cluster.wait_serving("island", not_primary="n2")
    epoch = volume.assignment.epoch

    # The client inside the namespace reads and writes through everything that follows.
    duration = 6.5
    client_log = cluster.logs_dir / "namespace-client.jsonl"
    with open(client_log, "w") as output:
        client = subprocess.Popen(
            ["ip", "netns", "exec", partition.name, sys.executable, str(HERE / "namespace_client.py"),
             volume.nbd_uri, str(duration)], stdout=output, stderr=subprocess.STDOUT, cwd=HERE)
    try:
        def records():
            lines = client_log.read_text().splitlines()
            return [json.loads(line) for line in lines if line.startswith("{")]

        wait_until(lambda: sum(1 for record in records() if record["ok"] and record["kind"] != "connect") > 40, 10,
                   what="the namespace client to read and write")
        cut_at = time.time()
        partition.cut()

        promoted = cluster.wait_serving("island", not_primary="n1", min_epoch=epoch + 1, timeout=15)
        promoted_after = time.time() - cut_at
        # The member serves: a client on this side writes through it.
        outside = WriteLog()
        handle = connect(promoted.nbd_uri)
        try:
            for index in range(32):
                data = bytes([index + 1]) * SLOT_BYTES
                handle.pwrite(data, (64 + index) * SLOT_BYTES)
                outside.add(writer="outside", offset=(64 + index) * SLOT_BYTES, sha256=sha256(data),
                            sent=time.time(), ok=True)
        finally:
            close_quietly(handle)

        # Longer than the primary's acknowledgement timeout (3 s), so that it also gave up on its
        # member and tried, in vain, to report it.
        time.sleep(max(0.0, 3.5 - (time.time() - cut_at)))
        healed_at = time.time()
        partition.heal()
        wait_until(lambda: "No longer primary." in cluster.nodes["n1"].process.log_text(), 10,
                   what="n1 to learn it is no longer primary")
        client.wait(timeout=duration + 10)
    finally:
        if client.poll() is None:
            client.kill()
            client.wait()

    attempts = [record for record in records() if record["kind"] in ("read", "write")]
    succeeded = [record for record in attempts if record["ok"]]
    lease_end = cut_at + LEASE_MS / 1000
    summary = {}
    for kind in ("read", "write"):
        mine = [record for record in attempts if record["kind"] == kind]
        last = max((record["sent"] for record in mine if record["ok"]), default=None)
        first_failure = min((record["sent"] for record in mine if not record["ok"] and record["sent"] > cut_at),
                            default=None)
        summary[kind] = (round((last - cut_at) * 1000) if last else None,
                         round((first_failure - cut_at) * 1000) if first_failure else None)
    print(f"cut: last successful (read, write) sent {summary['read'][0]}, {summary['write'][0]} ms after the cut; "
          f"first failures {summary['read'][1]}, {summary['write'][1]} ms; member promoted after "
          f"{promoted_after:.2f} s; healed {healed_at - cut_at:.2f} s after the cut")

    # Within its lease the cut-off primary stops completing anything, reads included.
    late = [record for record in succeeded if record["sent"] > lease_end]
    assert not late, f"the cut-off primary completed requests after its lease: {late[:5]}"
    assert summary["read"][1] is not None and summary["write"][1] is not None, summary
    # It stopped before the member was promoted: the new epoch was minted after its last completion.
    minted = {row[0]: row[4] / 1000 for row in cluster.stored_assignments(volume.id)}
    assert max(record["answered"] for record in succeeded) < minted[epoch + 1] + 0.002
    assert minted[epoch + 1] > cut_at + LEASE_MS / 1000, "the member was promoted before the old lease ended"
    # Back on the network it serves nothing at the old epoch.
    after_heal = [record for record in succeeded if record["sent"] > healed_at]
    assert not after_heal, after_heal[:5]
    # (Once n1 has withdrawn the export, its client's attempts end at the handshake.)
    tried_after_heal = [record for record in records() if record["sent"] > healed_at + 0.5 and record["kind"] != "done"]
    assert tried_after_heal, "the namespace client stopped trying before the network came back"

    # Its replication at the old epoch reached the member after the heal and was refused there.
    member_log = cluster.nodes["n2"].process.log_text()
    refusals = [line for line in member_log.splitlines()
                if "Replication refused." in line and f"epoch {epoch} was superseded" in line]
    print(f"member refusals of the old primary: {refusals[:2]}")
    assert refusals, "the member never refused the old primary's stream at the old epoch"

    # Every write acknowledged, inside before the cut or outside after it, is on the new primary.
    final = cluster.wait_serving("island")
    assert final.assignment.primary_node == "n2"
    handle = connect(final.nbd_uri)
    try:
        problems = verify_slots(lambda slot: handle.pread(SLOT_BYTES, slot * SLOT_BYTES),
                                [record for record in attempts if record["kind"] == "write"] + outside.all(),
                                SLOT_BYTES)
    finally:
        close_quietly(handle)
    assert not problems, problems
