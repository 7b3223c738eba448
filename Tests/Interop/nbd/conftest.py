"""Fixtures for the real-client interop suite.

Every test starts its own blockfence server(s) on its own files in a private directory, and the
fixtures end them by PID. At teardown each server must still be running (unless the test stopped
it), must stop on SIGTERM with exit status 0, and must not have printed a crash; a failing test
carries the server logs in its report.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

import interop
import nbdwire


def pytest_configure(config):
    binary, reason = interop.blockfence_binary()
    if binary is None:
        raise pytest.UsageError(
            "%s.\nExample: swift build && BLOCKFENCE_BIN=$PWD/.build/debug/blockfence "
            "/usr/bin/python3 -m pytest Tests/Interop/nbd" % reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for server in getattr(item, "blockfence_servers", []):
            report.sections.append(("blockfence log: %s" % server.label, server.log_tail(200)))


class Export:
    """One --export with the options that belong to it."""

    def __init__(self, name, path=None, size=None, read_only=False, description=None):
        self.name = name
        self.path = path
        self.size = size
        self.read_only = read_only
        self.description = description

    def arguments(self):
        words = ["--export", "%s=%s" % (self.name, self.path)]
        if self.size is not None:
            words += ["--size", str(self.size)]
        if self.read_only:
            words.append("--read-only")
        if self.description is not None:
            words += ["--description", self.description]
        return words


class Endpoint:
    """Where a server listens: TCP on loopback or a Unix socket."""

    def __init__(self, kind, port=None, path=None):
        self.kind = kind
        self.port = port
        self.path = path

    @property
    def listen_argument(self):
        return "127.0.0.1:%d" % self.port if self.kind == "tcp" else "unix:%s" % self.path

    @property
    def address(self):
        return ("tcp", "127.0.0.1", self.port) if self.kind == "tcp" else ("unix", self.path)

    def uri(self, export=""):
        if self.kind == "tcp":
            return "nbd://127.0.0.1:%d/%s" % (self.port, export)
        return "nbd+unix:///%s?socket=%s" % (export, self.path)


class BlockfenceServer:
    def __init__(self, binary, workdir, label, exports, endpoints, options, leading_options=()):
        self.binary = binary
        self.leading_options = list(leading_options)
        self.workdir = workdir
        self.label = label
        self.exports = exports
        self.endpoints = endpoints
        self.options = list(options)
        self.log_path = os.path.join(workdir, "%s.log" % label)
        self.process = None
        self.expected_exit = False  # set when the test itself stops or kills the server
        self.starts = 0

    @property
    def argv(self):
        words = [self.binary, "nbd"]
        for endpoint in self.endpoints:
            words += ["--listen", endpoint.listen_argument]
        # Options before the first --export apply to every export.
        words += self.leading_options
        for export in self.exports:
            words += export.arguments()
        return words + self.options

    @property
    def endpoint(self):
        return self.endpoints[0]

    @property
    def address(self):
        return self.endpoint.address

    @property
    def pid(self):
        return self.process.pid

    def uri(self, export=None):
        return self.endpoint.uri(self.exports[0].name if export is None else export)

    def start(self, timeout=15):
        with open(self.log_path, "ab") as log:
            log.write(b"==== start %d: %s\n" % (self.starts + 1, " ".join(self.argv).encode()))
        self.process = interop.spawn(self.argv, self.log_path)
        self.starts += 1
        self.expected_exit = False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("blockfence exited with %s before listening:\n%s" % (
                    self.process.returncode, self.log_tail()))
            if all(interop.is_listening(endpoint.address) for endpoint in self.endpoints):
                return self
            time.sleep(0.02)
        raise AssertionError("blockfence did not listen within %ss:\n%s" % (timeout, self.log_tail()))

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def log_text(self):
        try:
            with open(self.log_path, "rb") as handle:
                return handle.read().decode(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines=60):
        return "\n".join(self.log_text().splitlines()[-lines:])

    def crashed(self):
        return any(marker in self.log_text() for marker in interop.CRASH_MARKERS)

    def stop(self, timeout=20):
        """SIGTERM by PID; returns the exit status."""
        self.expected_exit = True
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
            raise AssertionError("blockfence ignored SIGTERM for %ss:\n%s" % (timeout, self.log_tail()))

    def kill9(self):
        self.expected_exit = True
        os.kill(self.process.pid, signal.SIGKILL)
        return self.process.wait(10)

    def assert_healthy(self):
        assert not self.crashed(), "blockfence crashed:\n%s" % self.log_tail()
        assert self.alive(), "blockfence exited (status %s) during the test:\n%s" % (
            self.process.returncode, self.log_tail())

    # Clients.

    def nbd_handle(self, export=None, structured=True, meta=True, strict=None, opt_mode=False):
        """A connected libnbd handle (or one in option mode, not yet connected past the handshake)."""
        nbd = interop.require_nbd_module()
        handle = nbd.NBD()
        handle.set_request_structured_replies(structured)
        if meta:
            handle.add_meta_context(nbd.CONTEXT_BASE_ALLOCATION)
        handle.set_export_name(self.exports[0].name if export is None else export)
        if opt_mode:
            handle.set_opt_mode(True)
        if self.endpoint.kind == "tcp":
            handle.connect_tcp("127.0.0.1", str(self.endpoint.port))
        else:
            handle.connect_unix(self.endpoint.path)
        if strict is not None:
            handle.set_strict_mode(strict)
        return handle

    def wire(self, timeout=10.0):
        return nbdwire.WireClient(self.address, timeout)


@pytest.fixture
def workdir():
    """A private directory under /tmp with a short path (Unix socket paths are limited to
    107 bytes)."""
    path = tempfile.mkdtemp(prefix="bfi-", dir="/tmp")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(autouse=True)
def _private_working_directory(workdir, monkeypatch):
    """Tools that drop files in their working directory (fio's verify state, for one) drop
    them in the test's private directory, never in the repository."""
    monkeypatch.chdir(workdir)


@pytest.fixture
def blockfence_bin():
    binary, reason = interop.blockfence_binary()
    assert binary is not None, reason
    return binary


@pytest.fixture(params=["tcp", "unix"])
def transport(request):
    return request.param


@pytest.fixture
def start_server(request, workdir, blockfence_bin):
    """Factory: start_server(exports, transport="tcp", options=(), endpoints=None, leading=()).

    `exports` are Export objects (or names, which become 64 MiB sparse files in the workdir);
    `leading` options go before the first --export, `options` after the last.
    """
    servers = []
    request.node.blockfence_servers = servers

    def start(exports=("disk",), transport="tcp", options=(), endpoints=None, log_level="debug",
              size="64MiB", leading=()):
        prepared = []
        for export in exports:
            if isinstance(export, str):
                export = Export(export, size=size)
            if export.path is None:
                export.path = os.path.join(workdir, "%s.img" % export.name)
            prepared.append(export)
        label = "server%d" % (len(servers) + 1)
        for attempt in range(3):
            chosen = endpoints
            if chosen is None:
                if transport == "tcp":
                    chosen = [Endpoint("tcp", port=interop.free_tcp_port())]
                else:
                    chosen = [Endpoint("unix", path=os.path.join(workdir, "%s.sock" % label))]
            server = BlockfenceServer(
                blockfence_bin, workdir, label, prepared, chosen,
                list(options) + ["--log-level", log_level], leading)
            try:
                server.start()
            except AssertionError:
                # Another process may have taken the free port between our probe and the bind.
                if attempt < 2 and endpoints is None and "cannot listen" in server.log_text():
                    continue
                servers.append(server)
                raise
            servers.append(server)
            return server

    yield start

    problems = []
    for server in servers:
        if server.process is None:
            continue
        if server.crashed():
            problems.append("%s crashed:\n%s" % (server.label, server.log_tail()))
            if server.alive():
                server.kill9()
            continue
        if not server.alive():
            if not server.expected_exit:
                problems.append("%s exited by itself with status %s:\n%s" % (
                    server.label, server.process.returncode, server.log_tail()))
            continue
        status = server.stop()
        if status != 0:
            problems.append("%s exited with status %s on SIGTERM:\n%s" % (
                server.label, status, server.log_tail()))
        elif server.crashed():
            problems.append("%s crashed while stopping:\n%s" % (server.label, server.log_tail()))
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


@pytest.fixture
def nbd_module():
    return interop.require_nbd_module()
