"""A replica restarted (SIGKILL, then the same data directory) still refuses a primary of an epoch
older than the one it accepted before the restart: the accepted epoch is durable.

The construction, with two servers A and B holding the volume and A primary:
1. data D0 is written through A;
2. B is frozen (SIGSTOP) and a Failover names B: A hands over, and the control core mints epoch
   e1 with B as primary. B hears nothing: the assignment waits in its Watch stream;
3. B's lease ends, so the control core mints e2 with A as primary again; A accepts e2 and serves;
4. data D1 is written through A over the same places as D0;
5. the control core is frozen, so that nothing can tell A the current epoch after a restart;
6. A is killed and restarted on its data directory: all it knows is what it wrote to disk;
7. B is thawed. It reads e1 from its Watch stream, believes it is primary and says HELLO at e1
   to A.

A must refuse (it accepted e2 before the restart). If the accepted epoch were not durable, A would
welcome B, and B, reconciling, would copy its own D0 over A's D1: acknowledged writes lost, and a
stale primary in business. Finally the control core is thawed and D1 must read back.
"""

import nbd

from cluster_support import close_quietly, connect, wait_until

SLOT_BYTES = 64 << 10
SLOTS = 16


def write_slots(uri, fill):
    handle = connect(uri)
    try:
        for slot in range(SLOTS):
            handle.pwrite(bytes([fill + slot]) * SLOT_BYTES, slot * SLOT_BYTES, flags=nbd.CMD_FLAG_FUA)
    finally:
        close_quietly(handle)


def read_slots(uri):
    handle = connect(uri)
    try:
        return [handle.pread(SLOT_BYTES, slot * SLOT_BYTES) for slot in range(SLOTS)]
    finally:
        close_quietly(handle)


def test_a_restarted_replica_refuses_a_primary_of_an_older_epoch(make_cluster):
    cluster = make_cluster(nodes=2)
    volume = cluster.create_volume("memory", size_bytes=8 << 20, replicas=2)
    a = volume.assignment.primary_node
    b = next(name for name in volume.assignment.in_sync_members if name != a)
    write_slots(volume.nbd_uri, 0x10)  # D0

    # 2. B frozen, then named primary: the hand-over from A completes, B does not know.
    cluster.nodes[b].process.stop_signal()
    response = cluster.failover("memory", target=b)
    assert response.handed_over, "A should hand over at once: nothing was in flight"
    e1 = response.volume.assignment.epoch
    assert response.volume.assignment.primary_node == b

    # 3. B's lease ends: A is primary again at a newer epoch.
    back = cluster.wait_serving("memory", not_primary=b, min_epoch=e1 + 1, timeout=15)
    e2 = back.assignment.epoch
    assert back.assignment.primary_node == a

    # 4. D1 over D0, through A.
    write_slots(back.nbd_uri, 0x80)

    # 5, 6. Control core frozen; A restarted on its data directory.
    cluster.control_process.stop_signal()
    node_a = cluster.nodes[a]
    node_a.process.kill()
    listening = node_a.process.log_text().count("Listening for replication.")
    cluster.start_server(a, wait=False)
    wait_until(lambda: node_a.process.log_text().count("Listening for replication.") > listening, 10,
               what=f"{a} to listen for replication again")
    restarted_at = len(node_a.process.log_text())

    # 7. B thawed: it acts on epoch e1 and calls A.
    cluster.nodes[b].process.resume()
    node_b = cluster.nodes[b]
    wait_until(lambda: "Member could not be reconciled." in node_b.process.log_text()
               or "Replication stream accepted." in node_a.process.log_text()[restarted_at:], 15,
               what=f"{b} to call {a} at epoch {e1}")
    a_since_restart = node_a.process.log_text()[restarted_at:]
    print([line for line in a_since_restart.splitlines() if "eplication" in line][:4])
    assert f"epoch {e1} was superseded by epoch {e2}" in a_since_restart, \
        f"{a} did not refuse {b}'s stream at epoch {e1} after its restart"
    assert "Replication stream accepted." not in a_since_restart

    # B, stale, completes nothing for a client either.
    try:
        handle = connect(node_b.uri("memory"))
    except nbd.Error:
        handle = None
    if handle is not None:
        try:
            handle.pread(4096, 0)
            raise AssertionError(f"{b} served a read at epoch {e1} after {e2} was accepted")
        except nbd.Error:
            pass
        finally:
            close_quietly(handle)

    # The control core comes back: A serves, and D1 is what it serves.
    cluster.control_process.resume()
    final = cluster.wait_serving("memory", timeout=20)
    print(f"epochs: hand-over to {b} at {e1}, back to {a} at {e2}, now {final.assignment.primary_node} at "
          f"{final.assignment.epoch} ({final.assignment.reason})")
    contents = read_slots(final.nbd_uri)
    lost = [slot for slot in range(SLOTS) if contents[slot] != bytes([0x80 + slot]) * SLOT_BYTES]
    assert not lost, f"acknowledged writes lost in slots {lost} (D0 copied back over D1?)"
