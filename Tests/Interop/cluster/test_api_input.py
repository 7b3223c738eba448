"""Bad and repeated input through the control API, on a cluster of real servers.

The API's documented rules (Protos/blockfence/control.proto): names of lower-case letters, digits,
'-', '.', '_', starting with a letter or digit, at most 128; sizes a multiple of 4096 and at least
1 MiB; 1 to 3 replicas (0 means 2); the same create again is idempotent, a different one with the
same name is ALREADY_EXISTS; an attached volume is deleted only when forced. Each case would fail
if the control core accepted what it must refuse (or refused what it must accept), or answered
with another status code than the one callers are told to expect.
"""

import grpc
import nbd
import pytest

from cluster_support import close_quietly, connect, unique_name, wait_until

MiB = 1 << 20


def code_of(call):
    try:
        call()
    except grpc.RpcError as error:
        return error.code()
    return grpc.StatusCode.OK


def create(cluster, name, size_bytes=4 * MiB, replicas=2, parameters=None):
    return cluster.control.CreateVolume(
        cluster.pb2.CreateVolumeRequest(name=name, size_bytes=size_bytes, replica_count=replicas,
                                        parameters=parameters or {}), timeout=10)


@pytest.mark.parametrize("name", [
    "", "Upper", "-leading-dash", ".hidden", "_under", "with space", "slash/inside", "dot..ok-but-UPPER",
    "ünïcode", "tab\tinside", "nul\x00inside", "x" * 129,
])
def test_invalid_volume_names_are_invalid_argument(shared_cluster, name):
    assert code_of(lambda: create(shared_cluster, name)) == grpc.StatusCode.INVALID_ARGUMENT


@pytest.mark.parametrize("name", ["a", "0", "a-b.c_d", "9lives", "x" * 128])
def test_valid_volume_names_are_created_and_served(shared_cluster, name):
    response = create(shared_cluster, name)
    assert response.created and response.volume.name == name
    served = shared_cluster.wait_serving(name)
    shared_cluster.control.DeleteVolume(shared_cluster.pb2.DeleteVolumeRequest(volume=name), timeout=10)
    assert served.nbd_uri.endswith("/" + name)


@pytest.mark.parametrize("size_bytes", [0, 4096, MiB - 4096, MiB + 512, 3 * MiB + 1, 2 ** 63, 2 ** 64 - 4096])
def test_invalid_sizes_are_invalid_argument(shared_cluster, size_bytes):
    assert code_of(lambda: create(shared_cluster, unique_name("size"), size_bytes=size_bytes)) \
        == grpc.StatusCode.INVALID_ARGUMENT


@pytest.mark.parametrize("replicas", [4, 100, 2 ** 32 - 1])
def test_invalid_replica_counts_are_invalid_argument(shared_cluster, replicas):
    assert code_of(lambda: create(shared_cluster, unique_name("count"), replicas=replicas)) \
        == grpc.StatusCode.INVALID_ARGUMENT


def test_the_same_create_twice_is_idempotent_and_a_different_one_already_exists(shared_cluster):
    name = unique_name("twice")
    first = create(shared_cluster, name, replicas=0)  # 0 means the default, 2
    assert first.created and first.volume.replica_count == 2
    again = create(shared_cluster, name, replicas=2)
    assert not again.created and again.volume.id == first.volume.id
    assert again.volume.assignment.epoch == first.volume.assignment.epoch, "a repeated create minted an epoch"
    for different in [dict(size_bytes=8 * MiB), dict(replicas=3), dict(replicas=1),
                      dict(parameters={"tier": "fast"})]:
        assert code_of(lambda: create(shared_cluster, name, **different)) == grpc.StatusCode.ALREADY_EXISTS, \
            different
    # Nothing about the volume changed.
    assert shared_cluster.get_volume(name).size_bytes == 4 * MiB


def test_an_attached_volume_is_deleted_only_when_forced(shared_cluster):
    pb2, control = shared_cluster.pb2, shared_cluster.control
    name = unique_name("attached")
    volume = shared_cluster.create_volume(name, size_bytes=4 * MiB, replicas=2)
    handle = connect(volume.nbd_uri)
    handle.pwrite(b"k" * 4096, 0)
    control.AttachVolume(pb2.AttachVolumeRequest(volume=name, node="worker-1"), timeout=10)
    control.AttachVolume(pb2.AttachVolumeRequest(volume=name, node="worker-1"), timeout=10)  # idempotent
    assert shared_cluster.get_volume(name).attached_nodes == ["worker-1"]

    assert code_of(lambda: control.DeleteVolume(pb2.DeleteVolumeRequest(volume=name), timeout=10)) \
        == grpc.StatusCode.FAILED_PRECONDITION
    # Refused means untouched: still served, data still there.
    assert handle.pread(4096, 0) == b"k" * 4096

    control.DeleteVolume(pb2.DeleteVolumeRequest(volume=name, force=True), timeout=10)
    assert code_of(lambda: shared_cluster.get_volume(name)) == grpc.StatusCode.NOT_FOUND
    # The primary stops serving it (it hears of the deletion after DeleteVolume returns, so
    # soon rather than at once), and every server removes its replica.
    def refused():
        try:
            handle.pread(4096, 0)
            return False
        except nbd.Error:
            return True

    wait_until(refused, 5, what="the open connection to the deleted volume to be refused")
    close_quietly(handle)
    for node in shared_cluster.nodes.values():
        replica = node.data_dir / "volumes" / volume.id
        wait_until(lambda replica=replica: not replica.exists(), 10, what=f"{replica} to be removed")


def test_unknown_volumes_and_bad_operations(shared_cluster):
    pb2, control = shared_cluster.pb2, shared_cluster.control
    missing = unique_name("missing")
    assert code_of(lambda: control.DeleteVolume(pb2.DeleteVolumeRequest(volume=missing), timeout=10)) \
        == grpc.StatusCode.NOT_FOUND
    assert code_of(lambda: shared_cluster.failover(missing)) == grpc.StatusCode.NOT_FOUND
    name = unique_name("ops")
    volume = shared_cluster.create_volume(name, size_bytes=8 * MiB, replicas=2)
    outsider = next(node for node in shared_cluster.nodes if node not in volume.assignment.replica_nodes)
    assert code_of(lambda: shared_cluster.failover(name, target=outsider)) == grpc.StatusCode.FAILED_PRECONDITION
    assert code_of(lambda: shared_cluster.failover(name, target=volume.assignment.primary_node)) \
        == grpc.StatusCode.FAILED_PRECONDITION
    shrink = pb2.ExpandVolumeRequest(volume=name, size_bytes=4 * MiB)
    assert code_of(lambda: control.ExpandVolume(shrink, timeout=10)) == grpc.StatusCode.INVALID_ARGUMENT
    bad_node = pb2.AttachVolumeRequest(volume=name, node="Not A Node")
    assert code_of(lambda: control.AttachVolume(bad_node, timeout=10)) == grpc.StatusCode.INVALID_ARGUMENT
    # Refusals minted nothing.
    assert shared_cluster.get_volume(name).assignment.epoch == volume.assignment.epoch
    control.DeleteVolume(pb2.DeleteVolumeRequest(volume=name), timeout=10)
