"""Fixtures for `blockfence scenario run` as a process: what it exits with, what its result file
says, and that it leaves no process or network namespace behind.

    BLOCKFENCE_BIN=$PWD/.build/release/blockfence .venv/bin/python -m pytest Tests/Interop/scenarios
"""

import os
import pathlib
import shutil
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "common"))

from interop_common import control_api as generate_control_api, missing  # noqa: E402


@pytest.fixture(scope="session")
def blockfence_bin():
    path = os.environ.get("BLOCKFENCE_BIN")
    if not path or not os.access(path, os.X_OK):
        missing("BLOCKFENCE_BIN must name a built blockfence executable")
    return path


@pytest.fixture(scope="session")
def namespaces():
    """Scenarios that cut the network need root and iproute2."""
    if os.geteuid() != 0:
        missing("network namespaces need root")
    if shutil.which("ip") is None:
        missing("ip (iproute2) is not installed")


@pytest.fixture(scope="session")
def control_api(tmp_path_factory):
    try:
        import grpc  # noqa: F401
        import grpc_tools  # noqa: F401
    except ImportError:
        missing("grpcio and grpcio-tools are not installed")
    return generate_control_api(tmp_path_factory.mktemp("control-generated"))


@pytest.fixture(scope="session")
def nbd_module():
    try:
        import nbd
    except ImportError:
        missing("the nbd Python module (python3-libnbd) is not installed")
    return nbd
