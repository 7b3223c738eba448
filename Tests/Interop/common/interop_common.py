"""What every interop suite shares: how a missing tool is treated, and Python modules generated
from the repository's .proto files with grpcio-tools.

A suite puts this folder on sys.path in its conftest.py; a module that a suite's subprocesses
import puts it there itself.
"""

import importlib
import os
import pathlib
import sys

REPOSITORY = pathlib.Path(__file__).resolve().parents[3]
PROTOS = REPOSITORY / "Protos"
CONTROL_PROTO = "blockfence/control.proto"

# Under CI every tool is installed by scripts/test, so a test that would skip fails instead: a
# skip there would hide a broken setup.
IN_CI = os.environ.get("CI", "").lower() == "true"


def missing(reason):
    """A tool or facility a test needs is absent (`reason` says which): the test fails under
    CI=true and is skipped elsewhere."""
    import pytest

    if IN_CI:
        pytest.fail(f"CI=true and {reason}; scripts/bootstrap test installs what the tests need", pytrace=False)
    pytest.skip(reason)


def compile_protos(destination, protos, grpc=True):
    """Runs grpcio-tools' protoc on `protos` (paths below Protos/) into `destination`, with gRPC
    stubs unless `grpc` is false."""
    from grpc_tools import protoc

    include = pathlib.Path(protoc.__file__).parent / "_proto"
    destination = pathlib.Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    arguments = ["protoc", f"-I{PROTOS}", f"-I{include}", f"--python_out={destination}"]
    if grpc:
        arguments.append(f"--grpc_python_out={destination}")
    if protoc.main([*arguments, *protos]) != 0:
        raise RuntimeError(f"grpc_tools.protoc failed for {', '.join(protos)}")


def import_from(destination, *modules):
    """Imports generated modules from `destination`, which goes first on sys.path."""
    path = str(destination)
    if path not in sys.path:
        sys.path.insert(0, path)
    return [importlib.import_module(name) for name in modules]


def control_api(destination):
    """The messages and stubs of Protos/blockfence/control.proto, generated into `destination`:
    (control_pb2, control_pb2_grpc)."""
    compile_protos(destination, [CONTROL_PROTO])
    pb2, pb2_grpc = import_from(destination, "blockfence.control_pb2", "blockfence.control_pb2_grpc")
    return pb2, pb2_grpc
