"""`blockfence up`: the one-command local product."""

import os
import signal
import socket
import subprocess

import pytest

import interop

GiB = 1 << 30
MiB = 1 << 20


class Up:
    def __init__(self, binary, workdir, data_dir, port, label, env=None):
        self.stdout_path = os.path.join(workdir, "%s.out" % label)
        self.stderr_path = os.path.join(workdir, "%s.err" % label)
        self.argv = [binary, "up", "--port", str(port)]
        if data_dir is not None:
            self.argv += ["--data-dir", data_dir]
        self.port = port
        stdout = open(self.stdout_path, "wb")
        try:
            self.process = interop.spawn(self.argv, self.stderr_path, env=env, stdout=stdout)
        finally:
            stdout.close()

    def stdout(self):
        with open(self.stdout_path, "rb") as handle:
            return handle.read().decode(errors="replace")

    def stderr(self):
        with open(self.stderr_path, "rb") as handle:
            return handle.read().decode(errors="replace")

    def output(self):
        return "stdout:\n%s\nstderr:\n%s" % (self.stdout(), self.stderr())

    def wait_ready(self, timeout=15):
        uri = "nbd://127.0.0.1:%d/demo" % self.port
        ready = interop.wait_until(
            lambda: self.process.poll() is not None
            or (uri in self.stdout() and interop.is_listening(("tcp", "127.0.0.1", self.port))), timeout)
        assert ready and self.process.poll() is None, "blockfence up did not come up:\n%s" % self.output()
        return uri

    def signal(self, number, timeout=20):
        os.kill(self.process.pid, number)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            interop.end_process(self.process)
            raise AssertionError("blockfence up ignored signal %d:\n%s" % (number, self.output()))

    def assert_no_crash(self):
        text = self.stdout() + self.stderr()
        assert not any(marker in text for marker in interop.CRASH_MARKERS), self.output()


@pytest.fixture
def launch_up(request, workdir, blockfence_bin):
    launched = []

    def launch(data_dir, port=None, env=None):
        instance = Up(blockfence_bin, workdir, data_dir, port or interop.free_tcp_port(),
                      "up%d" % (len(launched) + 1), env=env)
        launched.append(instance)
        return instance

    yield launch
    for instance in launched:
        interop.end_process(instance.process)
        instance.assert_no_crash()


def test_up_serves_demo_and_keeps_data_across_restarts(launch_up, workdir, nbd_module):
    interop.require_tool("nbdinfo")
    data_dir = os.path.join(workdir, "data")
    first = launch_up(data_dir)
    uri = first.wait_ready()
    assert "nbd://127.0.0.1:%d/demo" % first.port in first.stdout()

    assert interop.run(["nbdinfo", "--size", uri]).stdout.strip() == str(GiB)
    listing = interop.run(["nbdinfo", "--list", uri]).stdout
    assert 'export="demo"' in listing

    payload = os.urandom(1 * MiB)
    handle = nbd_module.NBD()
    handle.connect_uri(uri)
    try:
        handle.pwrite(payload, 512 * MiB)
        handle.flush()
    finally:
        handle.shutdown()

    assert first.signal(signal.SIGTERM) == 0, first.output()
    assert "stopped" in first.stdout().lower(), first.output()
    assert data_dir in first.stdout(), "the stop message should say where the data is:\n%s" % first.output()

    image = os.path.join(data_dir, "exports", "demo.img")
    assert os.path.getsize(image) == GiB
    assert os.stat(image).st_blocks * 512 < 64 * MiB, "the 1 GiB demo image should stay sparse"

    second = launch_up(data_dir)
    uri = second.wait_ready()
    handle = nbd_module.NBD()
    handle.connect_uri(uri)
    try:
        assert handle.pread(len(payload), 512 * MiB) == payload
    finally:
        handle.shutdown()
    assert second.signal(signal.SIGINT) == 0, second.output()


def test_second_up_on_the_same_data_dir_fails_clearly(launch_up, workdir, nbd_module):
    data_dir = os.path.join(workdir, "data")
    first = launch_up(data_dir)
    uri = first.wait_ready()

    second = launch_up(data_dir)
    try:
        status = second.process.wait(15)
    except subprocess.TimeoutExpired:
        raise AssertionError("a second 'up' on a data dir in use kept running:\n%s" % second.output())
    assert status == 1, second.output()
    message = second.stderr()
    assert "already" in message and "demo.img" in message, second.output()
    second.assert_no_crash()

    # The first one is unharmed.
    handle = nbd_module.NBD()
    handle.connect_uri(uri)
    try:
        handle.pwrite(b"still serving", 0)
        assert handle.pread(13, 0) == b"still serving"
    finally:
        handle.shutdown()
    assert first.signal(signal.SIGTERM) == 0


def test_up_on_a_busy_port_fails_clearly(launch_up, workdir):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen(1)
        port = squatter.getsockname()[1]
        instance = launch_up(os.path.join(workdir, "data"), port=port)
        try:
            status = instance.process.wait(15)
        except subprocess.TimeoutExpired:
            raise AssertionError("'up' on a busy port kept running:\n%s" % instance.output())
    assert status == 1, instance.output()
    assert str(port) in instance.stderr(), instance.output()
    instance.assert_no_crash()


def test_up_data_dir_from_environment(launch_up, workdir):
    data_dir = os.path.join(workdir, "from-env")
    env = dict(os.environ, BLOCKFENCE_DATA_DIR=data_dir)
    instance = launch_up(None, env=env)
    instance.wait_ready()
    assert os.path.exists(os.path.join(data_dir, "exports", "demo.img"))
    assert instance.signal(signal.SIGTERM) == 0
