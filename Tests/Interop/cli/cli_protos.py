"""Python modules for Protos/blockfence/control.proto, generated with grpcio-tools at test time.

The suite compiles the same .proto the Swift client is generated from, so the fake control core
and the command under test share one schema. Generated code goes to a scratch directory.
"""

import importlib
import pathlib
import sys
import types

REPOSITORY = pathlib.Path(__file__).resolve().parents[3]
PROTOS = REPOSITORY / "Protos"
CONTROL_PROTO = "blockfence/control.proto"


def generate(destination):
    """Runs grpcio-tools' protoc into `destination`."""
    from grpc_tools import protoc

    include = pathlib.Path(protoc.__file__).parent / "_proto"
    destination = pathlib.Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    arguments = [
        "protoc",
        f"-I{PROTOS}",
        f"-I{include}",
        f"--python_out={destination}",
        f"--grpc_python_out={destination}",
        CONTROL_PROTO,
    ]
    if protoc.main(arguments) != 0:
        raise RuntimeError(f"grpc_tools.protoc failed for {CONTROL_PROTO}")


def load(destination):
    """Imports the generated modules from `destination`."""
    path = str(destination)
    if path not in sys.path:
        sys.path.insert(0, path)
    return types.SimpleNamespace(
        directory=path,
        pb2=importlib.import_module("blockfence.control_pb2"),
        pb2_grpc=importlib.import_module("blockfence.control_pb2_grpc"),
    )
