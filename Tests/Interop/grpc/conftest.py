"""Fixtures for the gRPC interop and conformance suite.

Run it on its own with the repository's virtual environment:

    .venv/bin/python -m pytest Tests/Interop/grpc

With CI=true a missing tool fails the suite instead of skipping it: CI installs what it needs
(scripts/test-grpc), so a skip there would hide a broken setup.
"""

import os
import pathlib
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "common"))

import generated_protos  # noqa: E402
from interop_common import missing  # noqa: E402
from interop_support import Process, parse_fields  # noqa: E402

REPOSITORY = generated_protos.REPOSITORY
@pytest.fixture(scope="session")
def protos(tmp_path_factory):
    try:
        import grpc  # noqa: F401
        import grpc_tools  # noqa: F401
    except ImportError:
        missing("grpcio and grpcio-tools are not installed")
    destination = tmp_path_factory.mktemp("generated")
    generated_protos.generate(destination)
    os.environ["BLOCKFENCE_GENERATED_PYTHON"] = str(destination)
    return generated_protos.load(destination)


@pytest.fixture(scope="session")
def peer_binary():
    """The Swift peer, built with the repository's package if it is not built yet."""
    override = os.environ.get("RPC_INTEROP_PEER")
    if override:
        return override
    try:
        binary_directory = subprocess.run(
            ["swift", "build", "--show-bin-path"], cwd=REPOSITORY, check=True, capture_output=True, text=True
        ).stdout.strip()
    except FileNotFoundError:
        missing("the Swift toolchain is not installed")
    binary = pathlib.Path(binary_directory) / "rpc-interop-peer"
    if not binary.exists():
        subprocess.run(["swift", "build", "--product", "rpc-interop-peer"], cwd=REPOSITORY, check=True)
    return str(binary)


@pytest.fixture
def start_swift_server(peer_binary, tmp_path):
    """Starts Swift echo servers on TCP and a Unix socket; stops them after the test."""
    started = []

    def start(*extra, name="swift"):
        socket = tmp_path / f"swift-{len(started)}.sock"
        process = Process(
            [peer_binary, "serve", "--listen", "127.0.0.1:0", "--listen", f"unix:{socket}", "--name", name,
             "--log-level", "trace", *extra],
            tmp_path / f"swift-server-{len(started)}.log",
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.process.poll() is None:
            process.stop()


@pytest.fixture
def swift_server(start_swift_server):
    return start_swift_server("--max-receive-bytes", str(8 << 20))


@pytest.fixture
def python_server(protos, tmp_path):
    """A grpcio echo server in this process, on TCP and a Unix socket."""
    import python_echo_server

    server, servicer, addresses = python_echo_server.start(
        protos, ["127.0.0.1:0", f"unix:{tmp_path / 'python.sock'}"]
    )
    servicer.addresses = addresses
    yield servicer
    server.stop(grace=1).wait()


@pytest.fixture
def run_peer(peer_binary):
    """Runs the Swift peer's `call` command; returns its result lines and summary."""

    def run(target, *arguments, timeout=60):
        completed = subprocess.run(
            [peer_binary, "call", "--target", target, *arguments], capture_output=True, text=True, timeout=timeout
        )
        assert completed.returncode == 0, completed.stderr
        lines = completed.stdout.strip().splitlines()
        return [parse_fields(line) for line in lines if line.startswith("result=")], parse_fields(lines[-1])

    return run
