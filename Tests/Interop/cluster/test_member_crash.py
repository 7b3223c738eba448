"""SIGKILL of a member (not the primary) in the middle of a stream of writes.

The contract: a write is acknowledged only once every in-sync member holds it, and a member that
stops answering is removed from the in-sync set by the control core (a new epoch) before the
primary acknowledges anything without it. So every write acknowledged before that epoch was
minted is in the dead member's data file as it was left at the kill; writes go on afterwards
without it; and the primary keeps every acknowledged write.

A primary that acknowledged writes without waiting for the member (or went on without it before
the control core's decision) would show as a write acknowledged before the new epoch that the
dead member does not have.
"""

import time

from cluster_support import (PipelinedWriter, WriteLog, close_quietly, connect, verify_slots, wait_until)

SLOT_BYTES = 16 << 10
# minted_at_ms is whole milliseconds of the same wall clock the client reads.
CLOCK_SLACK_S = 0.002


def test_sigkill_of_a_member_under_writes(cluster):
    volume = cluster.create_volume("member", size_bytes=16 << 20, replicas=2)
    primary = volume.assignment.primary_node
    member = next(name for name in volume.assignment.in_sync_members if name != primary)
    log = WriteLog()
    writers = [PipelinedWriter(volume.nbd_uri, slots, SLOT_BYTES, log, f"w{index}", depth=16, fua_every=5,
                               stop=None) for index, slots in enumerate([range(0, 64), range(64, 128)])]
    for writer in writers:
        writer.start()
    wait_until(lambda: len(log.acknowledged()) > 400, 20, what="writes to flow")
    cluster.nodes[member].process.kill()
    killed_at = time.time()

    def without_member():
        current = cluster.get_volume("member")
        return current if member not in current.assignment.in_sync_members else None

    shrunk = wait_until(without_member, 20, what=f"{member} to leave the in-sync set")
    count = len(log.acknowledged())
    wait_until(lambda: len(log.acknowledged()) > count + 100, 20, what="writes to go on without the member")
    for writer in writers:
        writer.stop_event.set()
    for writer in writers:
        writer.join(timeout=30)
        # The writers' connections survive a member's death: no write failed.
        assert not writer.errors, writer.errors[:3]
    assert shrunk.assignment.primary_node == primary

    minted = {row[0]: row[4] / 1000 for row in cluster.stored_assignments(volume.id)}
    removed_at = minted[shrunk.assignment.epoch]
    stalled = [entry for entry in log.acknowledged() if killed_at < entry["acked"] < removed_at]
    print(f"{member} killed; removed from the in-sync set {(removed_at - killed_at) * 1000:.0f} ms later "
          f"({shrunk.assignment.reason}); {len(stalled)} writes acknowledged in between (must be none that the "
          f"dead member lacks)")

    # The dead member's data file, as the kill left it, has every write acknowledged before the
    # epoch that removed it. Writes sent before that and acknowledged later may or may not be there.
    data_file = cluster.nodes[member].data_dir / "volumes" / volume.id / "data"
    before = [dict(entry, ok=entry["ok"] and entry["acked"] < removed_at - CLOCK_SLACK_S)
              for entry in log.all() if entry["sent"] < removed_at]
    with open(data_file, "rb") as dead:
        def read_dead(slot):
            dead.seek(slot * SLOT_BYTES)
            return dead.read(SLOT_BYTES)

        problems = verify_slots(read_dead, before, SLOT_BYTES)
    assert not problems, problems[:10]

    # And the primary has everything acknowledged, before and after.
    handle = connect(cluster.wait_serving("member").nbd_uri)
    try:
        problems = verify_slots(lambda slot: handle.pread(SLOT_BYTES, slot * SLOT_BYTES), log.all(), SLOT_BYTES)
    finally:
        close_quietly(handle)
    assert not problems, problems[:10]
