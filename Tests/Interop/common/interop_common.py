"""What every interop suite shares: how a missing tool is treated, and Python modules generated
from the repository's .proto files with grpcio-tools.

A suite puts this folder on sys.path in its conftest.py; a module that a suite's subprocesses
import puts it there itself.
"""

import importlib
import os
import socket
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


# Ports handed out in this process. The kernel may give the same ephemeral port to two probes in
# a row once the first probe is closed, and two servers of one cluster would then be told to
# listen on one port; so a port is handed out once.
_handed_out_ports = set()


def _port_is_free(port, host="127.0.0.1"):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
            return True
        except OSError:
            return False


def free_port(host="127.0.0.1"):
    """A port nothing listens on now and that this process has not handed out before."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind((host, 0))
            port = probe.getsockname()[1]
        if port not in _handed_out_ports:
            _handed_out_ports.add(port)
            return port
    raise AssertionError("no free port found")


def free_ports(offsets):
    """A base port such that base + every offset is free and none was handed out before."""
    for _ in range(200):
        base = free_port()
        others = [base + offset for offset in offsets if offset != 0]
        if base + max(offsets) >= 65000 or _handed_out_ports.intersection(others):
            continue
        if all(_port_is_free(port) for port in others):
            _handed_out_ports.update(others)
            return base
    raise AssertionError("no free ports found")
