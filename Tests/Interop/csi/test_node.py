"""The Node service as the kubelet calls it. This host has no nbd kernel module, so the tests
cover what is answered before any attach: node facts and every argument check."""

import os

import pytest

from csi_support import TOPOLOGY_KEY, block_capability, expect_status, mount_capability


def test_node_info_names_the_node_its_topology_and_device_limit(csi, stubs):
    pb2, _ = csi
    info = stubs.node.NodeGetInfo(pb2.NodeGetInfoRequest(), timeout=10)
    assert info.node_id == "n1"
    assert dict(info.accessible_topology.segments) == {TOPOLOGY_KEY: "n1"}
    assert info.max_volumes_per_node == 16


def test_node_capabilities_offer_staging_expansion_statistics_and_condition(csi, stubs):
    pb2, _ = csi
    answer = stubs.node.NodeGetCapabilities(pb2.NodeGetCapabilitiesRequest(), timeout=10)
    Type = pb2.NodeServiceCapability.RPC.Type
    assert {capability.rpc.type for capability in answer.capabilities} == {
        Type.STAGE_UNSTAGE_VOLUME, Type.EXPAND_VOLUME, Type.GET_VOLUME_STATS, Type.VOLUME_CONDITION}


def stage_cases(pb2, workdir):
    staging = os.path.join(workdir, "staging", "demo")
    good = dict(volume_id="demo", staging_target_path=staging, volume_capability=mount_capability(pb2),
                publish_context={"exportName": "demo"})
    return [
        ({**good, "volume_id": ""}, "volume_id"),
        ({**good, "staging_target_path": ""}, "staging_target_path"),
        ({**good, "staging_target_path": "relative/path"}, "staging_target_path"),
        ({k: v for k, v in good.items() if k != "volume_capability"}, "volume_capability"),
        ({**good, "volume_capability": mount_capability(pb2, fs_type="vfat")}, "vfat"),
        ({**good, "volume_capability": mount_capability(pb2, mode="MULTI_NODE_MULTI_WRITER")}, "access mode"),
        ({**good, "volume_capability": pb2.VolumeCapability(mount=pb2.VolumeCapability.MountVolume())},
         "access_mode"),
        ({**good, "volume_context": {"fsType": "btrfs"}}, "fsType"),
    ]


@pytest.mark.parametrize("index", range(8))
def test_stage_rejects_bad_requests_before_attaching(csi, stubs, workdir, index):
    pb2, _ = csi
    fields, mentions = stage_cases(pb2, workdir)[index]
    expect_status("INVALID_ARGUMENT", stubs.node.NodeStageVolume, pb2.NodeStageVolumeRequest(**fields),
                  mentions=mentions)


def test_publish_rejects_bad_requests_and_unstaged_volumes(csi, stubs, workdir):
    pb2, _ = csi
    staging = os.path.join(workdir, "staging", "demo")
    target = os.path.join(workdir, "pods", "demo")
    good = dict(volume_id="demo", staging_target_path=staging, target_path=target,
                volume_capability=mount_capability(pb2))
    for field in ["volume_id", "target_path"]:
        expect_status("INVALID_ARGUMENT", stubs.node.NodePublishVolume,
                      pb2.NodePublishVolumeRequest(**{**good, field: ""}), mentions=field)
    # A plugin that stages needs the staging path: the specification says FAILED_PRECONDITION.
    expect_status("FAILED_PRECONDITION", stubs.node.NodePublishVolume,
                  pb2.NodePublishVolumeRequest(**{**good, "staging_target_path": ""}), mentions="staging_target_path")
    expect_status("INVALID_ARGUMENT", stubs.node.NodePublishVolume,
                  pb2.NodePublishVolumeRequest(**{k: v for k, v in good.items() if k != "volume_capability"}),
                  mentions="volume_capability")
    # Publishing needs a stage first.
    expect_status("FAILED_PRECONDITION", stubs.node.NodePublishVolume, pb2.NodePublishVolumeRequest(**good))
    expect_status("FAILED_PRECONDITION", stubs.node.NodePublishVolume,
                  pb2.NodePublishVolumeRequest(**{**good, "volume_capability": block_capability(pb2)}))
    assert not os.path.exists(target), "a refused publish must not create the target"


def test_unstage_and_unpublish_of_nothing_succeed_and_check_their_arguments(csi, stubs, workdir):
    pb2, _ = csi
    staging = os.path.join(workdir, "staging", "never")
    stubs.node.NodeUnstageVolume(pb2.NodeUnstageVolumeRequest(volume_id="never", staging_target_path=staging),
                                 timeout=10)
    stubs.node.NodeUnpublishVolume(
        pb2.NodeUnpublishVolumeRequest(volume_id="never", target_path=os.path.join(workdir, "pods", "never")),
        timeout=10)
    expect_status("INVALID_ARGUMENT", stubs.node.NodeUnstageVolume,
                  pb2.NodeUnstageVolumeRequest(staging_target_path=staging), mentions="volume_id")
    expect_status("INVALID_ARGUMENT", stubs.node.NodeUnstageVolume,
                  pb2.NodeUnstageVolumeRequest(volume_id="never"), mentions="staging_target_path")
    expect_status("INVALID_ARGUMENT", stubs.node.NodeUnpublishVolume,
                  pb2.NodeUnpublishVolumeRequest(volume_id="never"), mentions="target_path")
    expect_status("INVALID_ARGUMENT", stubs.node.NodeUnpublishVolume,
                  pb2.NodeUnpublishVolumeRequest(target_path="/tmp/x"), mentions="volume_id")


def test_unpublish_removes_nothing_the_plugin_did_not_publish(csi, stubs, workdir):
    pb2, _ = csi
    foreign = os.path.join(workdir, "pods", "foreign")
    os.makedirs(foreign, exist_ok=True)
    for volume in ["never", "demo"]:
        stubs.node.NodeUnpublishVolume(pb2.NodeUnpublishVolumeRequest(volume_id=volume, target_path=foreign),
                                       timeout=10)
        assert os.path.isdir(foreign)
    expect_status("INVALID_ARGUMENT", stubs.node.NodeUnpublishVolume,
                  pb2.NodeUnpublishVolumeRequest(volume_id="never", target_path="pods/foreign"),
                  mentions="absolute")
    expect_status("INVALID_ARGUMENT", stubs.node.NodeUnstageVolume,
                  pb2.NodeUnstageVolumeRequest(volume_id="never", staging_target_path="staging/never"),
                  mentions="absolute")


def test_statistics_and_expansion_of_unstaged_volumes(csi, stubs, workdir):
    pb2, _ = csi
    path = os.path.join(workdir, "pods", "demo")
    expect_status("NOT_FOUND", stubs.node.NodeGetVolumeStats,
                  pb2.NodeGetVolumeStatsRequest(volume_id="demo", volume_path=path))
    expect_status("INVALID_ARGUMENT", stubs.node.NodeGetVolumeStats,
                  pb2.NodeGetVolumeStatsRequest(volume_id="demo"), mentions="volume_path")
    expect_status("INVALID_ARGUMENT", stubs.node.NodeGetVolumeStats,
                  pb2.NodeGetVolumeStatsRequest(volume_path=path), mentions="volume_id")
    expect_status("NOT_FOUND", stubs.node.NodeExpandVolume,
                  pb2.NodeExpandVolumeRequest(volume_id="demo", volume_path=path))
    expect_status("INVALID_ARGUMENT", stubs.node.NodeExpandVolume,
                  pb2.NodeExpandVolumeRequest(volume_id="demo"), mentions="volume_path")
