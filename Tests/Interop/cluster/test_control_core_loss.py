"""The control core goes away (frozen with SIGSTOP, or killed with SIGKILL) while a primary serves.

The contract: a primary serves only while it holds a lease, counted on its own clock from the
moment it *sent* the heartbeat that renewed it. Without the control core nothing renews it, so
within one lease of the control core's disappearance the primary completes nothing — reads
included — and once the control core is back, a primary serves again.
"""

import time

import nbd
import pytest

from cluster_support import LEASE_MS, MARGIN_MS, RequestLoop, close_quietly, connect, describe, verify_slots

# Requests sent within this much of the lease's end may still have been completed in time; the
# client's clock and the server's are the same clock, so this only covers scheduling.
TOLERANCE_S = 0.02


@pytest.mark.parametrize("how", ["sigstop", "sigkill"])
def test_primary_stops_within_its_lease_without_the_control_core_and_resumes_after(cluster, how):
    volume = cluster.create_volume(f"lonely-{how}", replicas=2)
    reader = RequestLoop(volume.nbd_uri, "read", tag="reader")
    writer = RequestLoop(volume.nbd_uri, "write", tag="writer", slots=range(64, 128))
    reader.start()
    writer.start()
    time.sleep(0.5)
    assert reader.successes() and writer.successes(), (reader.failures()[:3], writer.failures()[:3])
    assert not reader.failures() and not writer.failures(), (reader.failures()[:3], writer.failures()[:3])

    control = cluster.control_process
    if how == "sigstop":
        control.stop_signal()
    else:
        control.kill()
    # Any lease the primary still holds was renewed by a heartbeat sent before this moment.
    gone_at = time.time()
    lease_end = gone_at + LEASE_MS / 1000

    # Watch for the lease, its margin and a second more: long enough for anything that ignored the
    # lease to show itself.
    time.sleep((LEASE_MS + MARGIN_MS) / 1000 + 1.0)
    reader.stop()
    writer.stop()

    for loop in (reader, writer):
        late = [attempt for attempt in loop.successes() if attempt[0] > lease_end + TOLERANCE_S]
        last = max(attempt[0] for attempt in loop.successes())
        failures = [attempt for attempt in loop.failures() if attempt[0] > gone_at]
        first_failure = min((attempt[0] for attempt in failures), default=None)
        print(f"{how} {loop.kind}: last success sent {(last - gone_at) * 1000:.0f} ms after the control core went "
              f"away, first failure {((first_failure or 0) - gone_at) * 1000:.0f} ms after (lease {LEASE_MS} ms); "
              f"first error: {failures[0][3] if failures else None}")
        # A primary that ignored its lease would keep completing requests here.
        assert not late, f"{loop.kind}s completed after the lease ended: {[(a[0] - gone_at) for a in late][:5]}"
        assert first_failure is not None and first_failure < lease_end + 0.5, f"{loop.kind}s never stopped"
        # The first refused request reached a live server, which must answer it with the gate's
        # error; a reset or a dropped connection instead means the server died or misbehaved.
        assert failures[0][3].split(":")[0] in ("ESHUTDOWN", "EIO"), failures[0]

    # The control core comes back: a primary (the same one, or another member it promotes) serves.
    returned_at = time.monotonic()
    if how == "sigstop":
        control.resume()
    else:
        cluster.start_control()
    served = cluster.wait_serving(volume.name, timeout=20)
    resumed_after = time.monotonic() - returned_at
    handle = connect(served.nbd_uri)
    try:
        handle.pwrite(b"back" * 1024, 0)
        assert handle.pread(4096, 0) == b"back" * 1024
        problems = verify_slots(lambda slot: handle.pread(4096, slot * 4096), writer.write_log.all(), 4096)
    finally:
        close_quietly(handle)
    print(f"{how}: serving again {resumed_after * 1000:.0f} ms after the control core returned; primary "
          f"{served.assignment.primary_node} at epoch {served.assignment.epoch} (was "
          f"{volume.assignment.primary_node} at {volume.assignment.epoch})")
    assert not problems, problems


def test_a_write_still_waiting_for_its_member_when_the_lease_ends_is_refused(make_cluster):
    """The gate is checked again before a deferred success goes out: a write that was waiting for
    a frozen member when the primary's lease ran out gets ESHUTDOWN when the member finally
    acknowledges it, not success. (Answering success would be a server without a lease
    completing a request.)"""
    cluster = make_cluster(nodes=2)
    volume = cluster.create_volume("deferred", size_bytes=8 << 20, replicas=2)
    primary = volume.assignment.primary_node
    member = next(name for name in volume.assignment.in_sync_members if name != primary)
    handle = connect(volume.nbd_uri)
    try:
        handle.pwrite(b"a" * 4096, 0)
        cluster.nodes[member].process.stop_signal()
        buffer = nbd.Buffer.from_bytearray(bytearray(b"b" * 4096))
        cookie = handle.aio_pwrite(buffer, 0)
        handle.poll(200)
        assert not handle.aio_command_completed(cookie), "the write completed without its member"
        cluster.control_process.stop_signal()
        time.sleep(LEASE_MS / 1000 + 0.3)  # the primary's lease has ended; the member's is not looked at
        cluster.nodes[member].process.resume()
        deadline = time.monotonic() + 5
        outcome = None
        while outcome is None and time.monotonic() < deadline:
            try:
                if handle.aio_command_completed(cookie):
                    outcome = "success"
                else:
                    handle.poll(100)
            except nbd.Error as error:
                outcome = describe(error)
        print(f"the write waiting for {member} was answered: {outcome}")
        assert outcome is not None and outcome.split(":")[0] in ("ESHUTDOWN", "EIO"), outcome
    finally:
        close_quietly(handle)
        cluster.control_process.resume()
    cluster.wait_serving("deferred", timeout=20)
