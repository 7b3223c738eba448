"""Fixtures for the operator CLI suite: the real `blockfence` binary against a fake control core.

Run it from the repository root with the repository's virtual environment:

    swift build
    BLOCKFENCE_BIN=$PWD/.build/debug/blockfence .venv/bin/python -m pytest Tests/Interop/cli

Python stubs for Protos/blockfence/control.proto are generated into a scratch directory with
grpcio-tools, and each test gets its own fake control core (grpcio) on a loopback port and a Unix
socket. With CI=true anything missing fails the suite instead of skipping it.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cli_protos  # noqa: E402
from cli_support import Result, check_clean, missing  # noqa: E402


@pytest.fixture(scope="session")
def blockfence_bin():
    path = os.environ.get("BLOCKFENCE_BIN", "")
    if not path:
        missing("BLOCKFENCE_BIN is not set; build blockfence and point BLOCKFENCE_BIN at the binary")
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        missing(f"BLOCKFENCE_BIN={path} is not an executable file")
    return os.path.abspath(path)


@pytest.fixture(scope="session")
def protos(tmp_path_factory):
    try:
        import grpc  # noqa: F401
        import grpc_tools  # noqa: F401
    except ImportError:
        missing("grpcio and grpcio-tools are not importable")
    destination = tmp_path_factory.mktemp("control-protos")
    cli_protos.generate(destination)
    return cli_protos.load(destination)


@pytest.fixture
def short_tmp():
    """A private directory with a short path: Unix socket paths are limited to 107 bytes."""
    path = tempfile.mkdtemp(prefix="bfcli-", dir="/tmp")
    yield pathlib.Path(path)
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def fake_control(protos, short_tmp):
    """A fake control core on 127.0.0.1 (an unused port) and on a Unix socket."""
    import cli_fake_control

    fake = cli_fake_control.FakeControl(protos).start(unix_path=str(short_tmp / "control.sock"))
    yield fake
    fake.stop()


@pytest.fixture
def pb2(protos):
    return protos.pb2


@pytest.fixture
def run_cli(blockfence_bin, fake_control):
    """Runs `blockfence ARGS…`, pointed at the fake control core with --control unless `control`
    says otherwise (None: no --control at all). BLOCKFENCE_CONTROL is removed from the
    environment unless `environment` sets it."""

    def run(*arguments, control="tcp", environment=None, timeout=30):
        argv = [blockfence_bin, *arguments]
        if control is not None:
            address = fake_control.addresses[control] if control in ("tcp", "unix") else control
            # Right after the command's first word, so that it never becomes the value of an option
            # the test left without one, nor an operand after a "--".
            argv[2:2] = ["--control", address]
        env = {key: value for key, value in os.environ.items() if key != "BLOCKFENCE_CONTROL"}
        env.update(environment or {})
        completed = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env)
        result = Result(argv, completed)
        check_clean(result)
        return result

    return run
