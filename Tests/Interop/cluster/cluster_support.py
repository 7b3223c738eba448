"""Real processes for the cluster fault suite: a control core and storage servers on loopback (or
in network namespaces this suite creates), every log kept, every process ended by its PID.

Nothing here knows about a particular test. The tests break things; this module starts them,
finds them and cleans up after them.
"""

import errno
import hashlib
import os
import signal
import sqlite3
import subprocess
import threading
import time
import uuid

import grpc
import nbd

from interop_common import free_port

CHANNEL_OPTIONS = [
    # Reconnect quickly after the control core is stopped, killed or restarted.
    ("grpc.initial_reconnect_backoff_ms", 100),
    ("grpc.min_reconnect_backoff_ms", 100),
    ("grpc.max_reconnect_backoff_ms", 300),
]

# Short leases make failovers take about two seconds instead of four.
LEASE_MS = 1500
HEARTBEAT_MS = 250
MARGIN_MS = 500
LEASE_ARGUMENTS = ["--lease-ms", str(LEASE_MS), "--heartbeat-interval-ms", str(HEARTBEAT_MS),
                   "--lease-margin-ms", str(MARGIN_MS)]



def wait_until(predicate, timeout, interval=0.05, what="condition"):
    """Polls `predicate` until it returns something truthy, which is returned."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as error:  # noqa: BLE001 - the last one is reported on timeout
            last_error = error
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}; last error: {last_error!r}")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


class ManagedProcess:
    """One process this suite started: its command line, its log file and its PID."""

    def __init__(self, name, argv, log_path, netns=None):
        self.name = name
        self.argv = list(argv)
        self.log_path = log_path
        self.netns = netns
        self.process = None
        self.starts = 0
        # Exits this suite did not cause: a crash, or a process that gave up by itself.
        self.unexpected_exits = []
        self.killed = False

    def start(self):
        self.note_unexpected_exit()
        self.killed = False
        command = self.argv if self.netns is None else ["ip", "netns", "exec", self.netns, *self.argv]
        log = open(self.log_path, "ab")
        log.write(f"==== start {self.starts + 1} at {time.time():.3f}: {' '.join(command)}\n".encode())
        log.flush()
        # `ip netns exec` enters the namespace and then execs the command: the PID stays the same.
        # No preexec_fn: it makes Python fork and run Python code in the child, where grpcio's fork
        # handlers can abort the child before it execs (seen as SIGABRT and an epoll_wait error).
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.starts += 1
        return self

    @property
    def pid(self):
        return self.process.pid

    def running(self):
        return self.process is not None and self.process.poll() is None

    def signal(self, number):
        if self.running():
            os.kill(self.process.pid, number)

    def stop_signal(self):
        """SIGSTOP: frozen, alive, its sockets open, its clock running on without it.

        kill() returns before the process stops: one of its threads must first be scheduled to
        begin the group stop, and until then another thread may still receive and answer. This
        waits until every thread is stopped, so that a test's next step runs against a frozen
        process."""
        self.signal(signal.SIGSTOP)
        if not self.running():
            return
        wait_until(lambda: self.all_threads_stopped(), 5, interval=0.005, what=f"{self.name} to stop")

    def all_threads_stopped(self):
        tasks = f"/proc/{self.process.pid}/task"
        states = []
        for task in os.listdir(tasks):
            try:
                with open(f"{tasks}/{task}/stat") as stat:
                    # The state follows the command name, which is in parentheses.
                    states.append(stat.read().rsplit(")", 1)[1].split()[0])
            except FileNotFoundError:
                continue
        return bool(states) and all(state in ("T", "t") for state in states)

    def resume(self):
        self.signal(signal.SIGCONT)

    def note_unexpected_exit(self):
        if self.process is not None and not self.killed and self.process.poll() is not None:
            self.unexpected_exits.append(f"start {self.starts} exited by itself with status {self.process.returncode}")
            self.killed = True  # noted once

    def kill(self):
        """SIGKILL and reap."""
        if self.process is None:
            return None
        self.note_unexpected_exit()
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.killed = True
        return self.process.wait(timeout=20)

    def terminate(self, timeout=20):
        """SIGTERM (after SIGCONT, in case it is frozen) and wait; SIGKILL if it lingers."""
        if self.process is None:
            return None
        self.note_unexpected_exit()
        if self.process.poll() is not None:
            return None  # already gone: killed here before, or noted as an unexpected exit
        self.killed = True
        os.kill(self.process.pid, signal.SIGCONT)
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)
            return "killed after SIGTERM timed out"

    def crash_report(self):
        """What in the log says the process crashed, or None."""
        text = self.log_text()
        for marker in ("Swift runtime failure", "Fatal error", "*** Signal ", "Sanitizer"):
            index = text.find(marker)
            if index >= 0:
                return text[max(0, index - 200):index + 2000]
        return None

    def log_text(self):
        try:
            with open(self.log_path, "rb") as log:
                return log.read().decode(errors="replace")
        except FileNotFoundError:
            return ""


class Node:
    """A storage server's identity: name, addresses and data directory, across restarts."""

    def __init__(self, name, data_dir, nbd_listen, replication_listen, nbd_advertise=None,
                 replication_advertise=None, netns=None, control_address=None):
        self.name = name
        self.data_dir = data_dir
        self.nbd_listen = nbd_listen
        self.replication_listen = replication_listen
        self.nbd_advertise = nbd_advertise
        self.replication_advertise = replication_advertise
        self.netns = netns
        self.control_address = control_address
        self.process = None

    @property
    def nbd_address(self):
        return self.nbd_advertise or self.nbd_listen

    def uri(self, volume):
        return f"nbd://{self.nbd_address}/{volume}"


class Cluster:
    """A control core and storage servers as separate processes, each with a private directory."""

    def __init__(self, binary, api, root, lease_arguments=LEASE_ARGUMENTS, log_level="debug"):
        self.binary = binary
        self.pb2, self.pb2_grpc = api
        self.root = root
        self.lease_arguments = list(lease_arguments)
        self.log_level = log_level
        self.logs_dir = root / "logs"
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        self.processes = []
        self.nodes = {}
        self.control_process = None
        self.control_address = None
        self.control_data = root / "control"
        self._channel = None
        self._stub = None

    # ---------------------------------------------------------------------- processes

    def _managed(self, name, argv, netns=None):
        process = ManagedProcess(name, argv, self.logs_dir / f"{name}.log", netns=netns)
        self.processes.append(process)
        return process

    def start_control(self, listen_host="127.0.0.1", extra_listens=()):
        if self.control_address is None:
            self.control_address = f"{listen_host}:{free_port(listen_host)}"
        listens = [self.control_address, *extra_listens, f"unix:{self.root}/control.sock"]
        argv = [self.binary, "control", "--data-dir", str(self.control_data), "--log-level", self.log_level,
                *self.lease_arguments]
        for listen in listens:
            argv += ["--listen", listen]
        if self.control_process is None:
            self.control_process = self._managed("control", argv)
        else:
            self.control_process.argv = argv
        marker = self.control_process.log_text().count("\nready\n")
        self.control_process.start()
        wait_until(lambda: self.control_process.log_text().count("\nready\n") > marker or
                   not self.control_process.running(), 30, what="the control core to print ready")
        assert self.control_process.running(), "blockfence control exited at start; see its log"
        return self.control_process

    def restart_control(self):
        self.control_process.kill()
        return self.start_control()

    def add_node(self, name, host="127.0.0.1", netns=None):
        """A storage server's identity; `host` must be an address of the namespace it runs in.
        Ports are picked free here; inside a fresh namespace every port is free."""
        data_dir = self.root / "nodes" / name
        data_dir.mkdir(parents=True, exist_ok=True)
        node = Node(name, data_dir, f"{host}:{free_port()}", f"{host}:{free_port()}", netns=netns)
        self.nodes[name] = node
        return node

    def start_server(self, name, wait=True):
        node = self.nodes[name]
        argv = [self.binary, "server", "--name", name, "--data-dir", str(node.data_dir), "--listen", node.nbd_listen,
                "--replication-listen", node.replication_listen,
                "--control", node.control_address or self.control_address, "--log-level", self.log_level]
        if node.nbd_advertise:
            argv += ["--advertise", node.nbd_advertise]
        if node.replication_advertise:
            argv += ["--advertise-replication", node.replication_advertise]
        if node.process is None:
            node.process = self._managed(name, argv, netns=node.netns)
        node.process.argv = argv
        registrations = node.process.log_text().count("Registered with the control core.")
        node.process.start()
        if wait:
            wait_until(lambda: node.process.log_text().count("Registered with the control core.") > registrations,
                       20, what=f"{name} to register")
            wait_until(lambda: self.node_alive(name), 10, what=f"{name} to be alive")
        return node

    def start(self, node_count=3):
        self.start_control()
        for index in range(1, node_count + 1):
            self.add_node(f"n{index}")
        for name in self.nodes:
            self.start_server(name, wait=False)
        for name in self.nodes:
            wait_until(lambda name=name: self.node_alive(name), 20, what=f"{name} to be alive")
        return self

    def process(self, name):
        return self.control_process if name == "control" else self.nodes[name].process

    def close(self):
        """Ends every process by its PID; returns a list of problems: crashes, exits nobody asked
        for, and processes that did not stop cleanly on SIGTERM."""
        problems = []
        for process in reversed(self.processes):
            status = process.terminate()
            if status not in (0, None):
                problems.append(f"{process.name} (pid {process.pid}) did not stop cleanly on SIGTERM: {status}")
            for exit in process.unexpected_exits:
                problems.append(f"{process.name}: {exit}")
            crash = process.crash_report()
            if crash:
                problems.append(f"{process.name} crashed:\n{crash}")
        if self._channel is not None:
            self._channel.close()
        return problems

    def logs(self):
        return {process.name: process.log_text() for process in self.processes}

    # ---------------------------------------------------------------------- the API

    @property
    def control(self):
        if self._stub is None:
            self._channel = grpc.insecure_channel(self.control_address, options=CHANNEL_OPTIONS)
            self._stub = self.pb2_grpc.ControlStub(self._channel)
        return self._stub

    def node_alive(self, name):
        nodes = self.control.ListNodes(self.pb2.ListNodesRequest(), timeout=2).nodes
        return any(node.name == name and node.alive for node in nodes)

    def create_volume(self, name, size_bytes=64 << 20, replicas=2, wait=True):
        response = self.control.CreateVolume(
            self.pb2.CreateVolumeRequest(name=name, size_bytes=size_bytes, replica_count=replicas), timeout=10)
        if wait:
            return self.wait_serving(name)
        return response.volume

    def get_volume(self, name, timeout=3):
        return self.control.GetVolume(self.pb2.GetVolumeRequest(volume=name), timeout=timeout).volume

    def wait_serving(self, name, timeout=20, not_primary=None, min_epoch=0):
        """Waits until GetVolume names a primary (other than `not_primary`) at `min_epoch` or later
        and that primary completes a read; returns the volume."""

        def serving():
            volume = self.get_volume(name)
            if not volume.nbd_uri or volume.assignment.epoch < min_epoch:
                return None
            if not_primary is not None and volume.assignment.primary_node == not_primary:
                return None
            handle = connect(volume.nbd_uri)
            try:
                handle.pread(512, 0)
            finally:
                close_quietly(handle)
            return volume

        return wait_until(serving, timeout, interval=0.1, what=f"volume {name} to be served")

    def failover(self, name, target="", timeout=15):
        return self.control.Failover(self.pb2.FailoverRequest(volume=name, target_node=target), timeout=timeout)

    def status(self):
        # Right after a restart the channel may still be backing off from the dead process.
        return self.control.GetStatus(self.pb2.GetStatusRequest(), timeout=5, wait_for_ready=True)

    def stored_assignments(self, volume_id=None):
        """Every assignment in the control core's database: [(epoch, volume_id, primary, members,
        minted_at_ms, reason)], by epoch."""
        database = sqlite3.connect(f"file:{self.control_data}/control/state.sqlite?mode=ro", uri=True, timeout=10)
        try:
            rows = database.execute(
                "SELECT epoch, volume_id, primary_node, in_sync_members, minted_at_ms, reason FROM assignments "
                "ORDER BY epoch").fetchall()
        finally:
            database.close()
        return [row for row in rows if volume_id is None or row[1] == volume_id]


# -------------------------------------------------------------------------- NBD clients

def connect(uri, timeout=None):
    handle = nbd.NBD()
    handle.connect_uri(uri)
    return handle


def close_quietly(handle):
    try:
        handle.shutdown()
    except nbd.Error:
        pass
    try:
        handle.close()
    except (nbd.Error, AttributeError):
        pass


def nbd_errno(error):
    """The errno libnbd gives for a failed call (nbd.Error.errno), or None."""
    return getattr(error, "errno", None)


ERRNO_NAMES = {value: name for name, value in vars(errno).items() if name.startswith("E")}


def describe(error):
    code = nbd_errno(error)
    return f"{ERRNO_NAMES.get(code, code)}: {error}"


def read_all(uri, size, chunk=4 << 20):
    handle = connect(uri)
    try:
        parts = []
        for offset in range(0, size, chunk):
            parts.append(handle.pread(min(chunk, size - offset), offset))
        return b"".join(parts)
    finally:
        close_quietly(handle)


def nbdcopy_sha256(uri, destination):
    """Copies the whole volume with nbdcopy into a file and returns its sha256."""
    subprocess.run(["nbdcopy", uri, str(destination)], check=True, timeout=60, capture_output=True)
    digest = hashlib.sha256()
    with open(destination, "rb") as copied:
        for block in iter(lambda: copied.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------- acknowledged writes

def block_payload(tag, length):
    """Data that names its writer and differs from every other write's."""
    head = f"{tag}|".encode()
    body = hashlib.sha256(head).digest()
    data = (head + body * (length // len(body) + 2))[:length]
    return data


class WriteLog:
    """Every write a client attempted: where, what (a checksum), when, and whether it was
    acknowledged. Thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = []

    def add(self, **entry):
        with self.lock:
            self.entries.append(entry)

    def acknowledged(self):
        with self.lock:
            return [entry for entry in self.entries if entry["ok"]]

    def all(self):
        with self.lock:
            return list(self.entries)


def expected_contents(entries, slot_bytes):
    """For each slot: the checksum of its last acknowledged write, and the checksums of writes
    attempted after it without an acknowledgement (any of which may have landed)."""
    by_slot = {}
    for entry in sorted(entries, key=lambda item: item["sent"]):
        slot = by_slot.setdefault(entry["offset"] // slot_bytes, {"acknowledged": None, "maybe": set()})
        if entry["ok"]:
            slot["acknowledged"] = entry["sha256"]
            slot["maybe"] = set()
        else:
            slot["maybe"].add(entry["sha256"])
    return by_slot


def unique_name(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


class PipelinedWriter(threading.Thread):
    """Keeps up to `depth` asynchronous writes in flight on one connection, each to a slot of its
    own (a slot is written again only after its previous write completed), and logs every one:
    offset, length, checksum, send and completion times, and whether the server acknowledged it.

    Stops at the first failed write (the connection is then dead), after `limit` writes, or when
    `stop` is set. Every `fua_every`-th write carries FUA."""

    def __init__(self, uri, slots, slot_bytes, write_log, tag, depth=16, limit=None, fua_every=0, stop=None):
        super().__init__(daemon=True)
        self.uri = uri
        self.slots = list(slots)
        self.slot_bytes = slot_bytes
        self.write_log = write_log
        self.tag = tag
        self.depth = depth
        self.limit = limit
        self.fua_every = fua_every
        self.stop_event = stop or threading.Event()
        self.errors = []
        self.submitted = 0
        self.handle = None
        self.started_writing = threading.Event()

    def run(self):
        try:
            self.handle = connect(self.uri)
        except nbd.Error as error:
            self.errors.append(describe(error))
            return
        handle = self.handle
        in_flight = {}  # cookie -> entry
        busy_slots = set()
        counter = 0
        failed = False
        while True:
            stopping = failed or self.stop_event.is_set() or (self.limit is not None and counter >= self.limit)
            while not stopping and len(in_flight) < self.depth:
                # Slots are written in turn; a slot still in flight holds the turn until it completes.
                slot = self.slots[counter % len(self.slots)]
                if slot in busy_slots:
                    break
                data = block_payload(f"{self.tag}-{counter}", self.slot_bytes)
                flags = nbd.CMD_FLAG_FUA if self.fua_every and counter % self.fua_every == 0 else 0
                entry = {"writer": self.tag, "offset": slot * self.slot_bytes, "length": self.slot_bytes,
                         "sha256": sha256(data), "data": data, "fua": bool(flags), "sent": time.time(), "ok": False}
                # The buffer must outlive the command, so it stays in `in_flight` until completion.
                buffer = nbd.Buffer.from_bytearray(bytearray(data))
                try:
                    cookie = handle.aio_pwrite(buffer, entry["offset"], flags=flags)
                except nbd.Error as error:
                    entry["error"] = describe(error)
                    entry["acked"] = time.time()
                    self.write_log.add(**entry)
                    self.errors.append(entry["error"])
                    failed = True
                    break
                in_flight[cookie] = (slot, entry, buffer)
                busy_slots.add(slot)
                counter += 1
                self.submitted = counter
                self.started_writing.set()
                stopping = self.limit is not None and counter >= self.limit
            if not in_flight:
                break
            try:
                handle.poll(200)
            except nbd.Error as error:
                # The connection died: every write still in flight was not acknowledged.
                for cookie, (slot, entry, _) in in_flight.items():
                    entry["error"] = describe(error)
                    entry["acked"] = time.time()
                    self.write_log.add(**entry)
                self.errors.append(describe(error))
                in_flight.clear()
                break
            for cookie in list(in_flight):
                slot, entry, _ = in_flight[cookie]
                try:
                    done = handle.aio_command_completed(cookie)
                except nbd.Error as error:
                    done = True
                    entry["error"] = describe(error)
                    entry["errno"] = nbd_errno(error)
                    self.errors.append(entry["error"])
                    failed = True
                else:
                    if done:
                        entry["ok"] = True
                if done:
                    entry["acked"] = time.time()
                    self.write_log.add(**entry)
                    del in_flight[cookie]
                    busy_slots.discard(slot)


def verify_slots(read_slot, entries, slot_bytes):
    """Checks every slot against the writes logged for it: the last acknowledged write must be
    there, or a later write that was not acknowledged. Returns a list of problems."""
    problems = []
    for slot, expected in sorted(expected_contents(entries, slot_bytes).items()):
        actual = sha256(read_slot(slot))
        allowed = set(expected["maybe"])
        if expected["acknowledged"] is not None:
            allowed.add(expected["acknowledged"])
        else:
            allowed.add(sha256(bytes(slot_bytes)))  # never acknowledged: still zeroes is fine
        if actual not in allowed:
            problems.append(f"slot {slot} (offset {slot * slot_bytes}): content {actual[:12]} is neither the last "
                            f"acknowledged write {str(expected['acknowledged'])[:12]} nor a later unacknowledged one")
    return problems


class RequestLoop(threading.Thread):
    """One client connection doing one kind of request (read or write) in a loop against a fixed
    URI, reconnecting after a failure, and logging every attempt with its send and completion
    times. Used to watch when a server stops (and starts again) completing requests."""

    def __init__(self, uri, kind, slot_bytes=4096, slots=range(0, 64), interval=0.01, tag="loop",
                 write_log=None, flush_every=0):
        super().__init__(daemon=True)
        self.uri = uri
        self.kind = kind
        self.slot_bytes = slot_bytes
        self.slots = list(slots)
        self.interval = interval
        self.tag = tag
        self.write_log = write_log if write_log is not None else WriteLog()
        self.flush_every = flush_every
        self.stop_event = threading.Event()
        self.attempts = []  # (sent, done, ok, error)
        self.lock = threading.Lock()

    def stop(self):
        self.stop_event.set()
        self.join(timeout=30)

    def successes(self):
        with self.lock:
            return [attempt for attempt in self.attempts if attempt[2]]

    def failures(self):
        with self.lock:
            return [attempt for attempt in self.attempts if not attempt[2]]

    def run(self):
        handle = None
        counter = 0
        while not self.stop_event.is_set():
            if handle is None:
                sent = time.time()
                try:
                    handle = connect(self.uri)
                except nbd.Error as error:
                    with self.lock:
                        self.attempts.append((sent, time.time(), False, "connect: " + describe(error)))
                    handle = None
                    self.stop_event.wait(0.05)
                    continue
            slot = self.slots[counter % len(self.slots)]
            offset = slot * self.slot_bytes
            data = block_payload(f"{self.tag}-{counter}", self.slot_bytes) if self.kind == "write" else None
            sent = time.time()
            try:
                if self.kind == "write":
                    handle.pwrite(data, offset)
                else:
                    handle.pread(self.slot_bytes, offset)
                ok, error_text = True, None
            except nbd.Error as error:
                ok, error_text = False, describe(error)
            done = time.time()
            with self.lock:
                self.attempts.append((sent, done, ok, error_text))
            if data is not None:
                self.write_log.add(writer=self.tag, offset=offset, length=self.slot_bytes, sha256=sha256(data),
                                   sent=sent, acked=done, ok=ok, error=error_text)
            if ok and self.flush_every and counter % self.flush_every == 0:
                sent = time.time()
                try:
                    handle.flush()
                    error_text = None
                except nbd.Error as error:
                    ok, error_text = False, describe(error)
                with self.lock:
                    self.attempts.append((sent, time.time(), ok, error_text))
            counter += 1
            if not ok:
                close_quietly(handle)
                handle = None
            self.stop_event.wait(self.interval)
        if handle is not None:
            close_quietly(handle)


class NetworkPartition:
    """A network namespace joined to this one by a veth pair that the test can cut and heal.

    The end in this namespace is `host_address` (10.233.K.1/30), the end inside is
    `inner_address` (10.233.K.2/30). Cutting sets this side's end down: packets from inside are
    dropped without an answer (no carrier), and this side has no route inward any more; local
    addresses stay reachable on both sides. Nothing leaves the machine."""

    def __init__(self):
        tag = uuid.uuid4().hex[:6]
        self.name = f"bf-{tag}"
        self.host_interface = f"bfh{tag}"
        self.inner_interface = f"bfi{tag}"
        subnet = int(tag, 16) % 250 + 1
        self.host_address = f"10.233.{subnet}.1"
        self.inner_address = f"10.233.{subnet}.2"
        self.created = False

    @staticmethod
    def run(*command):
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=30)

    def inside(self, *command):
        self.run("ip", "netns", "exec", self.name, *command)

    def create(self):
        self.run("ip", "netns", "add", self.name)
        self.created = True
        self.run("ip", "link", "add", self.host_interface, "type", "veth", "peer", "name", self.inner_interface)
        self.run("ip", "link", "set", self.inner_interface, "netns", self.name)
        self.run("ip", "addr", "add", f"{self.host_address}/30", "dev", self.host_interface)
        self.run("ip", "link", "set", self.host_interface, "up")
        self.inside("ip", "addr", "add", f"{self.inner_address}/30", "dev", self.inner_interface)
        self.inside("ip", "link", "set", self.inner_interface, "up")
        self.inside("ip", "link", "set", "lo", "up")
        return self

    def cut(self):
        self.run("ip", "link", "set", self.host_interface, "down")

    def heal(self):
        self.run("ip", "link", "set", self.host_interface, "up")

    def destroy(self):
        if not self.created:
            return
        subprocess.run(["ip", "netns", "del", self.name], capture_output=True, timeout=30)
        # Deleting the namespace deletes the inner end, and with it the pair; this is for the case
        # where it did not.
        subprocess.run(["ip", "link", "del", self.host_interface], capture_output=True, timeout=30)
        self.created = False
