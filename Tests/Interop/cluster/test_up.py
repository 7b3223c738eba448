"""`blockfence up`: the whole cluster in one command, on ports and a data directory we choose.

It must print where the control core and the demo volume are; survive SIGKILL of any of its
storage servers, the primary included, without losing an acknowledged write (its supervisor
restarts what dies, the control core fails the volume over); and stop cleanly on SIGTERM,
leaving no process behind.
"""

import os
import random
import re
import signal
import socket
import subprocess
import time

import grpc
import pytest

from cluster_support import (CHANNEL_OPTIONS, PipelinedWriter, WriteLog, close_quietly, connect, verify_slots,
                             wait_until)

SLOT_BYTES = 64 << 10


def port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def pick_ports():
    """An NBD port P with P..P+2 free, and a control port C with C and C+10..C+12 free, away from
    the defaults."""
    chooser = random.Random()
    for _ in range(200):
        nbd_port = chooser.randrange(20000, 60000)
        control_port = chooser.randrange(20000, 60000)
        wanted = [nbd_port, nbd_port + 1, nbd_port + 2, control_port, control_port + 10, control_port + 11,
                  control_port + 12]
        if len(set(wanted)) == len(wanted) and all(port_is_free(port) for port in wanted):
            return nbd_port, control_port
    raise AssertionError("no free ports found")


def children(parent):
    """{pid: command line} of the processes whose parent is `parent`."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            if int(fields[1]) != parent:
                continue
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                found[int(entry)] = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue
    return found


def alive(pid, command):
    """The process is still there (and is the same process, not a reused PID)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace") == command
    except OSError:
        return False


def server_pid(up_pid, name):
    for pid, command in children(up_pid).items():
        if f" server --name {name} " in command:
            return pid
    return None


@pytest.fixture
def up_process(request, blockfence_binary, tmp_path):
    started = []
    request.node.blockfence_extra_logs = []

    def start(data_dir, nbd_port, control_port):
        out = tmp_path / "up.out"
        err = tmp_path / "up.err"
        process = subprocess.Popen(
            [blockfence_binary, "up", "--data-dir", str(data_dir), "--port", str(nbd_port), "--control-port",
             str(control_port), "--log-level", "debug"],
            stdin=subprocess.DEVNULL, stdout=open(out, "wb"), stderr=open(err, "wb"))
        started.append(process)
        request.node.blockfence_extra_logs += [out, err] + [data_dir / "logs" / f"{name}.log"
                                                           for name in ("control", "n1", "n2", "n3")]
        return process, out

    yield start
    for process in started:
        if process.poll() is None:
            family = children(process.pid)
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            for pid, command in family.items():
                if alive(pid, command):
                    os.kill(pid, signal.SIGKILL)


def test_up_starts_survives_sigkill_of_every_server_and_stops_cleanly(up_process, control_api, tmp_path):
    pb2, pb2_grpc = control_api
    data_dir = tmp_path / "my data"
    nbd_port, control_port = pick_ports()
    started = time.monotonic()
    up, out = up_process(data_dir, nbd_port, control_port)
    wait_until(lambda: "blockfence is up." in out.read_text() or up.poll() is not None, 60,
               what="blockfence up to say it is up")
    assert up.poll() is None, out.read_text()
    came_up = time.monotonic() - started
    text = out.read_text()
    print(f"up in {came_up:.1f} s:\n{text}")

    # It says where everything is: the control core at our port, the demo volume on one of ours.
    assert re.search(rf"control\s+127\.0\.0\.1:{control_port}\b", text), text
    match = re.search(r"served at (nbd://127\.0\.0\.1:(\d+)/demo)", text)
    assert match and int(match.group(2)) in (nbd_port, nbd_port + 1, nbd_port + 2), text
    uri = match.group(1)
    assert (data_dir / "logs" / "control.log").exists() and (data_dir / "nodes" / "n1").is_dir()

    channel = grpc.insecure_channel(f"127.0.0.1:{control_port}", options=CHANNEL_OPTIONS)
    control = pb2_grpc.ControlStub(channel)

    def volume():
        return control.GetVolume(pb2.GetVolumeRequest(volume="demo"), timeout=3).volume

    def serving_uri(not_primary=None):
        current = volume()
        if not current.nbd_uri or current.assignment.primary_node == not_primary:
            return None
        handle = connect(current.nbd_uri)
        try:
            handle.pread(512, 0)
        finally:
            close_quietly(handle)
        return current.nbd_uri

    assert volume().nbd_uri == uri
    # `up` prints the URI once GetVolume names one, which is when the primary holds a lease, not
    # yet when it serves: it still reconciles its member first. Measured, not required here.
    said_up = time.monotonic()
    wait_until(lambda: serving_uri() == uri, 30, interval=0.02, what="demo to be served where up said")
    print(f"demo served {(time.monotonic() - said_up) * 1000:.0f} ms after up printed its URI")
    log = WriteLog()

    def write_round(round_index, target):
        slots = range(round_index * 16, round_index * 16 + 16)
        writer = PipelinedWriter(target, slots, SLOT_BYTES, log, f"up{round_index}", depth=8, limit=48, fua_every=3)
        writer.start()
        writer.join(timeout=60)
        assert not writer.errors, writer.errors

    def check(target):
        handle = connect(target)
        try:
            return verify_slots(lambda slot: handle.pread(SLOT_BYTES, slot * SLOT_BYTES), log.all(), SLOT_BYTES)
        finally:
            close_quietly(handle)

    write_round(0, uri)
    holders = list(volume().assignment.replica_nodes)
    bystander = next(name for name in ("n1", "n2", "n3") if name not in holders)
    steps = []
    # The server holding no replica, then the primary, then the member that took over (by then
    # the only replica in sync, so the volume waits for its restart).
    for round_index, role in enumerate(["bystander", "primary", "new primary"], start=1):
        current = volume()
        victim = bystander if role == "bystander" else current.assignment.primary_node
        pid = server_pid(up.pid, victim)
        assert pid is not None, children(up.pid)
        killed_at = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        wait_until(lambda: (server_pid(up.pid, victim) or pid) != pid, 30, what=f"{victim} to be restarted")
        target = wait_until(lambda: serving_uri(not_primary=victim if role == "primary" else None), 30,
                            interval=0.2, what=f"demo to be served after killing {victim}")
        steps.append(f"killed {victim} ({role}): served again by {volume().assignment.primary_node} after "
                     f"{time.monotonic() - killed_at:.1f} s")
        problems = check(target)
        assert not problems, (role, problems)
        write_round(round_index, target)
    print("\n".join(steps))
    final = volume()
    channel.close()
    assert not check(final.nbd_uri)

    # SIGTERM: every child stops, then up itself, cleanly.
    family = children(up.pid)
    assert len(family) == 4, family
    up.send_signal(signal.SIGTERM)
    assert up.wait(timeout=60) == 0
    assert "blockfence stopped" in out.read_text()
    left = [command for pid, command in family.items() if alive(pid, command)]
    assert not left, left
    for name in ("control", "n1", "n2", "n3"):
        text = (data_dir / "logs" / f"{name}.log").read_text(errors="replace")
        assert "Swift runtime failure" not in text and "Fatal error" not in text, name
