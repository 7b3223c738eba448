"""A planned hand-over cut short by a crash of the control core.

The old primary closes its gate, drains, confirms; the control core dies before it mints the
successor's epoch, and the restarted one has no hand-over pending (hand-overs live in memory).
The old primary is still the primary of the current epoch in the database and keeps its lease by
heartbeating; it says on every heartbeat that it handed that epoch over, and the restarted control
core completes the hand-over from that alone. Without that the volume would stay dark: an
availability failure, not a safety one, since nothing is served twice.

Construction: three replicas P (primary), M, T. M is frozen and a write goes to P, so P has a
change waiting for M. A Failover to T makes P drain, which waits for M; the control core is
killed meanwhile; M is thawed, P's drain completes and P confirms to nobody; the control core is
restarted. A correct system serves the volume again within a few leases.
"""

import threading
import time

import grpc
import nbd

from cluster_support import LEASE_MS, MARGIN_MS, close_quietly, connect, wait_until


def test_a_hand_over_cut_short_by_a_control_core_crash_leaves_the_volume_served(cluster):
    volume = cluster.create_volume("orphan", size_bytes=8 << 20, replicas=3)
    primary = volume.assignment.primary_node
    member, target = [name for name in volume.assignment.in_sync_members if name != primary][:2]
    node_p = cluster.nodes[primary]

    cluster.nodes[member].process.stop_signal()
    writer = connect(volume.nbd_uri)
    buffer = nbd.Buffer.from_bytearray(bytearray(b"w" * 4096))
    cookie = writer.aio_pwrite(buffer, 0)  # waits in P for M's acknowledgement
    writer.poll(50)

    outcome = {}

    def failover():
        try:
            outcome["response"] = cluster.failover("orphan", target=target, timeout=10)
        except grpc.RpcError as error:
            outcome["error"] = error.code()

    thread = threading.Thread(target=failover, daemon=True)
    thread.start()
    wait_until(lambda: "Hand-over requested." in cluster.control_process.log_text(), 5,
               what="the control core to send the hand-over")
    time.sleep(0.2)  # P received it and is draining, waiting for M
    cluster.control_process.kill()
    cluster.nodes[member].process.resume()
    wait_until(lambda: "Handed over." in node_p.process.log_text(), 5, what=f"{primary} to hand over")
    try:
        while not writer.aio_command_completed(cookie):
            writer.poll(100)
    except nbd.Error:
        pass
    close_quietly(writer)
    time.sleep(1.0)  # P's confirmation retries end against the dead control core
    cluster.start_control()
    thread.join(timeout=15)
    print(f"failover outcome: {outcome}")

    # A primary serves the volume again once the restarted control core's leases are sorted out.
    served = cluster.wait_serving("orphan", timeout=(LEASE_MS + MARGIN_MS) / 1000 * 3)
    print(f"served by {served.assignment.primary_node} at epoch {served.assignment.epoch}")
