"""No two servers complete writes for one volume at the same time.

Clients on every server try to write continuously, each server's client to a slot of its own and
each write tagged uniquely, while the primary moves: planned failovers, and a SIGKILL of the
primary. Every attempt is logged with its server, its time window (sent, answered) and whether it
succeeded. The control core's database holds every assignment with the moment it was minted.

What must hold, from the contract:
- a server completes a write only while it is the primary of the current epoch: an old primary's
  last completion comes before the next epoch is minted (it confirmed the hand-over after
  closing its gate, or its lease had certainly ended), and a new primary's first completion comes
  after (it hears of the epoch only once it is committed). So every successful write's window
  must meet a period in which the database names that write's server as primary;
- every epoch a server says (in its log) that it served at names that server as primary;
- the last acknowledged write of every server is in the volume at the end.

A split brain — two servers completing writes in one stretch of time, or an old primary still
acknowledging after the failover — shows as a successful write whose whole window lies inside
another server's tenure.
"""

import re
import threading
import time

import nbd

from cluster_support import (block_payload, close_quietly, connect, describe, sha256, verify_slots, wait_until)

SLOT_BYTES = 4096
# minted_at_ms is whole milliseconds of the same wall clock the client reads.
CLOCK_SLACK_S = 0.002


class ServerWriter(threading.Thread):
    """Writes to one server only, whatever it currently is, reconnecting after every failure."""

    def __init__(self, node, volume, slot):
        super().__init__(daemon=True)
        self.node = node
        self.volume = volume
        self.slot = slot
        self.stop_event = threading.Event()
        self.attempts = []  # dicts: server, sent, answered, ok, sha256, error

    def run(self):
        handle = None
        counter = 0
        while not self.stop_event.is_set():
            if handle is None:
                try:
                    handle = connect(self.node.uri(self.volume))
                except nbd.Error:
                    handle = None
                    self.stop_event.wait(0.02)
                    continue
            data = block_payload(f"{self.node.name}-{counter}", SLOT_BYTES)
            counter += 1
            sent = time.time()
            try:
                handle.pwrite(data, self.slot * SLOT_BYTES)
                ok, error = True, None
            except nbd.Error as failure:
                ok, error = False, describe(failure)
            self.attempts.append({"writer": self.node.name, "server": self.node.name, "sent": sent,
                                  "answered": time.time(), "acked": time.time(), "ok": ok, "error": error,
                                  "offset": self.slot * SLOT_BYTES, "sha256": sha256(data)})
            if not ok:
                close_quietly(handle)
                handle = None
        if handle is not None:
            close_quietly(handle)


def tenures(assignments):
    """[(server, start_s, end_s, epoch)]: who the database named primary, from each mint to the next."""
    periods = []
    for index, (epoch, _, primary, _, minted_ms, _) in enumerate(assignments):
        end = assignments[index + 1][4] / 1000 if index + 1 < len(assignments) else float("inf")
        periods.append((primary, minted_ms / 1000, end, epoch))
    return periods


SERVING = re.compile(r"Serving as primary\. volume=(\S+) epoch=(\d+)")


def test_only_the_current_primary_completes_writes_while_failovers_happen(cluster):
    volume = cluster.create_volume("single", size_bytes=8 << 20, replicas=3)
    names = sorted(cluster.nodes)
    writers = [ServerWriter(cluster.nodes[name], "single", slot) for slot, name in enumerate(names)]
    for writer in writers:
        writer.start()

    def successes():
        return sum(1 for writer in writers for attempt in list(writer.attempts) if attempt["ok"])

    def settle(after):
        # Let the new primary take some writes before the next move.
        count = successes()
        wait_until(lambda: successes() > count + 20, 20, what=f"writes after {after}")

    settle("the start")
    moves = []
    for explicit in [False, True, True]:
        # Once chosen by the control core, twice named: the member after the primary, in turn.
        current = cluster.get_volume("single").assignment.primary_node
        target = names[(names.index(current) + 1) % len(names)] if explicit else ""
        response = cluster.failover("single", target=target)
        moves.append(f"planned {response.previous_primary}->{response.volume.assignment.primary_node} "
                     f"handed_over={response.handed_over} {response.duration_ms} ms")
        settle("a planned failover")

    victim = cluster.get_volume("single").assignment.primary_node
    cluster.nodes[victim].process.kill()
    promoted = cluster.wait_serving("single", not_primary=victim)
    moves.append(f"SIGKILL {victim} -> {promoted.assignment.primary_node}")
    settle("the SIGKILL failover")
    cluster.start_server(victim)
    response = cluster.failover("single")
    moves.append(f"planned {response.previous_primary}->{response.volume.assignment.primary_node} "
                 f"handed_over={response.handed_over}")
    settle("the last failover")
    for writer in writers:
        writer.stop_event.set()
    for writer in writers:
        writer.join(timeout=30)

    attempts = [attempt for writer in writers for attempt in writer.attempts]
    succeeded = [attempt for attempt in attempts if attempt["ok"]]
    assignments = cluster.stored_assignments(volume.id)
    periods = tenures(assignments)
    print("moves: " + "; ".join(moves))
    print("tenures: " + ", ".join(f"{primary}@{epoch}" for primary, _, _, epoch in periods))
    by_server = {name: sum(1 for attempt in succeeded if attempt["server"] == name) for name in names}
    print(f"{len(succeeded)} of {len(attempts)} attempted writes succeeded: {by_server}")

    # How long the volume took no write at each change of server, as the clients saw it.
    ordered = sorted(succeeded, key=lambda attempt: attempt["sent"])
    gaps = [f"{before['server']}->{after['server']} {(after['sent'] - before['answered']) * 1000:.1f} ms"
            for before, after in zip(ordered, ordered[1:]) if before["server"] != after["server"]]
    print("changes of writer: " + ", ".join(gaps))

    # Every successful write lies (at least partly) in a tenure of its own server.
    strays = []
    for attempt in succeeded:
        own = [period for period in periods if period[0] == attempt["server"]
               and attempt["sent"] < period[2] + CLOCK_SLACK_S and attempt["answered"] > period[1] - CLOCK_SLACK_S]
        if not own:
            holders = [f"{primary}@{epoch}" for primary, start, end, epoch in periods
                       if attempt["sent"] < end and attempt["answered"] > start]
            strays.append(f"{attempt['server']} completed a write in [{attempt['sent']:.4f}, "
                          f"{attempt['answered']:.4f}] while the primary was {holders}")
    assert not strays, strays[:10]
    # Several servers did serve, or the test proved nothing.
    assert sum(1 for count in by_server.values() if count > 0) >= 2, by_server

    # Every epoch a server served at names it as primary in the database.
    primary_of = {epoch: primary for epoch, _, primary, _, _, _ in assignments}
    served = []
    for name in names:
        for volume_name, epoch in SERVING.findall(cluster.nodes[name].process.log_text()):
            if volume_name == "single":
                served.append((name, int(epoch)))
                assert primary_of.get(int(epoch)) == name, f"{name} served at epoch {epoch}, which names " \
                                                           f"{primary_of.get(int(epoch))}"
    assert len({epoch for _, epoch in served}) == len(served), f"an epoch was served twice: {served}"

    # Each server's last acknowledged write (or a later unacknowledged one) is in the volume.
    final = cluster.wait_serving("single")
    handle = connect(final.nbd_uri)
    try:
        problems = verify_slots(lambda slot: handle.pread(SLOT_BYTES, slot * SLOT_BYTES), attempts, SLOT_BYTES)
    finally:
        close_quietly(handle)
    assert not problems, problems
