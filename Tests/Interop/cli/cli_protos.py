"""Python modules for Protos/blockfence/control.proto, generated with grpcio-tools at test time.

The suite compiles the same .proto the Swift client is generated from, so the fake control core
and the command under test share one schema. Generated code goes to a scratch directory.
"""

import pathlib
import sys
import types

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "common"))

from interop_common import CONTROL_PROTO, compile_protos, import_from  # noqa: E402


def generate(destination):
    """Runs grpcio-tools' protoc into `destination`."""
    compile_protos(destination, [CONTROL_PROTO])


def load(destination):
    """Imports the generated modules from `destination`."""
    pb2, pb2_grpc = import_from(destination, "blockfence.control_pb2", "blockfence.control_pb2_grpc")
    return types.SimpleNamespace(directory=str(destination), pb2=pb2, pb2_grpc=pb2_grpc)
