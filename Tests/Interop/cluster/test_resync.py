"""A member that comes back is caught up by the primary while writes go on, and rejoins.

The contract: a member that was taken out of the in-sync set and whose node is alive again is
caught up from the current primary; from its journal (only what it missed) when the member's
durable record names the primary's history and the journal still lists every change since, by a
full copy of the allocated ranges otherwise. Writes keep flowing and stay acknowledged-safe during
either. Once the member has caught up, the control core mints an assignment with it back in the
in-sync set. Then every acknowledged write is on it: a failover to it shows every one.

A catch-up that copied the whole volume after a short absence, a member that rejoined without
what it missed, or a member counted before it caught up would show as a copy as large as the
volume, or as an acknowledged write missing after the failover to it.
"""

import hashlib
import json
import re
import shutil
import subprocess

from cluster_support import (PipelinedWriter, WriteLog, close_quietly, connect, verify_slots, wait_until)

VOLUME_BYTES = 256 << 20
FILLED_BYTES = 32 << 20
SLOT_BYTES = 16 << 10
# The writers' slots lie past the filled region.
SLOT_BASE = FILLED_BYTES // SLOT_BYTES


def fill(uri, seed, base=0):
    """Writes FILLED_BYTES of distinct data from `base` (the start of the volume), flushed; returns
    its sha256."""
    handle = connect(uri)
    digest = hashlib.sha256()
    try:
        for offset in range(0, FILLED_BYTES, 1 << 20):
            block = hashlib.sha256(f"{seed}-{offset}".encode()).digest() * ((1 << 20) // 32)
            handle.pwrite(block, base + offset)
            digest.update(block)
        handle.flush()
    finally:
        close_quietly(handle)
    return digest.hexdigest()


def filled_sha256(uri):
    handle = connect(uri)
    digest = hashlib.sha256()
    try:
        for offset in range(0, FILLED_BYTES, 4 << 20):
            digest.update(handle.pread(4 << 20, offset))
    finally:
        close_quietly(handle)
    return digest.hexdigest()


def start_writers(uri, log, tag):
    writers = [PipelinedWriter(uri, slots, SLOT_BYTES, log, f"{tag}{index}", depth=8, fua_every=4)
               for index, slots in enumerate([range(SLOT_BASE, SLOT_BASE + 32),
                                              range(SLOT_BASE + 32, SLOT_BASE + 64)])]
    for writer in writers:
        writer.start()
    return writers


def stop_writers(writers):
    for writer in writers:
        writer.stop_event.set()
    for writer in writers:
        writer.join(timeout=30)
        assert not writer.errors, writer.errors[:3]


def catch_up_lines(cluster, primary):
    """The primary's log lines that start a catch-up: (kind, bytes)."""
    lines = re.findall(r"Catching up a member (with a full copy|from the journal)\..*? bytes=(\d+)",
                       cluster.process(primary).log_text())
    return [("full" if kind == "with a full copy" else "journal", int(count)) for kind, count in lines]


def recorded_level(cluster, member, volume_id):
    """The (lineage, sequence) the member durably recorded as level, or None."""
    try:
        record = json.loads((cluster.nodes[member].data_dir / "volumes" / volume_id / "replica.json").read_text())
    except (OSError, ValueError):
        return None
    lineage = record.get("level_lineage")
    return (lineage, record.get("level_sequence")) if lineage else None


def kill_until_out(cluster, name, member, log, volume_id):
    """SIGKILLs `member` while writes flow, once it has recorded a level sequence (about once a
    second while changes flow), and waits until the control core removed it."""
    wait_until(lambda: len(log.acknowledged()) > 200, 20, what="writes to flow")
    wait_until(lambda: recorded_level(cluster, member, volume_id), 20, what=f"{member} to record a level sequence")
    cluster.nodes[member].process.kill()
    wait_until(lambda: member not in cluster.get_volume(name).assignment.in_sync_members, 20,
               what=f"{member} to leave the in-sync set")
    count = len(log.acknowledged())
    wait_until(lambda: len(log.acknowledged()) > count + 200, 20, what="writes to go on without the member")


def rejoin(cluster, name, member, log):
    """Restarts `member` while writes flow and waits until it is in the in-sync set again."""
    cluster.start_server(member)
    volume = wait_until(lambda: (lambda current: current if member in current.assignment.in_sync_members
                                 else None)(cluster.get_volume(name)), 60, what=f"{member} to rejoin")
    assert "caught up" in volume.assignment.reason
    count = len(log.acknowledged())
    wait_until(lambda: len(log.acknowledged()) > count + 200, 20, what="writes to go on with the member")
    return volume


def verify_on(cluster, name, member, log, filled):
    """Fails over to `member` and checks every acknowledged write and the filled region there."""
    response = cluster.failover(name, target=member)
    assert response.volume.assignment.primary_node == member
    volume = cluster.wait_serving(name, min_epoch=response.volume.assignment.epoch)
    assert volume.assignment.primary_node == member
    handle = connect(volume.nbd_uri)
    try:
        problems = verify_slots(lambda slot: handle.pread(SLOT_BYTES, slot * SLOT_BYTES), log.all(), SLOT_BYTES)
    finally:
        close_quietly(handle)
    assert not problems, problems[:10]
    assert filled_sha256(volume.nbd_uri) == filled


def test_member_back_after_sigkill_catches_up_from_the_journal(cluster):
    volume = cluster.create_volume("resync", size_bytes=VOLUME_BYTES, replicas=2)
    primary = volume.assignment.primary_node
    member = next(name for name in volume.assignment.in_sync_members if name != primary)
    filled = fill(volume.nbd_uri, "journal")
    log = WriteLog()
    writers = start_writers(volume.nbd_uri, log, "a")
    kill_until_out(cluster, "resync", member, log, volume.id)
    rejoin(cluster, "resync", member, log)
    stop_writers(writers)

    lines = catch_up_lines(cluster, primary)
    print(f"catch-ups by {primary}: {lines}")
    assert lines, "the primary logged no catch-up"
    kind, copied = lines[-1]
    # What it missed (a few thousand 16 KiB writes to 64 slots: at most 1 MiB of ranges), not the
    # 32 MiB it already held, let alone the 256 MiB volume.
    assert kind == "journal"
    assert copied <= 1 << 20, copied
    verify_on(cluster, "resync", member, log, filled)


def test_wiped_member_gets_a_full_copy(cluster):
    volume = cluster.create_volume("wiped", size_bytes=VOLUME_BYTES, replicas=2)
    primary = volume.assignment.primary_node
    member = next(name for name in volume.assignment.in_sync_members if name != primary)
    filled = fill(volume.nbd_uri, "wiped")
    log = WriteLog()
    writers = start_writers(volume.nbd_uri, log, "b")
    kill_until_out(cluster, "wiped", member, log, volume.id)
    shutil.rmtree(cluster.nodes[member].data_dir / "volumes" / volume.id)
    rejoin(cluster, "wiped", member, log)
    stop_writers(writers)

    lines = catch_up_lines(cluster, primary)
    print(f"catch-ups by {primary}: {lines}")
    assert lines, "the primary logged no catch-up"
    kind, copied = lines[-1]
    # Only the allocated ranges: the filled region and the writers' slots, not the whole volume.
    assert kind == "full"
    assert FILLED_BYTES <= copied < VOLUME_BYTES // 2, copied
    verify_on(cluster, "wiped", member, log, filled)


def operator(cluster, *arguments, timeout=90):
    """Runs an operator command against the cluster's control core."""
    return subprocess.run([cluster.binary, *arguments, "--control", cluster.control_address], capture_output=True,
                          text=True, timeout=timeout)


def test_rebuild_in_place_then_on_another_node_under_writes(cluster):
    volume = cluster.create_volume("rebuilt", size_bytes=VOLUME_BYTES, replicas=2)
    primary = volume.assignment.primary_node
    member = next(name for name in volume.assignment.in_sync_members if name != primary)
    spare = next(name for name in cluster.nodes if name not in volume.assignment.replica_nodes)
    filled = fill(volume.nbd_uri, "rebuilt")
    log = WriteLog()
    writers = start_writers(volume.nbd_uri, log, "c")
    wait_until(lambda: len(log.acknowledged()) > 200, 20, what="writes to flow")

    refused = operator(cluster, "volume", "rebuild", "rebuilt", "--replica", primary)
    assert refused.returncode == 4, refused
    assert "it is the primary" in refused.stderr

    # In place: a full copy although the member recorded a level sequence.
    wait_until(lambda: recorded_level(cluster, member, volume.id), 20, what=f"{member} to record a level sequence")
    in_place = operator(cluster, "volume", "rebuild", "rebuilt", "--replica", member, "--timeout", "60")
    assert in_place.returncode == 0, in_place
    assert "Rebuilt the replica of volume rebuilt." in in_place.stdout
    assert "Rebuilding" in in_place.stderr
    kind, copied = catch_up_lines(cluster, primary)[-1]
    assert kind == "full" and copied >= FILLED_BYTES, (kind, copied)

    # On another node: the old replica stays in sync until the new one is, then goes.
    moved = operator(cluster, "volume", "rebuild", "rebuilt", "--replica", member, "--to", spare, "--timeout", "60",
                     "--output", "json")
    assert moved.returncode == 0, moved
    assignment = json.loads(moved.stdout)["volume"]["assignment"]
    assert sorted(assignment["in_sync_members"]) == sorted([primary, spare])
    assert member not in assignment["replica_nodes"]
    wait_until(lambda: not (cluster.nodes[member].data_dir / "volumes" / volume.id).exists(), 20,
               what=f"{member} to delete its old replica")
    count = len(log.acknowledged())
    wait_until(lambda: len(log.acknowledged()) > count + 200, 20, what="writes to go on")
    stop_writers(writers)
    verify_on(cluster, "rebuilt", spare, log, filled)


def test_rebuild_on_another_node_finishes_after_a_control_core_restart(cluster):
    volume = cluster.create_volume("rebuilt-restart", size_bytes=VOLUME_BYTES, replicas=2)
    primary = volume.assignment.primary_node
    member = next(name for name in volume.assignment.in_sync_members if name != primary)
    spare = next(name for name in cluster.nodes if name not in volume.assignment.replica_nodes)
    filled = fill(volume.nbd_uri, "rebuilt-restart")
    log = WriteLog()
    writers = start_writers(volume.nbd_uri, log, "r")
    wait_until(lambda: len(log.acknowledged()) > 200, 20, what="writes to flow")

    started = operator(cluster, "volume", "rebuild", "rebuilt-restart", "--replica", member, "--to", spare,
                       "--no-wait")
    assert started.returncode == 0, started
    # Frozen, the new replica cannot finish its copy before the control core restarts.
    spare_process = cluster.nodes[spare].process
    spare_process.stop_signal()
    try:
        cluster.restart_control()
        assert spare in cluster.get_volume("rebuilt-restart").assignment.replica_nodes
        assert member in cluster.get_volume("rebuilt-restart").assignment.replica_nodes
    finally:
        spare_process.resume()

    # The restarted control core finishes it: two replicas, the old one removed, not three.
    wait_until(lambda: sorted(cluster.get_volume("rebuilt-restart").assignment.replica_nodes)
               == sorted([primary, spare]), 90, what=f"{member}'s replica to be replaced by {spare}'s")
    assignment = cluster.get_volume("rebuilt-restart").assignment
    assert sorted(assignment.in_sync_members) == sorted([primary, spare])
    wait_until(lambda: not (cluster.nodes[member].data_dir / "volumes" / volume.id).exists(), 20,
               what=f"{member} to delete its old replica")
    stop_writers(writers)
    verify_on(cluster, "rebuilt-restart", spare, log, filled)
