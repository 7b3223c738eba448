"""The cluster the fake control core describes, and the JSON the command must print for it.

The expected JSON is written out by hand rather than derived from the messages, so that it pins
the field names and layout docs/cli.md promises.
"""

import time

GiB = 1 << 30
MiB = 1 << 20
CREATED_AT_UNIX_MS = 1_714_564_800_000  # 2024-05-01 12:00:00 UTC


def now_unix_ms():
    return int(time.time() * 1000)


class Samples:
    def __init__(self, pb2):
        self.pb2 = pb2

    def volume(self, name="pg-data", epoch=7, primary="node-1", size=10 * GiB):
        pb2 = self.pb2
        return pb2.Volume(
            id="vol-1",
            name=name,
            size_bytes=size,
            replica_count=2,
            parameters={"tier": "fast", "fs": "ext4"},
            created_at_unix_ms=CREATED_AT_UNIX_MS,
            assignment=pb2.Assignment(
                volume_id="vol-1",
                volume_name=name,
                epoch=epoch,
                primary_node=primary,
                in_sync_members=["node-1", "node-2"],
                size_bytes=size,
                replica_nodes=["node-1", "node-2"],
                reason="created",
                minted_at_unix_ms=CREATED_AT_UNIX_MS + 1000,
            ),
            replicas=[
                pb2.ReplicaStatus(
                    node_name="node-1", state=pb2.REPLICA_STATE_IN_SYNC, node_alive=True, accepted_epoch=epoch,
                    applied_sequence=1234),
                pb2.ReplicaStatus(
                    node_name="node-2", state=pb2.REPLICA_STATE_IN_SYNC, node_alive=False, accepted_epoch=epoch - 1,
                    applied_sequence=1200),
            ],
            nbd_uri=f"nbd://127.0.0.1:10809/{name}",
            health=pb2.VOLUME_HEALTH_HEALTHY,
            lease_remaining_ms=2500,
            attached_nodes=["worker-1"],
        )

    def unavailable_volume(self):
        pb2 = self.pb2
        return pb2.Volume(
            id="vol-2",
            name="scratch",
            size_bytes=64 * MiB,
            replica_count=1,
            created_at_unix_ms=CREATED_AT_UNIX_MS,
            replicas=[
                pb2.ReplicaStatus(
                    node_name="node-2", state=pb2.REPLICA_STATE_FAILED, node_alive=False, accepted_epoch=3,
                    applied_sequence=9),
            ],
            health=pb2.VOLUME_HEALTH_UNAVAILABLE,
        )

    def degraded_volume(self):
        volume = self.volume(name="logs", epoch=9)
        volume.id = "vol-3"
        volume.assignment.volume_id = "vol-3"
        del volume.assignment.in_sync_members[1:]
        volume.health = self.pb2.VOLUME_HEALTH_DEGRADED
        volume.replicas[1].state = self.pb2.REPLICA_STATE_SYNCING
        del volume.attached_nodes[:]
        return volume

    def nodes(self, now=None):
        now = now_unix_ms() if now is None else now
        pb2 = self.pb2
        return [
            pb2.NodeInfo(
                name="node-1", nbd_address="127.0.0.1:10810", replication_address="127.0.0.1:10820", alive=True,
                schedulable=True, last_heartbeat_unix_ms=now - 400, primaries=2, replicas=3,
                capacity_bytes=100 * GiB, available_bytes=80 * GiB),
            pb2.NodeInfo(
                name="node-2", nbd_address="127.0.0.1:10811", replication_address="127.0.0.1:10821", alive=False,
                schedulable=False, last_heartbeat_unix_ms=now - 65_000, primaries=0, replicas=2,
                capacity_bytes=50 * GiB, available_bytes=10 * GiB),
        ]

    def status(self):
        return self.pb2.GetStatusResponse(
            nodes=self.nodes(),
            volumes=[self.volume(), self.degraded_volume(), self.unavailable_volume()],
            epoch=12,
            uptime_ms=3_723_000,
            version="0.1.0-test",
        )

    def failover(self, handed_over=True):
        return self.pb2.FailoverResponse(
            volume=self.volume(epoch=8, primary="node-2"),
            previous_epoch=7,
            previous_primary="node-1",
            handed_over=handed_over,
            duration_ms=212 if handed_over else 4100,
        )

    def default_answer(self, method):
        pb2 = self.pb2
        answers = {
            "CreateVolume": lambda: pb2.CreateVolumeResponse(volume=self.volume(), created=True),
            "DeleteVolume": pb2.DeleteVolumeResponse,
            "ExpandVolume": lambda: pb2.ExpandVolumeResponse(volume=self.volume(size=20 * GiB)),
            "GetVolume": lambda: pb2.GetVolumeResponse(volume=self.volume()),
            "ListVolumes": lambda: pb2.ListVolumesResponse(volumes=[self.volume(), self.unavailable_volume()]),
            "ListNodes": lambda: pb2.ListNodesResponse(nodes=self.nodes()),
            "Failover": self.failover,
            "GetStatus": self.status,
            "AttachVolume": lambda: pb2.AttachVolumeResponse(volume=self.volume()),
            "DetachVolume": pb2.DetachVolumeResponse,
        }
        return answers[method]()


def volume_json(name="pg-data", epoch=7, primary="node-1", size=10 * GiB):
    """What `--output json` prints for Samples.volume()."""
    return {
        "id": "vol-1",
        "name": name,
        "size_bytes": size,
        "replica_count": 2,
        "parameters": {"fs": "ext4", "tier": "fast"},
        "created_at_unix_ms": CREATED_AT_UNIX_MS,
        "assignment": {
            "volume_id": "vol-1",
            "volume_name": name,
            "epoch": epoch,
            "primary_node": primary,
            "in_sync_members": ["node-1", "node-2"],
            "size_bytes": size,
            "replica_nodes": ["node-1", "node-2"],
            "reason": "created",
            "minted_at_unix_ms": CREATED_AT_UNIX_MS + 1000,
        },
        "replicas": [
            {"node_name": "node-1", "state": "in_sync", "node_alive": True, "accepted_epoch": epoch,
             "applied_sequence": 1234, "catch_up": None, "problem": ""},
            {"node_name": "node-2", "state": "in_sync", "node_alive": False, "accepted_epoch": epoch - 1,
             "applied_sequence": 1200, "catch_up": None, "problem": ""},
        ],
        "nbd_uri": f"nbd://127.0.0.1:10809/{name}",
        "health": "healthy",
        "lease_remaining_ms": 2500,
        "attached_nodes": ["worker-1"],
    }


def unavailable_volume_json():
    """What `--output json` prints for Samples.unavailable_volume(): unset fields at zero."""
    return {
        "id": "vol-2",
        "name": "scratch",
        "size_bytes": 64 * MiB,
        "replica_count": 1,
        "parameters": {},
        "created_at_unix_ms": CREATED_AT_UNIX_MS,
        "assignment": None,
        "replicas": [
            {"node_name": "node-2", "state": "failed", "node_alive": False, "accepted_epoch": 3,
             "applied_sequence": 9, "catch_up": None, "problem": ""},
        ],
        "nbd_uri": "",
        "health": "unavailable",
        "lease_remaining_ms": 0,
        "attached_nodes": [],
    }


def node_json(node):
    """What `--output json` prints for one of Samples.nodes(), whose heartbeat time varies."""
    return {
        "name": node.name,
        "nbd_address": node.nbd_address,
        "replication_address": node.replication_address,
        "alive": node.alive,
        "schedulable": node.schedulable,
        "last_heartbeat_unix_ms": node.last_heartbeat_unix_ms,
        "primaries": node.primaries,
        "replicas": node.replicas,
        "capacity_bytes": node.capacity_bytes,
        "available_bytes": node.available_bytes,
    }
