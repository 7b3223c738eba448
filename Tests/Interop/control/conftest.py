"""Fixtures for the control core's process-level suite.

    BLOCKFENCE_BIN=.build/debug/blockfence .venv/bin/python -m pytest Tests/Interop/control

Without BLOCKFENCE_BIN the suite builds the package. With CI=true anything missing fails the suite
instead of skipping it: CI installs what it needs, so a skip there would hide a broken setup.
"""

import os
import pathlib
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
REPOSITORY = HERE.parents[2]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "common"))

from interop_common import control_api as generate_control_api, missing  # noqa: E402


@pytest.fixture(scope="session")
def control_api(tmp_path_factory):
    """The Python messages and stubs of Protos/blockfence/control.proto, from grpcio-tools."""
    try:
        import grpc  # noqa: F401
        import grpc_tools  # noqa: F401
    except ImportError:
        missing("grpcio and grpcio-tools are not installed")
    return generate_control_api(tmp_path_factory.mktemp("control-generated"))


@pytest.fixture(scope="session")
def blockfence_binary():
    """The blockfence executable: BLOCKFENCE_BIN, or the package's debug build."""
    override = os.environ.get("BLOCKFENCE_BIN")
    if override:
        if not os.access(override, os.X_OK):
            missing(f"BLOCKFENCE_BIN ({override}) is not an executable")
        return override
    try:
        subprocess.run(["swift", "build", "--product", "blockfence"], cwd=REPOSITORY, check=True)
        binary_directory = subprocess.run(
            ["swift", "build", "--show-bin-path"], cwd=REPOSITORY, check=True, capture_output=True, text=True
        ).stdout.strip()
    except FileNotFoundError:
        missing("the Swift toolchain is not installed")
    return str(pathlib.Path(binary_directory) / "blockfence")
