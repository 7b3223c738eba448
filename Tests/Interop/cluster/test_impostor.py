"""A second process under an existing node's name: a frozen old primary must not be overtaken
while its lease may still run, and a node back with an empty disk must not serve its volumes.

1. The primary of a volume is frozen (SIGSTOP) and a second server starts with the same name and
   its own, empty data directory. The control core refuses to register it while the frozen
   process's lease may still run; meanwhile no other replica is promoted. Once the lease is
   certainly over the volume moves, a newer write is acknowledged by the new primary, and the
   thawed old process must not complete a read queued on its old connection: success there
   would be a stale read.
2. The second process, registered after the lease, holds no replica of a volume it alone held:
   the volume stays unavailable instead of being served from an empty file, on its address and
   on the second process's own port. Once the second process goes, the original one registers
   with the replica and serves the volume again, with its data.
"""

import re
import time

import nbd

from cluster_support import LEASE_MS, MARGIN_MS, ManagedProcess, close_quietly, connect, describe, wait_until

BLOCK = 4096


def start_impostor(cluster, name, tmp_path):
    node = cluster.nodes[name]
    data_dir = tmp_path / f"impostor-{name}"
    data_dir.mkdir()
    argv = [cluster.binary, "server", "--name", name, "--data-dir", str(data_dir), "--listen", "127.0.0.1:0",
            "--replication-listen", "127.0.0.1:0", "--control", cluster.control_address, "--log-level", "debug"]
    process = ManagedProcess(f"{name}-impostor", argv, cluster.logs_dir / f"{name}-impostor.log")
    cluster.processes.append(process)
    return node, process.start()


def test_a_second_process_with_a_nodes_name_neither_overtakes_a_live_lease_nor_serves_empty(make_cluster,
                                                                                            tmp_path):
    cluster = make_cluster(nodes=2)
    shared = cluster.create_volume("shared", size_bytes=8 << 20, replicas=2)
    primary = shared.assignment.primary_node
    solo = None
    for attempt in range(4):
        candidate = cluster.create_volume(f"solo{attempt}", size_bytes=8 << 20, replicas=1)
        if candidate.assignment.primary_node == primary:
            solo = candidate
            break
    assert solo is not None, f"no single-replica volume landed on {primary}"

    writer = connect(shared.nbd_uri)
    writer.pwrite(b"\xa1" * BLOCK, 0, flags=nbd.CMD_FLAG_FUA)
    close_quietly(writer)
    solo_handle = connect(solo.nbd_uri)
    solo_handle.pwrite(b"\x5e" * BLOCK, 0, flags=nbd.CMD_FLAG_FUA)
    close_quietly(solo_handle)

    stale = connect(shared.nbd_uri)
    cluster.nodes[primary].process.stop_signal()
    frozen_at = time.monotonic()
    _, impostor = start_impostor(cluster, primary, tmp_path)

    # Within the frozen process's lease nothing moves, and the impostor is refused.
    time.sleep(LEASE_MS / 1000 * 0.8)
    assert cluster.get_volume("shared").assignment.epoch == shared.assignment.epoch, \
        "a replica was promoted while the frozen primary's lease could still run"
    assert "Registered with the control core." not in impostor.log_text(), impostor.log_text()[-2000:]

    moved = cluster.wait_serving("shared", not_primary=primary, min_epoch=shared.assignment.epoch + 1, timeout=20)
    assert time.monotonic() - frozen_at >= (LEASE_MS + MARGIN_MS) / 1000 * 0.9
    fresh = connect(moved.nbd_uri)
    fresh.pwrite(b"\xb2" * BLOCK, 0, flags=nbd.CMD_FLAG_FUA)
    close_quietly(fresh)

    buffer = nbd.Buffer(BLOCK)
    cookie = stale.aio_pread(buffer, 0)
    cluster.nodes[primary].process.resume()
    outcome = None
    deadline = time.monotonic() + 10
    while outcome is None and time.monotonic() < deadline:
        try:
            if stale.aio_command_completed(cookie):
                outcome = "success: " + bytes(buffer.to_bytearray()[:4]).hex()
            else:
                stale.poll(100)
        except nbd.Error as error:
            outcome = describe(error)
    close_quietly(stale)
    assert outcome is not None and not outcome.startswith("success"), \
        f"the old primary completed a read after a newer write was acknowledged elsewhere: {outcome}"

    # The impostor registered once the frozen lease was over; it holds no replica of the
    # single-replica volume, so neither its own port nor the volume's address may serve it.
    wait_until(lambda: "Registered with the control core." in impostor.log_text(), 20,
               what="the impostor to register")
    time.sleep(1.0)
    volume = cluster.get_volume(solo.name)
    assert not volume.nbd_uri, f"a volume whose only copy is away is given an address: {volume.nbd_uri}"
    listening = re.search(r"nbd: Listening\. address=(\S+)", impostor.log_text())
    assert listening, impostor.log_text()[-2000:]
    try:
        handle = connect(f"nbd://{listening.group(1)}/{solo.name}")
    except nbd.Error:
        pass  # no such export: right
    else:
        try:
            data = handle.pread(BLOCK, 0)
        finally:
            close_quietly(handle)
        raise AssertionError(f"the impostor serves {solo.name} without its replica; it read {data[:4].hex()}")

    # The impostor goes; the original process, thawed, registers with the replica and serves it.
    impostor.kill()
    served = cluster.wait_serving(solo.name, timeout=20)
    handle = connect(served.nbd_uri)
    try:
        assert handle.pread(BLOCK, 0) == b"\x5e" * BLOCK, "the single-replica volume lost its data"
    finally:
        close_quietly(handle)
