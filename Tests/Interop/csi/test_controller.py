"""The Controller service as external-provisioner, external-attacher and external-resizer call it,
against a real control core and three storage servers."""

import uuid

import pytest

from csi_support import GiB, MiB, TOPOLOGY_KEY, block_capability, expect_status, mount_capability


def unique(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def create(pb2, stubs, name, required=0, limit=0, parameters=None, capabilities=None):
    return stubs.controller.CreateVolume(
        pb2.CreateVolumeRequest(
            name=name, capacity_range=pb2.CapacityRange(required_bytes=required, limit_bytes=limit),
            volume_capabilities=capabilities or [mount_capability(pb2)], parameters=parameters or {}),
        timeout=30).volume


def test_capabilities_cover_provisioning_attachment_listing_and_expansion(csi, stubs):
    pb2, _ = csi
    answer = stubs.controller.ControllerGetCapabilities(pb2.ControllerGetCapabilitiesRequest(), timeout=10)
    Type = pb2.ControllerServiceCapability.RPC.Type
    offered = {capability.rpc.type for capability in answer.capabilities}
    assert {Type.CREATE_DELETE_VOLUME, Type.PUBLISH_UNPUBLISH_VOLUME, Type.LIST_VOLUMES, Type.GET_CAPACITY,
            Type.EXPAND_VOLUME, Type.LIST_VOLUMES_PUBLISHED_NODES, Type.VOLUME_CONDITION,
            Type.GET_VOLUME} <= offered
    assert Type.CREATE_DELETE_SNAPSHOT not in offered and Type.CLONE_VOLUME not in offered


def test_create_rounds_up_places_replicas_and_is_idempotent_by_name(csi, stubs):
    pb2, _ = csi
    name = unique("pvc")
    volume = create(pb2, stubs, name, required=10 * MiB + 1, parameters={"replicas": "2", "fsType": "ext4"})
    assert volume.volume_id == name
    assert volume.capacity_bytes == 10 * MiB + 4096
    assert volume.volume_context["fsType"] == "ext4" and volume.volume_context["replicas"] == "2"
    nodes = sorted(topology.segments[TOPOLOGY_KEY] for topology in volume.accessible_topology)
    assert len(nodes) == 2 and set(nodes) <= {"n1", "n2", "n3"}

    again = create(pb2, stubs, name, required=10 * MiB + 1, parameters={"replicas": "2", "fsType": "ext4"})
    assert again == volume

    # The same name asking for another volume is a conflict, not a second volume.
    expect_status("ALREADY_EXISTS", stubs.controller.CreateVolume,
                  pb2.CreateVolumeRequest(name=name, capacity_range=pb2.CapacityRange(required_bytes=64 * MiB),
                                          volume_capabilities=[mount_capability(pb2)],
                                          parameters={"replicas": "2", "fsType": "ext4"}))
    expect_status("ALREADY_EXISTS", stubs.controller.CreateVolume,
                  pb2.CreateVolumeRequest(name=name, volume_capabilities=[mount_capability(pb2)],
                                          capacity_range=pb2.CapacityRange(required_bytes=10 * MiB + 1),
                                          parameters={"replicas": "3", "fsType": "ext4"}))
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=name), timeout=30)


def test_create_without_a_range_gets_the_default_size_within_the_limit(csi, stubs):
    pb2, _ = csi
    default = create(pb2, stubs, unique("pvc"))
    limited = create(pb2, stubs, unique("pvc"), limit=8 * MiB + 100)
    assert default.capacity_bytes == GiB
    assert limited.capacity_bytes == 8 * MiB
    for volume in (default, limited):
        stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=volume.volume_id), timeout=30)


@pytest.mark.parametrize("case", [
    "missing name", "missing capabilities", "unknown parameter", "too many replicas", "unknown file system",
    "multi-node writers", "capability without access mode", "content source",
])
def test_create_rejects_bad_requests_naming_the_field(csi, stubs, case):
    pb2, _ = csi
    request = pb2.CreateVolumeRequest(name=unique("bad"), volume_capabilities=[mount_capability(pb2)],
                                      capacity_range=pb2.CapacityRange(required_bytes=MiB))
    mentions = None
    if case == "missing name":
        request.name = ""
        mentions = "name"
    elif case == "missing capabilities":
        del request.volume_capabilities[:]
        mentions = "volume_capabilities"
    elif case == "unknown parameter":
        request.parameters["replica"] = "2"
        mentions = "replica"
    elif case == "too many replicas":
        request.parameters["replicas"] = "4"
        mentions = "replicas"
    elif case == "unknown file system":
        request.parameters["fsType"] = "btrfs"
        mentions = "fsType"
    elif case == "multi-node writers":
        request.volume_capabilities[0].access_mode.mode = pb2.VolumeCapability.AccessMode.MULTI_NODE_MULTI_WRITER
    elif case == "capability without access mode":
        request.volume_capabilities[0].ClearField("access_mode")
        mentions = "access_mode"
    elif case == "content source":
        request.volume_content_source.volume.volume_id = "demo"
        mentions = "volume_content_source"
    expect_status("INVALID_ARGUMENT", stubs.controller.CreateVolume, request, mentions=mentions)
    # Nothing was provisioned for a refused request.
    if request.name:
        expect_status("NOT_FOUND", stubs.controller.ControllerGetVolume,
                      pb2.ControllerGetVolumeRequest(volume_id=request.name))


def test_a_range_no_whole_page_size_fits_is_out_of_range(csi, stubs):
    pb2, _ = csi
    for required, limit in [(4097, 8191), (1, 4096), (10 * MiB, 5 * MiB)]:
        expect_status("OUT_OF_RANGE", stubs.controller.CreateVolume,
                      pb2.CreateVolumeRequest(name=unique("range"), volume_capabilities=[mount_capability(pb2)],
                                              capacity_range=pb2.CapacityRange(required_bytes=required,
                                                                               limit_bytes=limit)))
    # mkfs.xfs makes nothing smaller than 300 MiB.
    expect_status("OUT_OF_RANGE", stubs.controller.CreateVolume,
                  pb2.CreateVolumeRequest(name=unique("range"), volume_capabilities=[mount_capability(pb2, "xfs")],
                                          capacity_range=pb2.CapacityRange(required_bytes=MiB, limit_bytes=MiB)))


def test_publish_records_one_node_and_refuses_a_second(csi, stubs):
    pb2, _ = csi
    name = create(pb2, stubs, unique("pub"), required=MiB).volume_id
    publish = pb2.ControllerPublishVolumeRequest(volume_id=name, node_id="n1",
                                                 volume_capability=mount_capability(pb2))
    first = stubs.controller.ControllerPublishVolume(publish, timeout=30)
    assert first.publish_context["exportName"] == name
    assert stubs.controller.ControllerPublishVolume(publish, timeout=30) == first

    elsewhere = pb2.ControllerPublishVolumeRequest(volume_id=name, node_id="n2",
                                                   volume_capability=mount_capability(pb2))
    expect_status("FAILED_PRECONDITION", stubs.controller.ControllerPublishVolume, elsewhere, mentions="n1")
    # The same node with the other read-only setting is a conflicting publication.
    read_only = pb2.ControllerPublishVolumeRequest(volume_id=name, node_id="n1", readonly=True,
                                                   volume_capability=mount_capability(pb2))
    expect_status("ALREADY_EXISTS", stubs.controller.ControllerPublishVolume, read_only)

    status = stubs.controller.ControllerGetVolume(pb2.ControllerGetVolumeRequest(volume_id=name), timeout=30).status
    assert list(status.published_node_ids) == ["n1"]
    # A volume in use is not deleted from under its node.
    expect_status("FAILED_PRECONDITION", stubs.controller.DeleteVolume, pb2.DeleteVolumeRequest(volume_id=name))

    unpublish = pb2.ControllerUnpublishVolumeRequest(volume_id=name, node_id="n1")
    stubs.controller.ControllerUnpublishVolume(unpublish, timeout=30)
    stubs.controller.ControllerUnpublishVolume(unpublish, timeout=30)
    stubs.controller.ControllerPublishVolume(elsewhere, timeout=30)
    # No node means every node.
    stubs.controller.ControllerUnpublishVolume(pb2.ControllerUnpublishVolumeRequest(volume_id=name), timeout=30)
    status = stubs.controller.ControllerGetVolume(pb2.ControllerGetVolumeRequest(volume_id=name), timeout=30).status
    assert list(status.published_node_ids) == []
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=name), timeout=30)


def test_publish_errors_for_unknown_volumes_nodes_and_missing_fields(csi, stubs):
    pb2, _ = csi
    capability = mount_capability(pb2)
    expect_status("NOT_FOUND", stubs.controller.ControllerPublishVolume,
                  pb2.ControllerPublishVolumeRequest(volume_id="no-such-volume", node_id="n1",
                                                     volume_capability=capability))
    expect_status("NOT_FOUND", stubs.controller.ControllerPublishVolume,
                  pb2.ControllerPublishVolumeRequest(volume_id="demo", node_id="no-such-node",
                                                     volume_capability=capability))
    expect_status("INVALID_ARGUMENT", stubs.controller.ControllerPublishVolume,
                  pb2.ControllerPublishVolumeRequest(node_id="n1", volume_capability=capability), mentions="volume_id")
    expect_status("INVALID_ARGUMENT", stubs.controller.ControllerPublishVolume,
                  pb2.ControllerPublishVolumeRequest(volume_id="demo", volume_capability=capability),
                  mentions="node_id")
    expect_status("INVALID_ARGUMENT", stubs.controller.ControllerPublishVolume,
                  pb2.ControllerPublishVolumeRequest(volume_id="demo", node_id="n1"), mentions="volume_capability")
    # Unpublishing what does not exist succeeds: the attacher may be retrying.
    stubs.controller.ControllerUnpublishVolume(
        pb2.ControllerUnpublishVolumeRequest(volume_id="no-such-volume", node_id="n1"), timeout=30)
    expect_status("INVALID_ARGUMENT", stubs.controller.ControllerUnpublishVolume,
                  pb2.ControllerUnpublishVolumeRequest(node_id="n1"), mentions="volume_id")


def test_validate_confirms_single_node_capabilities_only(csi, stubs):
    pb2, _ = csi
    confirmed = stubs.controller.ValidateVolumeCapabilities(
        pb2.ValidateVolumeCapabilitiesRequest(volume_id="demo", volume_capabilities=[mount_capability(pb2),
                                                                                      block_capability(pb2)]),
        timeout=30)
    assert confirmed.HasField("confirmed") and len(confirmed.confirmed.volume_capabilities) == 2
    refused = stubs.controller.ValidateVolumeCapabilities(
        pb2.ValidateVolumeCapabilitiesRequest(
            volume_id="demo", volume_capabilities=[mount_capability(pb2, mode="MULTI_NODE_MULTI_WRITER")]),
        timeout=30)
    assert not refused.HasField("confirmed") and refused.message
    expect_status("NOT_FOUND", stubs.controller.ValidateVolumeCapabilities,
                  pb2.ValidateVolumeCapabilitiesRequest(volume_id="no-such-volume",
                                                        volume_capabilities=[mount_capability(pb2)]))
    expect_status("INVALID_ARGUMENT", stubs.controller.ValidateVolumeCapabilities,
                  pb2.ValidateVolumeCapabilitiesRequest(volume_id="demo"), mentions="volume_capabilities")


def test_list_volumes_pages_through_every_volume_once(csi, stubs):
    pb2, _ = csi
    created = [create(pb2, stubs, unique("page"), required=MiB).volume_id for _ in range(3)]
    everything = stubs.controller.ListVolumes(pb2.ListVolumesRequest(), timeout=30)
    assert not everything.next_token
    names = [entry.volume.volume_id for entry in everything.entries]
    assert set(created) | {"demo"} <= set(names)

    paged, token, pages = [], "", 0
    while True:
        page = stubs.controller.ListVolumes(pb2.ListVolumesRequest(max_entries=2, starting_token=token), timeout=30)
        assert len(page.entries) <= 2
        paged += [entry.volume.volume_id for entry in page.entries]
        pages += 1
        token = page.next_token
        if not token:
            break
        assert pages < 100
    assert paged == names and pages == (len(names) + 1) // 2

    # A token names the last entry of its page: a volume deleted in between shifts nothing.
    # The first of ours in the list, so that the other two follow it.
    gone = min(created)
    position = names.index(gone)
    first = stubs.controller.ListVolumes(pb2.ListVolumesRequest(max_entries=position + 1), timeout=30)
    assert first.entries[-1].volume.volume_id == gone and first.next_token
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=gone), timeout=30)
    second = stubs.controller.ListVolumes(pb2.ListVolumesRequest(max_entries=2, starting_token=first.next_token),
                                          timeout=30)
    assert [entry.volume.volume_id for entry in second.entries] == names[position + 1:position + 3]

    for token in ["not-a-token", "999999", "+2", "00003", "2"]:
        expect_status("ABORTED", stubs.controller.ListVolumes, pb2.ListVolumesRequest(starting_token=token))
    expect_status("INVALID_ARGUMENT", stubs.controller.ListVolumes, pb2.ListVolumesRequest(max_entries=-1))
    for name in created:
        stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=name), timeout=30)


def test_capacity_reflects_the_replica_count_and_topology(csi, stubs):
    pb2, _ = csi
    one_node = pb2.Topology(segments={TOPOLOGY_KEY: "n2"})
    two = stubs.controller.GetCapacity(pb2.GetCapacityRequest(), timeout=30)
    three = stubs.controller.GetCapacity(pb2.GetCapacityRequest(parameters={"replicas": "3"}), timeout=30)
    single = stubs.controller.GetCapacity(
        pb2.GetCapacityRequest(parameters={"replicas": "1"}, accessible_topology=one_node), timeout=30)
    # Three replicas on three nodes, one of them the topology's node.
    crowded = stubs.controller.GetCapacity(
        pb2.GetCapacityRequest(parameters={"replicas": "3"}, accessible_topology=one_node), timeout=30)
    nowhere = stubs.controller.GetCapacity(
        pb2.GetCapacityRequest(accessible_topology=pb2.Topology(segments={TOPOLOGY_KEY: "no-such-node"})),
        timeout=30)
    assert two.available_capacity > 0 and three.available_capacity > 0 and single.available_capacity > 0
    assert 0 < crowded.available_capacity <= min(three.available_capacity, single.available_capacity)
    assert nowhere.available_capacity == 0
    assert two.maximum_volume_size.value % 4096 == 0 and two.maximum_volume_size.value <= two.available_capacity
    assert two.minimum_volume_size.value == MiB
    expect_status("INVALID_ARGUMENT", stubs.controller.GetCapacity,
                  pb2.GetCapacityRequest(parameters={"colour": "blue"}), mentions="colour")
    expect_status("INVALID_ARGUMENT", stubs.controller.GetCapacity,
                  pb2.GetCapacityRequest(volume_capabilities=[mount_capability(pb2, mode="MULTI_NODE_READER_ONLY")]))


def test_expand_grows_and_asks_the_node_to_grow_the_file_system(csi, stubs):
    pb2, _ = csi
    name = create(pb2, stubs, unique("grow"), required=4 * MiB).volume_id
    grown = stubs.controller.ControllerExpandVolume(
        pb2.ControllerExpandVolumeRequest(volume_id=name, capacity_range=pb2.CapacityRange(required_bytes=8 * MiB + 1),
                                          volume_capability=mount_capability(pb2)), timeout=30)
    assert grown.capacity_bytes == 8 * MiB + 4096 and grown.node_expansion_required
    # Asking for less than it has changes nothing; a raw block volume needs no node step.
    same = stubs.controller.ControllerExpandVolume(
        pb2.ControllerExpandVolumeRequest(volume_id=name, capacity_range=pb2.CapacityRange(required_bytes=2 * MiB),
                                          volume_capability=block_capability(pb2)), timeout=30)
    assert same.capacity_bytes == 8 * MiB + 4096 and not same.node_expansion_required
    volume = stubs.controller.ControllerGetVolume(pb2.ControllerGetVolumeRequest(volume_id=name), timeout=30).volume
    assert volume.capacity_bytes == 8 * MiB + 4096

    expect_status("NOT_FOUND", stubs.controller.ControllerExpandVolume,
                  pb2.ControllerExpandVolumeRequest(volume_id="no-such-volume",
                                                    capacity_range=pb2.CapacityRange(required_bytes=8 * MiB)))
    expect_status("INVALID_ARGUMENT", stubs.controller.ControllerExpandVolume,
                  pb2.ControllerExpandVolumeRequest(volume_id=name), mentions="capacity_range")
    expect_status("INVALID_ARGUMENT", stubs.controller.ControllerExpandVolume,
                  pb2.ControllerExpandVolumeRequest(capacity_range=pb2.CapacityRange(required_bytes=8 * MiB)),
                  mentions="volume_id")
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=name), timeout=30)


def test_get_volume_reports_the_condition_and_unknown_volumes(csi, stubs):
    pb2, _ = csi
    answer = stubs.controller.ControllerGetVolume(pb2.ControllerGetVolumeRequest(volume_id="demo"), timeout=30)
    assert answer.volume.volume_id == "demo" and answer.volume.capacity_bytes == GiB
    assert answer.status.HasField("volume_condition") and answer.status.volume_condition.message
    expect_status("NOT_FOUND", stubs.controller.ControllerGetVolume,
                  pb2.ControllerGetVolumeRequest(volume_id="no-such-volume"))
    expect_status("INVALID_ARGUMENT", stubs.controller.ControllerGetVolume, pb2.ControllerGetVolumeRequest(),
                  mentions="volume_id")


def test_delete_is_idempotent_and_unknown_volumes_succeed(csi, stubs):
    pb2, _ = csi
    name = create(pb2, stubs, unique("gone"), required=MiB).volume_id
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=name), timeout=30)
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=name), timeout=30)
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id="never-existed"), timeout=30)
    expect_status("NOT_FOUND", stubs.controller.ControllerGetVolume, pb2.ControllerGetVolumeRequest(volume_id=name))
    expect_status("INVALID_ARGUMENT", stubs.controller.DeleteVolume, pb2.DeleteVolumeRequest(), mentions="volume_id")


def test_snapshots_and_modification_are_unimplemented(csi, stubs):
    pb2, _ = csi
    expect_status("UNIMPLEMENTED", stubs.controller.CreateSnapshot,
                  pb2.CreateSnapshotRequest(source_volume_id="demo", name="snap"))
    expect_status("UNIMPLEMENTED", stubs.controller.ListSnapshots, pb2.ListSnapshotsRequest())
    expect_status("UNIMPLEMENTED", stubs.controller.DeleteSnapshot, pb2.DeleteSnapshotRequest(snapshot_id="snap"))
    expect_status("UNIMPLEMENTED", stubs.controller.ControllerModifyVolume,
                  pb2.ControllerModifyVolumeRequest(volume_id="demo"))


def test_concurrent_creates_of_one_name_provision_one_volume(csi, stubs):
    import concurrent.futures

    import grpc

    pb2, _ = csi
    name = unique("race")
    request = pb2.CreateVolumeRequest(name=name, volume_capabilities=[mount_capability(pb2)],
                                      capacity_range=pb2.CapacityRange(required_bytes=MiB))

    def attempt(_):
        try:
            return stubs.controller.CreateVolume(request, timeout=30).volume.volume_id
        except grpc.RpcError as error:
            # A call that finds another one running on the same name is told to retry.
            assert error.code() == grpc.StatusCode.ABORTED, error.details()
            return None

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(16)))
    assert any(results) and all(result in (None, name) for result in results)
    listed = [entry.volume.volume_id for entry in stubs.controller.ListVolumes(pb2.ListVolumesRequest(),
                                                                                timeout=30).entries]
    assert listed.count(name) == 1
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=name), timeout=30)


def test_replicas_go_where_the_claims_topology_allows(csi, stubs):
    pb2, _ = csi

    def requirement(requisite, preferred=()):
        return pb2.TopologyRequirement(
            requisite=[pb2.Topology(segments={TOPOLOGY_KEY: node}) for node in requisite],
            preferred=[pb2.Topology(segments={TOPOLOGY_KEY: node}) for node in preferred])

    def create_in(name, replicas, topology):
        return stubs.controller.CreateVolume(
            pb2.CreateVolumeRequest(name=name, volume_capabilities=[mount_capability(pb2)],
                                    capacity_range=pb2.CapacityRange(required_bytes=MiB),
                                    parameters={"replicas": str(replicas)}, accessibility_requirements=topology),
            timeout=30).volume

    def nodes_of(volume):
        return sorted(topology.segments[TOPOLOGY_KEY] for topology in volume.accessible_topology)

    only_n3 = create_in(unique("requisite"), 1, requirement(["n3"]))
    assert nodes_of(only_n3) == ["n3"]
    for preferred in ("n1", "n2", "n3"):
        volume = create_in(unique("preferred"), 1, requirement(["n1", "n2", "n3"], [preferred]))
        assert nodes_of(volume) == [preferred]
        stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=volume.volume_id), timeout=30)
    # Three replicas cannot fit on the one node the claim allows.
    expect_status("RESOURCE_EXHAUSTED", stubs.controller.CreateVolume,
                  pb2.CreateVolumeRequest(name=unique("crowded"), volume_capabilities=[mount_capability(pb2)],
                                          capacity_range=pb2.CapacityRange(required_bytes=MiB),
                                          parameters={"replicas": "3"}, accessibility_requirements=requirement(["n1"])))
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=only_n3.volume_id), timeout=30)


def test_sizes_the_nodes_cannot_hold_are_out_of_range_and_nothing_is_created(csi, stubs):
    pb2, _ = csi
    PiB = 1 << 50
    name = unique("huge")
    # Far above any loopback test machine's disk, and above ext4's largest file.
    expect_status("OUT_OF_RANGE", stubs.controller.CreateVolume,
                  pb2.CreateVolumeRequest(name=name, volume_capabilities=[mount_capability(pb2)],
                                          capacity_range=pb2.CapacityRange(required_bytes=PiB)),
                  mentions="holds at most")
    expect_status("NOT_FOUND", stubs.controller.ControllerGetVolume, pb2.ControllerGetVolumeRequest(volume_id=name))

    small = create(pb2, stubs, unique("grow"), required=4 * MiB).volume_id
    expect_status("OUT_OF_RANGE", stubs.controller.ControllerExpandVolume,
                  pb2.ControllerExpandVolumeRequest(volume_id=small,
                                                    capacity_range=pb2.CapacityRange(required_bytes=32 * PiB),
                                                    volume_capability=mount_capability(pb2)),
                  mentions="holds at most")
    answer = stubs.controller.ControllerGetVolume(pb2.ControllerGetVolumeRequest(volume_id=small), timeout=30)
    assert answer.volume.capacity_bytes == 4 * MiB
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=small), timeout=30)


def test_two_controllers_never_publish_a_volume_to_two_nodes(csi, stubs, start_plugin):
    """Two controller plugins overlap during a leader hand-over: racing publications of one volume
    to two nodes must leave it on one node, the other answered FAILED_PRECONDITION."""
    import threading

    import grpc

    pb2, pb2_grpc = csi
    other = start_plugin("controller-b", mode="controller")
    channel = grpc.insecure_channel("unix://" + other.socket_path)
    controllers = [stubs.controller, pb2_grpc.ControllerStub(channel)]
    try:
        for _ in range(8):
            name = create(pb2, stubs, unique("race"), required=MiB).volume_id
            barrier = threading.Barrier(2)
            outcomes = [None, None]

            def publish(index, node):
                request = pb2.ControllerPublishVolumeRequest(volume_id=name, node_id=node,
                                                             volume_capability=mount_capability(pb2))
                barrier.wait()
                try:
                    controllers[index].ControllerPublishVolume(request, timeout=30)
                    outcomes[index] = "OK"
                except grpc.RpcError as error:
                    outcomes[index] = error.code().name

            threads = [threading.Thread(target=publish, args=(0, "n1")),
                       threading.Thread(target=publish, args=(1, "n2"))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            assert sorted(outcomes) == ["FAILED_PRECONDITION", "OK"], outcomes
            status = stubs.controller.ControllerGetVolume(pb2.ControllerGetVolumeRequest(volume_id=name),
                                                          timeout=30).status
            assert len(status.published_node_ids) == 1
            stubs.controller.ControllerUnpublishVolume(pb2.ControllerUnpublishVolumeRequest(volume_id=name),
                                                       timeout=30)
            stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=name), timeout=30)
    finally:
        channel.close()


def test_huge_ids_get_their_own_status_with_a_bounded_message(csi, stubs):
    pb2, _ = csi
    huge = "v" * 20000
    error = expect_status("NOT_FOUND", stubs.controller.ControllerGetVolume,
                          pb2.ControllerGetVolumeRequest(volume_id=huge))
    assert len(error.details()) <= 1024
    expect_status("NOT_FOUND", stubs.controller.ControllerPublishVolume,
                  pb2.ControllerPublishVolumeRequest(volume_id=huge, node_id="n1",
                                                     volume_capability=mount_capability(pb2)))
    expect_status("NOT_FOUND", stubs.controller.ControllerPublishVolume,
                  pb2.ControllerPublishVolumeRequest(volume_id="demo", node_id=huge,
                                                     volume_capability=mount_capability(pb2)))
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=huge), timeout=30)
    stubs.controller.ControllerUnpublishVolume(pb2.ControllerUnpublishVolumeRequest(volume_id=huge), timeout=30)
    expect_status("INVALID_ARGUMENT", stubs.controller.CreateVolume,
                  pb2.CreateVolumeRequest(name=huge, volume_capabilities=[mount_capability(pb2)]), mentions="name")


def test_the_same_name_for_another_access_type_or_topology_is_already_exists(csi, stubs):
    pb2, _ = csi
    name = unique("kind")
    volume = stubs.controller.CreateVolume(
        pb2.CreateVolumeRequest(name=name, volume_capabilities=[block_capability(pb2)],
                                capacity_range=pb2.CapacityRange(required_bytes=MiB)), timeout=30).volume
    expect_status("ALREADY_EXISTS", stubs.controller.CreateVolume,
                  pb2.CreateVolumeRequest(name=name, volume_capabilities=[mount_capability(pb2)],
                                          capacity_range=pb2.CapacityRange(required_bytes=MiB)))
    expect_status("ALREADY_EXISTS", stubs.controller.CreateVolume,
                  pb2.CreateVolumeRequest(name=name, volume_capabilities=[mount_capability(pb2, "ext4")],
                                          capacity_range=pb2.CapacityRange(required_bytes=MiB)))
    placed = {topology.segments[TOPOLOGY_KEY] for topology in volume.accessible_topology}
    elsewhere = sorted({"n1", "n2", "n3"} - placed)
    requirement = pb2.TopologyRequirement(requisite=[pb2.Topology(segments={TOPOLOGY_KEY: node})
                                                     for node in elsewhere])
    expect_status("ALREADY_EXISTS", stubs.controller.CreateVolume,
                  pb2.CreateVolumeRequest(name=name, volume_capabilities=[block_capability(pb2)],
                                          capacity_range=pb2.CapacityRange(required_bytes=MiB),
                                          accessibility_requirements=requirement))
    again = stubs.controller.CreateVolume(
        pb2.CreateVolumeRequest(name=name, volume_capabilities=[block_capability(pb2)],
                                capacity_range=pb2.CapacityRange(required_bytes=MiB)), timeout=30).volume
    assert again == volume
    stubs.controller.DeleteVolume(pb2.DeleteVolumeRequest(volume_id=name), timeout=30)
