"""Fixtures for the CSI plugin suite: a real local cluster (`blockfence up`: the control core and
three storage servers on loopback), `blockfence csi` on a Unix socket in front of it, and a client
generated from Protos/csi/v1/csi.proto by grpcio-tools that calls it as the kubelet and the CSI
sidecars do.

    BLOCKFENCE_BIN=.build/debug/blockfence .venv/bin/python -m pytest Tests/Interop/csi

Every process a fixture starts is ended by its PID.
"""

import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import pytest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "common"))

from interop_common import compile_protos, free_ports, import_from, missing  # noqa: E402

CRASH_MARKERS = ("Fatal error:", "Swift runtime failure", "Program crashed", "Backtracing from")


@pytest.fixture(scope="session")
def blockfence_bin():
    path = os.environ.get("BLOCKFENCE_BIN")
    if not path or not os.access(path, os.X_OK):
        raise pytest.UsageError("set BLOCKFENCE_BIN to a built blockfence executable")
    return path


@pytest.fixture(scope="session")
def csi(tmp_path_factory):
    """(csi_pb2, csi_pb2_grpc) generated from our csi.proto."""
    try:
        import grpc  # noqa: F401
        import grpc_tools  # noqa: F401
    except ImportError:
        missing("grpcio and grpcio-tools are not installed")
    destination = tmp_path_factory.mktemp("csi-generated")
    compile_protos(destination, ["csi/v1/csi.proto"])
    return import_from(destination, "csi.v1.csi_pb2", "csi.v1.csi_pb2_grpc")




def end(process, timeout=30):
    """SIGTERM, then SIGKILL if it does not stop; returns the exit code."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
            raise AssertionError("pid %d ignored SIGTERM" % process.pid)
    return process.returncode


class Cluster:
    """`blockfence up` in a private directory on free ports."""

    def __init__(self, binary, workdir):
        self.workdir = workdir
        self.control_port = free_ports([0, 10, 11, 12])
        self.control = "127.0.0.1:%d" % self.control_port
        self.stdout_path = os.path.join(workdir, "up.out")
        with open(self.stdout_path, "wb") as stdout, open(os.path.join(workdir, "up.err"), "wb") as stderr:
            self.process = subprocess.Popen(
                [binary, "up", "--port", "0", "--control-port", str(self.control_port),
                 "--data-dir", os.path.join(workdir, "data")],
                stdout=stdout, stderr=stderr)
        deadline = time.time() + 90
        while time.time() < deadline and self.process.poll() is None:
            with open(self.stdout_path, errors="replace") as handle:
                if "served at nbd://" in handle.read():
                    return
            time.sleep(0.1)
        raise AssertionError("blockfence up did not come up; see %s" % workdir)


class Plugin:
    """`blockfence csi`, waited for until it prints `ready`."""

    def __init__(self, binary, socket_path, control, state_dir, log_path, mode="all", extra=()):
        self.socket_path = socket_path
        self.log_path = log_path
        arguments = [binary, "csi", "--endpoint", "unix://" + socket_path, "--mode", mode, "--control", control,
                     "--state-dir", state_dir, "--log-level", "debug", *extra]
        if mode != "controller" and "--node-id" not in extra:
            arguments += ["--node-id", "n1"]
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=self.log, text=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError("blockfence csi exited early; see %s" % log_path)
            if line.strip() == "ready":
                return
        raise AssertionError("blockfence csi did not get ready")

    def stop(self):
        code = end(self.process)
        self.log.close()
        with open(self.log_path, errors="replace") as handle:
            text = handle.read()
        assert not any(marker in text for marker in CRASH_MARKERS), text[-4000:]
        return code


@pytest.fixture(scope="session")
def workdir():
    # Short, so that Unix socket paths stay under the 108-byte limit.
    path = tempfile.mkdtemp(prefix="bfcsi-", dir="/tmp")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def cluster(blockfence_bin, workdir):
    instance = Cluster(blockfence_bin, workdir)
    yield instance
    assert end(instance.process) == 0


@pytest.fixture(scope="session")
def plugin(blockfence_bin, cluster, workdir):
    instance = Plugin(blockfence_bin, os.path.join(workdir, "csi.sock"), cluster.control,
                      os.path.join(workdir, "state"), os.path.join(workdir, "csi.log"))
    yield instance
    assert instance.stop() == 0
    assert not os.path.exists(instance.socket_path), "the socket file outlived a clean stop"


@pytest.fixture(scope="session")
def channel(plugin):
    import grpc

    channel = grpc.insecure_channel("unix://" + plugin.socket_path)
    yield channel
    channel.close()


@pytest.fixture
def stubs(csi, channel):
    pb2, pb2_grpc = csi

    class Stubs:
        identity = pb2_grpc.IdentityStub(channel)
        controller = pb2_grpc.ControllerStub(channel)
        node = pb2_grpc.NodeStub(channel)

    return Stubs


@pytest.fixture
def start_plugin(blockfence_bin, cluster, workdir):
    """Starts extra plugins (each on its own socket unless given one) and stops them afterwards."""
    started = []

    def start(name, **options):
        options.setdefault("control", cluster.control)
        socket_path = options.pop("socket_path", os.path.join(workdir, name + ".sock"))
        instance = Plugin(blockfence_bin, socket_path, options.pop("control"),
                          os.path.join(workdir, name + "-state"), os.path.join(workdir, name + ".log"), **options)
        started.append(instance)
        return instance

    yield start
    for instance in started:
        if instance.process.poll() is None:
            instance.stop()
