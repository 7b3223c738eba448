"""A member frozen while it is being caught up holds up no write.

The contract: nothing a member outside the in-sync set does (stop reading, stop answering, slow
down) holds up the primary's writes for more than a short, bounded time. The primary sends to a
member being caught up from a thread of its own, through a bounded queue; a member that stops
taking what is sent has its catch-up dropped and tried again once it reads again.

A member rebuilt in place is frozen with SIGSTOP halfway through its full copy, under writes.
Writes stalled until it continued would show as writes that stop being acknowledged during the
freeze; a catch-up that never started again, as a member that never rejoins.
"""

import re

from cluster_support import WriteLog, wait_until
from test_resync import fill, operator, start_writers, stop_writers, verify_on

VOLUME_BYTES = 512 << 20
FREEZE_SECONDS = 15


def fill_large(uri, seed, total):
    """Fills `total` bytes from 64 MiB on (past the region and the slots test_resync uses) with
    distinct data, 32 MiB at a time."""
    for index in range(total // (32 << 20)):
        fill(uri, f"{seed}-{index}", base=(64 << 20) + index * (32 << 20))


def caught_up_count(cluster, primary, member):
    return len(re.findall(rf"Member caught up\..*?member={member}\b", cluster.process(primary).log_text()))


def test_member_frozen_during_its_catch_up_holds_up_no_write(cluster):
    volume = cluster.create_volume("frozen-copy", size_bytes=VOLUME_BYTES, replicas=2)
    primary = volume.assignment.primary_node
    member = next(name for name in volume.assignment.in_sync_members if name != primary)
    filled = fill(volume.nbd_uri, "frozen")
    # Enough data that the full copy is still under way when the member is frozen.
    fill_large(volume.nbd_uri, "bulk", 384 << 20)
    log = WriteLog()
    writers = start_writers(volume.nbd_uri, log, "f")
    wait_until(lambda: len(log.acknowledged()) > 200, 20, what="writes to flow")

    copies_before = caught_up_count(cluster, primary, member)
    started = operator(cluster, "volume", "rebuild", "frozen-copy", "--replica", member, "--no-wait")
    assert started.returncode == 0, started
    wait_until(lambda: member not in cluster.get_volume("frozen-copy").assignment.in_sync_members, 20,
               what=f"{member} to leave the in-sync set")
    wait_until(lambda: "Catching up a member with a full copy." in cluster.process(primary).log_text(), 20,
               interval=0.005, what="the full copy to start")
    process = cluster.nodes[member].process
    process.stop_signal()
    try:
        # The copy was under way, not done, when the member froze.
        assert caught_up_count(cluster, primary, member) == copies_before
        # Writes go on while it is frozen: many are acknowledged well within the freeze.
        count = len(log.acknowledged())
        wait_until(lambda: len(log.acknowledged()) > count + 200, FREEZE_SECONDS - 5,
                   what="writes to go on while the member being caught up is frozen")
        wait_until(lambda: "Catch-up stream ended" in cluster.process(primary).log_text(), FREEZE_SECONDS,
                   what="the frozen member's catch-up to be dropped")
    finally:
        process.resume()

    # Once it reads again its catch-up starts over and completes.
    wait_until(lambda: member in cluster.get_volume("frozen-copy").assignment.in_sync_members, 180,
               what=f"{member} to rejoin after its catch-up")
    count = len(log.acknowledged())
    wait_until(lambda: len(log.acknowledged()) > count + 200, 20, what="writes to go on with the member")
    stop_writers(writers)
    verify_on(cluster, "frozen-copy", member, log, filled)
