"""A one-call CSI Node client that the guest's shell script runs, as the kubelet would call the
plugin: `python3 csi_guest_client.py SOCKET CALL VOLUME ARGUMENTS...`.

It runs inside the user-mode Linux guest with the host's Python, the generated csi.proto
modules and grpcio on PYTHONPATH. It prints `CSI-OK CALL ...` or `CSI-ERROR CALL CODE DETAILS`
and exits 0 or 1, so the script decides what a failure means.
"""

import sys

import grpc

from csi.v1 import csi_pb2, csi_pb2_grpc


def capability(block):
    mode = csi_pb2.VolumeCapability.AccessMode(mode=csi_pb2.VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER)
    if block:
        return csi_pb2.VolumeCapability(block=csi_pb2.VolumeCapability.BlockVolume(), access_mode=mode)
    return csi_pb2.VolumeCapability(
        mount=csi_pb2.VolumeCapability.MountVolume(fs_type="ext4"), access_mode=mode)


def main(argv):
    socket_path, call, volume, rest = argv[1], argv[2], argv[3], argv[4:]
    block = "--block" in rest
    paths = [word for word in rest if not word.startswith("--")]
    node = csi_pb2_grpc.NodeStub(grpc.insecure_channel("unix://" + socket_path))
    if call == "stage":
        request = csi_pb2.NodeStageVolumeRequest(
            volume_id=volume, staging_target_path=paths[0], volume_capability=capability(block),
            publish_context={"exportName": volume}, volume_context={"fsType": "ext4"})
        answer = node.NodeStageVolume(request, timeout=120)
    elif call == "unstage":
        answer = node.NodeUnstageVolume(
            csi_pb2.NodeUnstageVolumeRequest(volume_id=volume, staging_target_path=paths[0]), timeout=120)
    elif call == "publish":
        answer = node.NodePublishVolume(
            csi_pb2.NodePublishVolumeRequest(
                volume_id=volume, staging_target_path=paths[0], target_path=paths[1],
                volume_capability=capability(block)),
            timeout=60)
    elif call == "unpublish":
        answer = node.NodeUnpublishVolume(
            csi_pb2.NodeUnpublishVolumeRequest(volume_id=volume, target_path=paths[0]), timeout=60)
    elif call == "expand":
        answer = node.NodeExpandVolume(
            csi_pb2.NodeExpandVolumeRequest(volume_id=volume, volume_path=paths[0]), timeout=120)
        print("CSI-OK expand capacity_bytes=%d" % answer.capacity_bytes)
        return 0
    elif call == "stats":
        answer = node.NodeGetVolumeStats(
            csi_pb2.NodeGetVolumeStatsRequest(volume_id=volume, volume_path=paths[0]), timeout=60)
        print("CSI-OK stats %s abnormal=%s" % (volume, answer.volume_condition.abnormal))
        return 0
    else:
        print("CSI-ERROR %s UNKNOWN_CALL" % call)
        return 2
    del answer
    print("CSI-OK %s %s" % (call, volume))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except grpc.RpcError as error:
        print("CSI-ERROR %s %s %s" % (sys.argv[2], error.code().name, error.details()))
        sys.exit(1)
