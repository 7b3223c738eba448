"""Python modules for the repository's .proto files, generated with grpcio-tools.

The suite compiles the same Protos/ files the Swift code is generated from, so both sides share
one schema. Generated code goes to a scratch directory, never into the repository.
"""

import importlib
import importlib.util
import os
import pathlib
import sys
import types

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "common"))

from interop_common import REPOSITORY, compile_protos  # noqa: E402,F401 (REPOSITORY: for conftest.py)

TEST_PROTOS = ["test/echo.proto", "test/conformance.proto", "test/shared_types.proto"]
HEALTH_PROTO = "grpc/health/v1/health.proto"


def generate(destination: pathlib.Path) -> None:
    """Runs grpcio-tools' protoc into `destination`."""
    compile_protos(destination, TEST_PROTOS)
    # The health service is generated apart from the rest: its package path, grpc/, would shadow
    # grpcio's own package, so it is loaded by file path instead of imported.
    compile_protos(destination / "health", [HEALTH_PROTO], grpc=False)
    # Python's standard library has a package named `test`; a regular package listed first wins.
    (destination / "test" / "__init__.py").touch()


def load(destination: pathlib.Path) -> types.SimpleNamespace:
    """Imports the generated modules from `destination`."""
    path = str(destination)
    if path not in sys.path:
        sys.path.insert(0, path)
    if "test" in sys.modules and not getattr(sys.modules["test"], "__file__", "").startswith(path):
        del sys.modules["test"]
    echo_pb2 = importlib.import_module("test.echo_pb2")
    echo_pb2_grpc = importlib.import_module("test.echo_pb2_grpc")
    conformance_pb2 = importlib.import_module("test.conformance_pb2")
    shared_types_pb2 = importlib.import_module("test.shared_types_pb2")
    health_file = destination / "health" / "grpc" / "health" / "v1" / "health_pb2.py"
    specification = importlib.util.spec_from_file_location("blockfence_health_pb2", health_file)
    health_pb2 = importlib.util.module_from_spec(specification)
    specification.loader.exec_module(health_pb2)
    return types.SimpleNamespace(
        echo_pb2=echo_pb2,
        echo_pb2_grpc=echo_pb2_grpc,
        conformance_pb2=conformance_pb2,
        shared_types_pb2=shared_types_pb2,
        health_pb2=health_pb2,
    )


def load_from_environment() -> types.SimpleNamespace:
    """For helper processes: the directory the suite generated into, passed in the environment."""
    return load(pathlib.Path(os.environ["BLOCKFENCE_GENERATED_PYTHON"]))
