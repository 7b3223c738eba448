"""Helpers for the control core's process-level suite: the `blockfence control` process and fake
storage nodes that register, heartbeat, watch and confirm hand-overs as a storage server would.
"""

import os
import signal
import subprocess
import threading
import time
import uuid

import grpc

from interop_common import free_port

CHANNEL_OPTIONS = [
    # Reconnect quickly after the control core is killed and restarted.
    ("grpc.initial_reconnect_backoff_ms", 100),
    ("grpc.min_reconnect_backoff_ms", 100),
    ("grpc.max_reconnect_backoff_ms", 300),
]




class ControlProcess:
    """`blockfence control`, started and waited for until it prints `ready`."""

    def __init__(self, binary, data_dir, listens, log_path, extra=()):
        arguments = [binary, "control", "--data-dir", str(data_dir), "--log-level", "debug"]
        for listen in listens:
            arguments += ["--listen", listen]
        self.log = open(log_path, "a")
        self.process = subprocess.Popen(
            [*arguments, *extra], stdout=subprocess.PIPE, stderr=self.log, text=True, env=os.environ.copy()
        )
        self.addresses = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"blockfence control exited early; see {log_path}")
            if line.startswith("listening "):
                self.addresses.append(line.split(" ", 1)[1].strip())
            if line.strip() == "ready":
                return
        raise RuntimeError("blockfence control did not get ready in 30 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def terminate(self, timeout=20):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=timeout)
        self.log.close()
        return code


class Observations:
    """Every assignment anyone saw, keyed by epoch, with the first sighting kept."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_epoch = {}
        self.conflicts = []

    def record(self, assignment, source):
        if assignment.epoch == 0:
            return
        seen = (assignment.volume_id, assignment.primary_node, tuple(sorted(assignment.in_sync_members)))
        with self.lock:
            first = self.by_epoch.setdefault(assignment.epoch, (seen, source))
            if first[0] != seen:
                self.conflicts.append((assignment.epoch, first, (seen, source)))

    def highest_epoch(self):
        with self.lock:
            return max(self.by_epoch, default=0)

    def snapshot(self):
        with self.lock:
            return dict(self.by_epoch), list(self.conflicts)


class FakeNode:
    """A storage server as the control core sees it: registers, heartbeats every interval,
    watches, reports its replicas, and confirms every hand-over it is asked for at once."""

    def __init__(self, api, target, name, observations, interval=0.1):
        self.pb2, pb2_grpc = api
        self.name = name
        self.incarnation = uuid.uuid4().hex
        self.observations = observations
        self.interval = interval
        self.channel = grpc.insecure_channel(target, options=CHANNEL_OPTIONS)
        self.stub = pb2_grpc.StorageNodesStub(self.channel)
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.registered = False
        self.held = {}
        self.confirmed = set()
        self.current_call = None
        self.threads = [threading.Thread(target=self.heartbeats, daemon=True),
                        threading.Thread(target=self.watches, daemon=True)]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stop_event.set()
        call = self.current_call
        if call is not None:
            call.cancel()
        for thread in self.threads:
            thread.join(timeout=10)
        self.channel.close()

    def reports(self):
        with self.lock:
            return [self.pb2.ReplicaReport(volume_id=volume_id, accepted_epoch=epoch, applied_sequence=epoch)
                    for volume_id, epoch in sorted(self.held.items())]

    def apply(self, directives, source):
        for assignment in directives.assignments:
            self.observations.record(assignment, f"{self.name} {source}")
            with self.lock:
                if self.name in assignment.replica_nodes:
                    self.held[assignment.volume_id] = max(self.held.get(assignment.volume_id, 0), assignment.epoch)
        with self.lock:
            for volume_id in directives.deleted_volume_ids:
                self.held.pop(volume_id, None)
        for hand_over in directives.hand_overs:
            key = (hand_over.volume_id, hand_over.epoch)
            if key in self.confirmed:
                continue
            try:
                self.stub.ConfirmHandOver(
                    self.pb2.ConfirmHandOverRequest(node_name=self.name, volume_id=hand_over.volume_id,
                                                    epoch=hand_over.epoch, applied_sequence=hand_over.epoch),
                    timeout=2)
                self.confirmed.add(key)
            except grpc.RpcError:
                pass

    def heartbeats(self):
        while not self.stop_event.is_set():
            try:
                if not self.registered:
                    answer = self.stub.Register(
                        self.pb2.RegisterRequest(node_name=self.name, nbd_address="127.0.0.1:10809",
                                                 replication_address="127.0.0.1:7500", incarnation=self.incarnation,
                                                 replicas=self.reports()),
                        timeout=2)
                    self.registered = True
                else:
                    answer = self.stub.Heartbeat(
                        self.pb2.HeartbeatRequest(node_name=self.name, incarnation=self.incarnation,
                                                  replicas=self.reports()),
                        timeout=2)
                self.apply(answer.directives, "heartbeat")
            except grpc.RpcError as error:
                if error.code() == grpc.StatusCode.FAILED_PRECONDITION:
                    self.registered = False
            self.stop_event.wait(self.interval)

    def watches(self):
        while not self.stop_event.is_set():
            call = None
            try:
                call = self.stub.Watch(self.pb2.WatchRequest(node_name=self.name, incarnation=self.incarnation))
                self.current_call = call
                for directives in call:
                    self.apply(directives, "watch")
                    if self.stop_event.is_set():
                        break
            except grpc.RpcError:
                pass
            finally:
                if call is not None:
                    call.cancel()
            self.stop_event.wait(0.1)
