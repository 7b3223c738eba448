"""Fixtures for `blockfence up`: each test starts its own local cluster in a private data
directory on free ports, and every `up` it started is ended by PID."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

CRASH_MARKERS = ("Fatal error:", "Swift runtime failure", "Program crashed", "Backtracing from")


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "common"))

from interop_common import free_ports, missing  # noqa: E402,F401 (test_up.py uses conftest.missing)


@pytest.fixture(scope="session")
def blockfence_bin():
    path = os.environ.get("BLOCKFENCE_BIN")
    if not path or not os.access(path, os.X_OK):
        raise pytest.UsageError("set BLOCKFENCE_BIN to a built blockfence executable")
    return path


@pytest.fixture
def workdir():
    path = tempfile.mkdtemp(prefix="bfup-")
    yield path
    shutil.rmtree(path, ignore_errors=True)




class Up:
    """One `blockfence up` process and its output."""

    def __init__(self, binary, workdir, data_dir, label, env=None, nbd_port=None, control_port=None):
        self.nbd_port = nbd_port or free_ports([0, 1, 2])
        self.control_port = control_port or free_ports([0, 10, 11, 12])
        self.data_dir = data_dir
        self.stdout_path = os.path.join(workdir, label + ".out")
        self.stderr_path = os.path.join(workdir, label + ".err")
        self.argv = [binary, "up", "--port", str(self.nbd_port), "--control-port", str(self.control_port)]
        if data_dir is not None:
            self.argv += ["--data-dir", data_dir]
        with open(self.stdout_path, "wb") as stdout, open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(self.argv, stdout=stdout, stderr=stderr, env=env)

    def stdout(self):
        with open(self.stdout_path, errors="replace") as handle:
            return handle.read()

    def stderr(self):
        with open(self.stderr_path, errors="replace") as handle:
            return handle.read()

    def output(self):
        logs = ""
        if self.data_dir and os.path.isdir(os.path.join(self.data_dir, "logs")):
            for name in sorted(os.listdir(os.path.join(self.data_dir, "logs"))):
                with open(os.path.join(self.data_dir, "logs", name), errors="replace") as handle:
                    logs += "\n--- %s ---\n%s" % (name, handle.read()[-4000:])
        return "stdout:\n%s\nstderr:\n%s%s" % (self.stdout(), self.stderr(), logs)

    def wait_ready(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                break
            for line in self.stdout().splitlines():
                if "served at nbd://" in line:
                    return line.split("served at ", 1)[1].strip()
            time.sleep(0.1)
        raise AssertionError("blockfence up did not come up:\n%s" % self.output())

    def signal(self, number, timeout=30):
        os.kill(self.process.pid, number)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError("blockfence up ignored signal %d:\n%s" % (number, self.output()))

    def cli(self, *words):
        """Runs an operator command against this cluster's control core."""
        return subprocess.run(
            [self.argv[0], *words, "--control", "127.0.0.1:%d" % self.control_port],
            capture_output=True, text=True, timeout=30)

    def assert_no_crash(self):
        text = self.stdout() + self.stderr()
        assert not any(marker in text for marker in CRASH_MARKERS), self.output()


@pytest.fixture
def launch_up(workdir, blockfence_bin):
    launched = []

    def launch(data_dir, **options):
        instance = Up(blockfence_bin, workdir, data_dir, "up%d" % (len(launched) + 1), **options)
        launched.append(instance)
        return instance

    yield launch
    for instance in launched:
        if instance.process.poll() is None:
            instance.process.send_signal(signal.SIGTERM)
            try:
                instance.process.wait(30)
            except subprocess.TimeoutExpired:
                instance.process.kill()
        instance.assert_no_crash()
