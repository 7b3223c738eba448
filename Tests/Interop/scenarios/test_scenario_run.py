"""`blockfence scenario run` fails when a check fails, says where, and cleans up after itself."""

import json
import os
import pathlib
import signal
import subprocess
import time

import grpc

SCENARIO_HEAD = """
cluster: {servers: 2, lease-ms: 1500, heartbeat-interval-ms: 250, lease-margin-ms: 500}
volumes:
  - {name: data, size: 16MiB, replicas: 2}
workload: {volume: data, blocks: 64}
steps:
  - start-writer
  - wait: {writes-acknowledged: 50, timeout: 20s}
"""


def run(binary, work, files, *options, timeout=180):
    result_path = work / "result.json"
    completed = subprocess.run(
        [binary, "scenario", "run", *map(str, files), "--work-dir", str(work / "runs"), "--result", str(result_path),
         *options], capture_output=True, text=True, timeout=timeout)
    result = json.loads(result_path.read_text()) if result_path.exists() else None
    return completed, result


def processes_under(path):
    """PIDs whose command line mentions `path`: the processes a run started there."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if str(path).encode() in cmdline.read():
                    found.append(int(entry))
        except OSError:
            continue
    return found


def scenario_namespaces():
    listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=True).stdout
    return {line.split()[0] for line in listed.splitlines() if line.startswith("bfs")}


def verdicts(result):
    (scenario,) = result["scenarios"]
    return scenario["verdicts"]


def test_a_broken_condition_fails_the_run_with_a_nonzero_exit(blockfence_bin, tmp_path):
    file = tmp_path / "broken.yaml"
    file.write_text(SCENARIO_HEAD + """
  - assert: {writes-acknowledged: 100000000}
  - assert: {serving: data}
  - stop-writer
""")
    completed, result = run(blockfence_bin, tmp_path, [file], "--keep-going")
    assert completed.returncode == 1, completed.stdout + completed.stderr
    checks = {verdict["check"]: verdict for verdict in verdicts(result)}
    broken = checks["more than 100000000 writes were acknowledged"]
    assert not broken["passed"] and broken["line"] == 10, broken
    # With --keep-going the steps after it ran, and the run's own checks still passed.
    assert checks["volume data is served"]["passed"]
    assert checks["every acknowledged write reads back"]["passed"], checks
    assert checks["only the primary of the moment acknowledged writes"]["passed"], checks
    assert result["scenarios"][0]["passed"] is False
    assert result["scenarios"][0]["writes_acknowledged"] > 50
    assert "FAIL  line 10" in completed.stdout
    assert not processes_under(tmp_path / "runs"), "the run left processes behind"


def test_a_failed_wait_ends_the_scenario_without_keep_going(blockfence_bin, tmp_path):
    file = tmp_path / "stuck.yaml"
    file.write_text(SCENARIO_HEAD + """
  - wait: {primary-changed: data, timeout: 1s}
  - assert: {serving: data}
""")
    completed, result = run(blockfence_bin, tmp_path, [file])
    assert completed.returncode == 1, completed.stdout + completed.stderr
    lines = [verdict["line"] for verdict in verdicts(result)]
    assert 10 in lines and 11 not in lines, lines
    assert not processes_under(tmp_path / "runs")


def test_a_passing_scenario_exits_zero(blockfence_bin, tmp_path):
    file = tmp_path / "fine.yaml"
    file.write_text(SCENARIO_HEAD + """
  - failover: data
  - wait: {primary-changed: data, timeout: 20s}
  - wait: {writes-acknowledged-since-fault: 20, timeout: 20s}
  - stop-writer
""")
    completed, result = run(blockfence_bin, tmp_path, [file])
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert all(verdict["passed"] for verdict in verdicts(result))
    assert result["scenarios"][0]["name"] == "fine"


def test_an_invalid_scenario_starts_nothing_and_exits_2(blockfence_bin, tmp_path):
    file = tmp_path / "typo.yaml"
    file.write_text("steps:\n  - kil: n1\n")
    completed, result = run(blockfence_bin, tmp_path, [file])
    assert completed.returncode == 2
    assert "line 2, column 5: unknown step 'kil'" in completed.stderr
    assert result is None
    assert not (tmp_path / "runs").exists()


def test_a_lost_acknowledged_write_fails_the_final_check(blockfence_bin, tmp_path, control_api, nbd_module):
    """Zeroes written behind the writer's back, after it stopped, stand for a write the storage
    lost: the read-back at the end must catch it."""
    pb2, pb2_grpc = control_api
    file = tmp_path / "lossy.yaml"
    file.write_text(SCENARIO_HEAD + """
  - stop-writer
  - sleep: 8s
""")
    work = tmp_path / "runs"
    runner = subprocess.Popen(
        [blockfence_bin, "scenario", "run", str(file), "--work-dir", str(work), "--result", str(tmp_path / "r.json")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # The control core listens on a Unix socket in the scenario's work directory too.
        socket_path = work / "lossy" / "control.sock"
        deadline = time.monotonic() + 60
        while not socket_path.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        channel = grpc.insecure_channel(f"unix:{socket_path}")
        stub = pb2_grpc.ControlStub(channel)
        # Wait until the writer has stopped (the sleep step has begun) before zeroing.
        uri = None
        while time.monotonic() < deadline and runner.poll() is None:
            try:
                uri = stub.GetVolume(pb2.GetVolumeRequest(volume="data"), timeout=5, wait_for_ready=True).volume.nbd_uri
            except grpc.RpcError:
                uri = None  # not created yet
            if uri:
                break
            time.sleep(0.1)
        time.sleep(4)  # well into the 8 s sleep, after stop-writer
        handle = nbd_module.NBD()
        handle.connect_uri(uri)
        handle.pwrite(bytes(64 * 4096), 0, nbd_module.CMD_FLAG_FUA)
        handle.shutdown()
        channel.close()
        stdout, stderr = runner.communicate(timeout=120)
    finally:
        if runner.poll() is None:
            runner.send_signal(signal.SIGINT)
            runner.wait(timeout=60)
    assert runner.returncode == 1, stdout + stderr
    result = json.loads((tmp_path / "r.json").read_text())
    checks = {verdict["check"]: verdict for verdict in verdicts(result)}
    read_back = checks["every acknowledged write reads back"]
    assert not read_back["passed"], read_back
    assert "holds zeroes, but its last acknowledged write is write" in read_back["detail"], read_back


def test_ctrl_c_removes_every_process_and_namespace(blockfence_bin, tmp_path, namespaces):
    file = tmp_path / "interrupted.yaml"
    file.write_text("""
cluster: {servers: 2, network: namespaces}
volumes: [{name: data, size: 16MiB, replicas: 2}]
workload: {volume: data}
steps:
  - start-writer
  - partition: {server: primary of data, from: peers}
  - sleep: 60s
""")
    before = scenario_namespaces()
    work = tmp_path / "runs"
    runner = subprocess.Popen(
        [blockfence_bin, "scenario", "run", str(file), "--work-dir", str(work)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if len(scenario_namespaces() - before) >= 3 and len(processes_under(work)) >= 3:
                break
            time.sleep(0.2)
        assert len(scenario_namespaces() - before) == 3, "the run did not create its namespaces"
        time.sleep(3)
        runner.send_signal(signal.SIGINT)
        stdout, stderr = runner.communicate(timeout=60)
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.wait()
    assert runner.returncode == 1, stdout + stderr
    assert "Interrupted; cleaning up." in stderr
    assert not processes_under(work), "processes outlived the interrupted run"
    assert scenario_namespaces() - before == set(), "namespaces outlived the interrupted run"


def test_a_work_directory_from_an_earlier_run_is_not_reused(blockfence_bin, tmp_path):
    """A control core started on an earlier run's data would find that run's volumes."""
    file = tmp_path / "twice.yaml"
    file.write_text("steps:\n  - sleep: 0s\n")
    first, _ = run(blockfence_bin, tmp_path, [file])
    assert first.returncode == 0, first.stdout + first.stderr
    second, _ = run(blockfence_bin, tmp_path, [file])
    assert second.returncode == 2
    assert "exists from an earlier run" in second.stderr
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "twice.yaml").write_text(file.read_text())
    both, _ = run(blockfence_bin, tmp_path / "copy", [file, copy / "twice.yaml"])
    assert both.returncode == 2
    assert "another file is also named 'twice'" in both.stderr


def test_io_stopped_within_lease_fails_when_the_primary_was_not_fenced(blockfence_bin, tmp_path, namespaces):
    """Cut from its peers, the primary of a volume without other replicas keeps its lease and goes
    on acknowledging: the condition that a fenced primary stops within its lease must fail here,
    or it proves nothing where it passes."""
    file = tmp_path / "unfenced.yaml"
    file.write_text("""
cluster: {servers: 2, lease-ms: 1500, heartbeat-interval-ms: 250, lease-margin-ms: 500}
volumes: [{name: data, size: 16MiB, replicas: 1}]
workload: {volume: data, blocks: 64}
steps:
  - start-writer
  - wait: {writes-acknowledged: 50, timeout: 20s}
  - partition: {server: primary of data, from: peers}
  - sleep: 3s
  - assert: {io-stopped-within-lease: data}
  - heal
  - stop-writer
""")
    completed, result = run(blockfence_bin, tmp_path, [file], "--keep-going")
    assert completed.returncode == 1, completed.stdout + completed.stderr
    checks = {verdict["check"]: verdict for verdict in verdicts(result)}
    stopped = checks["the fenced primary of data stopped within its lease"]
    assert not stopped["passed"] and "more than a lease after the fault" in stopped["detail"], stopped
    assert checks["every acknowledged write reads back"]["passed"], checks
    assert checks["only the primary of the moment acknowledged writes"]["passed"], checks


def test_a_member_that_stays_away_fails_the_in_sync_wait(blockfence_bin, tmp_path):
    """The member is frozen and never continued: it leaves the in-sync set and cannot come back,
    so waiting for it fails the run, and the steps after the wait are not played."""
    file = tmp_path / "away.yaml"
    file.write_text(SCENARIO_HEAD + """
  - stop: n2
  - wait: {in-sync-members: {volume: data, count: 1}, timeout: 20s}
  - wait: {in-sync: {volume: data, node: n2}, timeout: 4s}
  - assert: {serving: data}
""")
    completed, result = run(blockfence_bin, tmp_path, [file])
    assert completed.returncode == 1, completed.stdout + completed.stderr
    checks = {verdict["line"]: verdict for verdict in verdicts(result)}
    assert checks[11]["passed"], checks
    assert not checks[12]["passed"] and "in sync n1," in checks[12]["detail"], checks
    assert 13 not in checks, checks
    assert not processes_under(tmp_path / "runs")


def test_catch_up_checks_tell_changes_only_from_a_full_copy(blockfence_bin, tmp_path):
    """A member frozen for a few seconds is caught up from the journal: the incremental check
    holds, and the full-copy, byte-limit and no-replica checks fail with what was seen. (It is given
    time to record how far it is level first: without that record it would be copied in full.)"""
    file = tmp_path / "briefly.yaml"
    file.write_text(SCENARIO_HEAD + """
  - sleep: 3s
  - stop: n2
  - wait: {in-sync-members: {volume: data, count: 1}, timeout: 20s}
  - wait: {writes-acknowledged-since-fault: 20, timeout: 20s}
  - continue: n2
  - wait: {in-sync: {volume: data, node: n2}, timeout: 30s}
  - assert: {caught-up-incrementally: {volume: data, node: n2}}
  - assert: {caught-up-by-full-copy: {volume: data, node: n2}}
  - assert: {catch-up-bytes-below: {volume: data, node: n2, bytes: 4096}}
  - assert: {caught-up-incrementally: {volume: data, node: n1}}
  - assert: {holds-no-replica: n1}
  - stop-writer
""")
    completed, result = run(blockfence_bin, tmp_path, [file], "--keep-going")
    assert completed.returncode == 1, completed.stdout + completed.stderr
    checks = {verdict["line"]: verdict for verdict in verdicts(result)}
    assert all(checks[line]["passed"] for line in (12, 13, 15, 16)), checks
    assert "of changes only" in checks[16]["detail"], checks
    assert not checks[17]["passed"] and "of changes only" in checks[17]["detail"], checks
    assert not checks[18]["passed"] and "copied" in checks[18]["detail"], checks
    assert not checks[19]["passed"] and "no catch-up of n1" in checks[19]["detail"], checks
    assert not checks[20]["passed"] and "n1 holds replicas of data" in checks[20]["detail"], checks
    end = [verdict for verdict in verdicts(result) if verdict["line"] is None]
    assert end and all(verdict["passed"] for verdict in end), end
