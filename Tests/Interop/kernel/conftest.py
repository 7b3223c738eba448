"""Fixtures for the kernel suite: a `blockfence up` cluster on loopback started by each test, and
a user-mode Linux guest that reaches it through slirp. Every process started here is ended by
PID, and every guest boot is bounded by `timeout`."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir, "common"))
sys.path.insert(0, HERE)

from interop_common import free_ports, missing  # noqa: E402

import uml_guest  # noqa: E402

CRASH_MARKERS = ("Fatal error:", "Swift runtime failure", "Program crashed", "Backtracing from")


@pytest.fixture(scope="session")
def blockfence_bin():
    path = os.environ.get("BLOCKFENCE_BIN")
    if not path or not os.access(path, os.X_OK):
        raise pytest.UsageError("set BLOCKFENCE_BIN to a built blockfence executable")
    return os.path.realpath(path)


@pytest.fixture
def workdir():
    path = tempfile.mkdtemp(prefix="bfkernel-")
    yield path
    shutil.rmtree(path, ignore_errors=True)




class Cluster:
    """One `blockfence up` on free loopback ports, with its demo volume (two replicas)."""

    def __init__(self, binary, workdir):
        self.binary = binary
        self.nbd_port = free_ports([0, 1, 2])
        self.control_port = free_ports([0, 10, 11, 12])
        self.data_dir = os.path.join(workdir, "cluster")
        self.stdout_path = os.path.join(workdir, "up.out")
        self.stderr_path = os.path.join(workdir, "up.err")
        argv = [binary, "up", "--port", str(self.nbd_port), "--control-port", str(self.control_port),
                "--data-dir", self.data_dir]
        with open(self.stdout_path, "wb") as stdout, open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(argv, stdout=stdout, stderr=stderr)

    def output(self):
        text = ""
        for path in (self.stdout_path, self.stderr_path):
            with open(path, errors="replace") as handle:
                text += "--- %s ---\n%s\n" % (os.path.basename(path), handle.read())
        logs = os.path.join(self.data_dir, "logs")
        if os.path.isdir(logs):
            for name in sorted(os.listdir(logs)):
                with open(os.path.join(logs, name), errors="replace") as handle:
                    text += "--- %s ---\n%s\n" % (name, handle.read()[-3000:])
        return text

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            with open(self.stdout_path, errors="replace") as handle:
                if "served at nbd://" in handle.read():
                    return
            time.sleep(0.1)
        raise AssertionError("blockfence up did not come up:\n%s" % self.output())

    def cli(self, *words):
        return subprocess.run(
            [self.binary, *words, "--control", "127.0.0.1:%d" % self.control_port],
            capture_output=True, text=True, timeout=30)

    def volume(self, name="demo"):
        answer = self.cli("volume", "inspect", name, "--output", "json")
        assert answer.returncode == 0, answer.stderr
        return json.loads(answer.stdout)["volume"]

    def children(self):
        """The PIDs of the processes this `up` started: the control core and the servers."""
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % entry) as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if parent == self.process.pid:
                found.append(int(entry))
        return found

    def server_pid(self, node):
        """The PID of storage server `node`, a child of this `up`."""
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % entry) as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                with open("/proc/%s/cmdline" % entry, "rb") as handle:
                    words = handle.read().decode(errors="replace").split("\0")
            except OSError:
                continue
            if parent == self.process.pid and "server" in words and "--name" in words:
                if words[words.index("--name") + 1] == node:
                    return int(entry)
        raise AssertionError("no server process for %s:\n%s" % (node, self.output()))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def assert_no_crash(self):
        text = self.output()
        assert not any(marker in text for marker in CRASH_MARKERS), text


@pytest.fixture
def cluster(blockfence_bin, workdir):
    instance = Cluster(blockfence_bin, workdir)
    try:
        instance.wait_ready()
        yield instance
    finally:
        instance.stop()
    instance.assert_no_crash()


@pytest.fixture
def guest(blockfence_bin, workdir):
    try:
        instance = uml_guest.Guest(workdir, blockfence_bin)
    except uml_guest.Unavailable as reason:
        missing(str(reason))
    yield instance
    instance.stop()
