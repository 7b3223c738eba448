"""`blockfence control` as a process: its command line, its data-directory lock, a clean stop, and
twenty SIGKILLs under load without an epoch going back, repeating or getting lost."""

import random
import sqlite3
import subprocess
import threading
import time

import grpc
import pytest

from control_support import CHANNEL_OPTIONS, ControlProcess, FakeNode, Observations, free_port

LEASE = ["--lease-ms", "600", "--heartbeat-interval-ms", "100", "--lease-margin-ms", "200"]


def test_help_lists_the_options(blockfence_binary):
    completed = subprocess.run([blockfence_binary, "control", "--help"], capture_output=True, text=True, timeout=30)
    assert completed.returncode == 0
    for option in ["--listen", "--data-dir", "--lease-ms", "--heartbeat-interval-ms", "--log-level"]:
        assert option in completed.stdout


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--lease-ms", "abc"], "--lease-ms must be a whole number"),
        (["--lease-ms", "500", "--heartbeat-interval-ms", "500"], "heartbeat interval"),
        (["--listen", "nowhere"], "--listen"),
        (["--bogus"], "unknown option --bogus"),
    ],
)
def test_bad_command_lines_exit_2(blockfence_binary, tmp_path, arguments, message):
    completed = subprocess.run(
        [blockfence_binary, "control", "--data-dir", str(tmp_path), *arguments], capture_output=True, text=True,
        timeout=30,
    )
    assert completed.returncode == 2
    assert message in completed.stderr


def test_default_listens_second_instance_and_sigterm(blockfence_binary, control_api, tmp_path):
    pb2, pb2_grpc = control_api
    port = free_port()
    first = ControlProcess(blockfence_binary, tmp_path, [f"127.0.0.1:{port}", f"unix:{tmp_path}/control.sock"],
                           tmp_path / "first.log")
    assert first.addresses == [f"127.0.0.1:{port}", f"unix:{tmp_path}/control.sock"]
    second = subprocess.run(
        [blockfence_binary, "control", "--data-dir", str(tmp_path), "--listen", "127.0.0.1:0"],
        capture_output=True, text=True, timeout=30,
    )
    assert second.returncode == 1
    assert "another blockfence control is using this data directory" in second.stderr
    with grpc.insecure_channel(f"unix:{tmp_path}/control.sock") as channel:
        status = pb2_grpc.ControlStub(channel).GetStatus(pb2.GetStatusRequest(), timeout=5)
        assert status.epoch == 0
    assert first.terminate() == 0
    assert (tmp_path / "control" / "state.sqlite").exists()


def test_twenty_sigkills_under_load_never_reuse_or_lose_an_epoch(blockfence_binary, control_api, tmp_path):
    pb2, pb2_grpc = control_api
    port = free_port()
    target = f"127.0.0.1:{port}"
    listens = [target, f"unix:{tmp_path}/control.sock"]
    log = tmp_path / "control.log"
    control = ControlProcess(blockfence_binary, tmp_path, listens, log, LEASE)
    observations = Observations()
    nodes = [FakeNode(control_api, target, f"n{index}", observations) for index in range(1, 4)]
    for node in nodes:
        node.start()

    stop = threading.Event()
    counts = {"created": 0, "failovers": 0, "handed_over": 0, "errors": 0}
    client_channel = grpc.insecure_channel(target, options=CHANNEL_OPTIONS)
    client = pb2_grpc.ControlStub(client_channel)
    created_names = []

    def operate():
        random_source = random.Random(7)
        index = 0
        while not stop.is_set():
            try:
                if not created_names or random_source.random() < 0.5:
                    name = f"vol-{index}"
                    response = client.CreateVolume(
                        pb2.CreateVolumeRequest(name=name, size_bytes=1 << 20, replica_count=2), timeout=3)
                    observations.record(response.volume.assignment, "client create")
                    if response.created:
                        counts["created"] += 1
                    created_names.append(name)
                    index += 1
                else:
                    name = random_source.choice(created_names)
                    response = client.Failover(pb2.FailoverRequest(volume=name), timeout=5)
                    observations.record(response.volume.assignment, "client failover")
                    counts["failovers"] += 1
                    counts["handed_over"] += int(response.handed_over)
            except grpc.RpcError:
                counts["errors"] += 1
                time.sleep(0.05)

    operator = threading.Thread(target=operate, daemon=True)
    operator.start()
    kills = random.Random(11)
    highest_before_each_kill = []
    try:
        for _ in range(20):
            time.sleep(kills.uniform(0.4, 1.0))
            highest_before_each_kill.append(observations.highest_epoch())
            control.kill()
            control = ControlProcess(blockfence_binary, tmp_path, listens, log, LEASE)
            with grpc.insecure_channel(target) as channel:
                status = pb2_grpc.ControlStub(channel).GetStatus(pb2.GetStatusRequest(), timeout=5)
            # Everything seen before the kill was committed, so the counter cannot be behind it.
            assert status.epoch >= highest_before_each_kill[-1], open(log).read()[-4000:]
        time.sleep(1.0)
    finally:
        stop.set()
        operator.join(timeout=15)
        for node in nodes:
            node.stop()
        client_channel.close()
        code = control.terminate()
    assert code == 0

    seen, conflicts = observations.snapshot()
    # No epoch ever meant two different things: not two primaries of one volume, not two volumes.
    assert conflicts == []
    database = sqlite3.connect(tmp_path / "control" / "state.sqlite")
    stored = {
        epoch: (volume_id, primary, tuple(sorted(members.split(",") if members else [])))
        for epoch, volume_id, primary, members in database.execute(
            "SELECT epoch, volume_id, primary_node, in_sync_members FROM assignments")
    }
    counter = database.execute("SELECT value FROM counters WHERE name = 'epoch'").fetchone()[0]
    database.close()
    # Every assignment anyone saw is on disk, exactly as it was seen.
    for epoch, (assignment, source) in seen.items():
        assert stored.get(epoch) == assignment, f"epoch {epoch} seen by {source} is not in the database as seen"
    assert counter == max(stored)
    assert sorted(stored) == list(range(1, counter + 1))
    # The run did what it was meant to: volumes, hand-overs and restarts under load.
    print(f"counts={counts} epochs_seen={len(seen)} epochs_stored={len(stored)}")
    assert counts["created"] >= 10, counts
    assert counts["handed_over"] >= 5, counts
    assert len(seen) >= 20, counts
