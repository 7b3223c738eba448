"""A primary frozen (SIGSTOP) with requests in flight, thawed after another member took over.

A process pause is the classic way for a primary to outlive its lease without noticing: it was
in the middle of requests when it stopped, and when it runs again its code carries on from there.
The contract: every request passes the gate again before its reply is written, and the gate
looks at the lease on the server's own clock. So once thawed, the old primary must answer what it
still owes with errors, not successes, must serve nothing new, and its replication at the old
epoch must not change the new primary's data.

A primary that checked its lease only when a request arrived (not before replying) would send
successes after the thaw, for reads it did before the freeze — stale data — or for writes the
new primary never saw.
"""

import threading
import time

import nbd

from cluster_support import (LEASE_MS, MARGIN_MS, WriteLog, block_payload, close_quietly, connect, describe,
                             sha256, verify_slots, wait_until)

SLOT_BYTES = 16 << 10
DEPTH = 16


class InFlight(threading.Thread):
    """Keeps DEPTH reads and DEPTH writes in flight on one connection, noting when every answer
    arrived. Stops when the connection dies or `stop` is set."""

    def __init__(self, uri, log):
        super().__init__(daemon=True)
        self.handle = connect(uri)
        self.log = log
        self.answers = []  # (kind, sent, answered, ok, error)
        self.stop_event = threading.Event()
        self.lock = threading.Lock()

    def run(self):
        handle = self.handle
        pending = {}
        counter = 0
        while True:
            while not self.stop_event.is_set() and len(pending) < 2 * DEPTH:
                kind = "write" if counter % 2 else "read"
                slot = counter % 64
                if kind == "write" and any(p[1] == slot and p[0] == "write" for p in pending.values()):
                    counter += 1
                    continue
                data = block_payload(f"frozen-{counter}", SLOT_BYTES)
                buffer = nbd.Buffer.from_bytearray(bytearray(data)) if kind == "write" else nbd.Buffer(SLOT_BYTES)
                try:
                    if kind == "write":
                        cookie = handle.aio_pwrite(buffer, slot * SLOT_BYTES)
                    else:
                        cookie = handle.aio_pread(buffer, slot * SLOT_BYTES)
                except nbd.Error:
                    self.stop_event.set()
                    break
                pending[cookie] = (kind, slot, time.time(), buffer, sha256(data))
                counter += 1
            if not pending:
                return
            try:
                handle.poll(100)
            except nbd.Error as error:
                for kind, slot, sent, _, digest in pending.values():
                    self.note(kind, slot, sent, False, describe(error), digest)
                return
            for cookie in list(pending):
                kind, slot, sent, _, digest = pending[cookie]
                try:
                    if not handle.aio_command_completed(cookie):
                        continue
                    self.note(kind, slot, sent, True, None, digest)
                except nbd.Error as error:
                    self.note(kind, slot, sent, False, describe(error), digest)
                    self.stop_event.set()
                del pending[cookie]

    def note(self, kind, slot, sent, ok, error, digest):
        answered = time.time()
        with self.lock:
            self.answers.append((kind, sent, answered, ok, error))
        if kind == "write":
            self.log.add(writer="frozen", offset=slot * SLOT_BYTES, sent=sent, acked=answered, ok=ok, error=error,
                         sha256=digest)


def test_a_thawed_primary_answers_what_it_owed_with_errors_only(cluster):
    volume = cluster.create_volume("frozen", size_bytes=8 << 20, replicas=2)
    primary = volume.assignment.primary_node
    log = WriteLog()
    client = InFlight(volume.nbd_uri, log)
    client.start()
    wait_until(lambda: len(client.answers) > 500, 20, what="requests to flow")

    cluster.nodes[primary].process.stop_signal()
    frozen_at = time.time()
    promoted = cluster.wait_serving("frozen", not_primary=primary, min_epoch=volume.assignment.epoch + 1,
                                    timeout=(LEASE_MS + MARGIN_MS) / 1000 + 10)
    # The new primary takes writes over the same slots.
    handle = connect(promoted.nbd_uri)
    try:
        for slot in range(64):
            data = block_payload(f"new-{slot}", SLOT_BYTES)
            handle.pwrite(data, slot * SLOT_BYTES)
            log.add(writer="new", offset=slot * SLOT_BYTES, sent=time.time(), acked=time.time(), ok=True,
                    sha256=sha256(data))
    finally:
        close_quietly(handle)

    cluster.nodes[primary].process.resume()
    thawed_at = time.time()
    wait_until(lambda: not client.is_alive(), 10, what="the old connection to end")
    old_uri = f"nbd://{cluster.nodes[primary].nbd_address}/frozen"

    answered_after_thaw = [answer for answer in client.answers if answer[2] > thawed_at]
    successes_after_thaw = [answer for answer in answered_after_thaw if answer[3]]
    in_flight = [answer for answer in client.answers if answer[1] < frozen_at < answer[2]]
    print(f"frozen for {thawed_at - frozen_at:.2f} s; {promoted.assignment.primary_node} promoted at epoch "
          f"{promoted.assignment.epoch}; {len(in_flight)} requests were in flight at the freeze, "
          f"{len(answered_after_thaw)} answered after the thaw: "
          f"{sorted({answer[4].split(':')[0] for answer in answered_after_thaw if answer[4]})}")
    # Replies written before the freeze arrive at once; anything later was written after the thaw.
    late = [answer for answer in successes_after_thaw if answer[2] > thawed_at + 0.05]
    assert not late, f"the thawed primary answered {len(late)} requests with success: {late[:3]}"

    # Nothing new either.
    try:
        fresh = connect(old_uri)
    except nbd.Error:
        fresh = None
    if fresh is not None:
        try:
            fresh.pread(4096, 0)
            raise AssertionError("the thawed primary served a new read")
        except nbd.Error:
            pass
        finally:
            close_quietly(fresh)

    # The new primary's data is intact, and every write acknowledged anywhere is there.
    wait_until(lambda: "No longer primary." in cluster.nodes[primary].process.log_text(), 10,
               what="the old primary to step down")
    final = cluster.wait_serving("frozen")
    handle = connect(final.nbd_uri)
    try:
        problems = verify_slots(lambda slot: handle.pread(SLOT_BYTES, slot * SLOT_BYTES), log.all(), SLOT_BYTES)
    finally:
        close_quietly(handle)
    assert not problems, problems[:10]
