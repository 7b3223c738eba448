"""`blockfence up`: the local cluster a newcomer starts with one command."""

import json
import os
import signal
import socket
import subprocess

import pytest

GiB = 1 << 30
MiB = 1 << 20


def nbd_module():
    try:
        import nbd
    except ImportError:
        import conftest
        conftest.missing("the nbd Python module (python3-libnbd) is missing")
    return nbd


def children_of(pid):
    """Processes whose parent is `pid`, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def test_up_serves_a_replicated_demo_and_keeps_it_across_a_clean_restart(launch_up, workdir):
    nbd = nbd_module()
    data_dir = os.path.join(workdir, "data")
    first = launch_up(data_dir)
    uri = first.wait_ready()
    assert "control   127.0.0.1:%d" % first.control_port in first.stdout(), first.output()
    children = children_of(first.process.pid)
    assert len(children) == 4, "up should run the control core and three servers: %s\n%s" % (children, first.output())

    inspect = first.cli("volume", "inspect", "demo", "--output", "json")
    assert inspect.returncode == 0, inspect.stderr
    volume = json.loads(inspect.stdout)["volume"]
    assert volume["size_bytes"] == GiB and volume["replica_count"] == 2
    assert len(volume["assignment"]["in_sync_members"]) == 2

    payload = os.urandom(MiB)
    handle = nbd.NBD()
    handle.connect_uri(uri)
    try:
        assert handle.get_size() == GiB
        handle.pwrite(payload, 512 * MiB)
        handle.flush()
    finally:
        handle.shutdown()

    assert first.signal(signal.SIGTERM) == 0, first.output()
    assert "stopped" in first.stdout() and data_dir in first.stdout(), first.output()
    assert all(not os.path.exists("/proc/%d" % child) for child in children), "children outlived up"

    second = launch_up(data_dir, nbd_port=first.nbd_port, control_port=first.control_port)
    uri = second.wait_ready()
    handle = nbd.NBD()
    handle.connect_uri(uri)
    try:
        assert handle.pread(len(payload), 512 * MiB) == payload
    finally:
        handle.shutdown()
    # A clean restart keeps both replicas in sync: nothing was lost, so nothing needs copying.
    volume = json.loads(second.cli("volume", "inspect", "demo", "--output", "json").stdout)["volume"]
    assert len(volume["assignment"]["in_sync_members"]) == 2, second.output()
    assert second.signal(signal.SIGINT) == 0, second.output()


def test_a_second_up_on_the_same_data_dir_fails_clearly(launch_up, workdir):
    data_dir = os.path.join(workdir, "data")
    first = launch_up(data_dir)
    first.wait_ready()
    second = launch_up(data_dir)
    assert second.process.wait(30) == 1, second.output()
    assert "another 'blockfence up' is running" in second.stderr(), second.output()
    assert first.process.poll() is None


def test_up_on_a_busy_port_fails_clearly(launch_up, workdir):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        up = launch_up(os.path.join(workdir, "data"), control_port=port)
        assert up.process.wait(30) == 1, up.output()
        assert "port %d" % port in up.stderr() and "in use" in up.stderr(), up.output()


def test_up_takes_its_data_dir_from_the_environment(launch_up, workdir):
    data_dir = os.path.join(workdir, "from-env")
    env = dict(os.environ, BLOCKFENCE_DATA_DIR=data_dir)
    up = launch_up(None, env=env)
    up.wait_ready()
    assert os.path.isdir(os.path.join(data_dir, "nodes", "n1")), up.output()
    assert data_dir in up.stdout()


def test_up_refuses_a_data_dir_it_cannot_create(launch_up, workdir):
    blocker = os.path.join(workdir, "a-file")
    with open(blocker, "w") as handle:
        handle.write("not a directory")
    up = launch_up(os.path.join(blocker, "data"))
    assert up.process.wait(30) == 1, up.output()
    assert blocker in up.stderr(), up.output()
