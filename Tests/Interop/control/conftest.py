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

IN_CI = os.environ.get("CI") == "true"


def missing(what):
    """Fails under CI, skips elsewhere."""
    if IN_CI:
        pytest.fail(f"{what} is missing; scripts/bootstrap test installs it", pytrace=False)
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="session")
def control_api(tmp_path_factory):
    """The Python messages and stubs of Protos/blockfence/control.proto, from grpcio-tools."""
    try:
        import grpc  # noqa: F401
        from grpc_tools import protoc
    except ImportError:
        missing("grpcio and grpcio-tools")
    destination = tmp_path_factory.mktemp("control-generated")
    include = pathlib.Path(protoc.__file__).parent / "_proto"
    arguments = [
        "protoc",
        f"-I{REPOSITORY / 'Protos'}",
        f"-I{include}",
        f"--python_out={destination}",
        f"--grpc_python_out={destination}",
        "blockfence/control.proto",
    ]
    if protoc.main(arguments) != 0:
        pytest.fail("grpc_tools.protoc failed for blockfence/control.proto", pytrace=False)
    sys.path.insert(0, str(destination))
    import control_support

    return control_support.load_api()


@pytest.fixture(scope="session")
def blockfence_binary():
    """The blockfence executable: BLOCKFENCE_BIN, or the package's debug build."""
    override = os.environ.get("BLOCKFENCE_BIN")
    if override:
        if not os.access(override, os.X_OK):
            missing(f"BLOCKFENCE_BIN ({override})")
        return override
    try:
        subprocess.run(["swift", "build", "--product", "blockfence"], cwd=REPOSITORY, check=True)
        binary_directory = subprocess.run(
            ["swift", "build", "--show-bin-path"], cwd=REPOSITORY, check=True, capture_output=True, text=True
        ).stdout.strip()
    except FileNotFoundError:
        missing("the Swift toolchain")
    return str(pathlib.Path(binary_directory) / "blockfence")
