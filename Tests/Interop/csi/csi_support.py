"""Request builders and status checks shared by the CSI tests."""

import grpc
import pytest

MiB = 1 << 20
GiB = 1 << 30
TOPOLOGY_KEY = "topology.blockfence.csi.io/node"


def mount_capability(pb2, fs_type="", mode="SINGLE_NODE_WRITER"):
    return pb2.VolumeCapability(
        mount=pb2.VolumeCapability.MountVolume(fs_type=fs_type),
        access_mode=pb2.VolumeCapability.AccessMode(mode=pb2.VolumeCapability.AccessMode.Mode.Value(mode)))


def block_capability(pb2, mode="SINGLE_NODE_WRITER"):
    return pb2.VolumeCapability(
        block=pb2.VolumeCapability.BlockVolume(),
        access_mode=pb2.VolumeCapability.AccessMode(mode=pb2.VolumeCapability.AccessMode.Mode.Value(mode)))


def expect_status(code, call, *arguments, mentions=None, **options):
    """Calls and checks that it fails with `code` (a grpc.StatusCode name), with a message that
    names `mentions` when given; returns the error."""
    with pytest.raises(grpc.RpcError) as raised:
        call(*arguments, timeout=30, **options)
    error = raised.value
    assert error.code() == getattr(grpc.StatusCode, code), "%s: %s" % (error.code(), error.details())
    assert error.details(), "a failing status must carry a message"
    if mentions is not None:
        assert mentions in error.details(), error.details()
    return error
