"""Listening addresses: Unix socket files, IPv6 loopback, and what must never be clobbered."""

import os
import socket
import stat

import pytest

import interop
from conftest import Endpoint, Export


def test_unix_listen_path_holding_a_regular_file_is_not_deleted(blockfence_bin, workdir):
    """A typo in --listen must not destroy a user's file: only a stale socket may be replaced."""
    precious = os.path.join(workdir, "precious.txt")
    with open(precious, "w") as handle:
        handle.write("keep me")
    process = interop.spawn(
        [blockfence_bin, "nbd", "--listen", "unix:%s" % precious, "--export",
         "a=%s" % os.path.join(workdir, "a.img"), "--size", "1M"],
        os.path.join(workdir, "precious.log"))
    def settled():
        return process.poll() is not None or not stat.S_ISREG(os.lstat(precious).st_mode) \
            if os.path.lexists(precious) else True

    interop.wait_until(settled, 10)
    status = process.poll()
    interop.end_process(process)
    with open(os.path.join(workdir, "precious.log")) as handle:
        log = handle.read()
    assert os.path.exists(precious) and stat.S_ISREG(os.stat(precious).st_mode), (
        "blockfence deleted the regular file at the --listen path (exit %s):\n%s" % (status, log))
    with open(precious) as handle:
        assert handle.read() == "keep me"
    assert status == 1, "expected a clean refusal (exit 1), got %s:\n%s" % (status, log)


def test_second_server_on_a_live_unix_socket_fails(start_server, blockfence_bin, workdir, nbd_module):
    server = start_server(["disk"], transport="unix")
    result = interop.run([blockfence_bin, "nbd", "--listen", "unix:%s" % server.endpoint.path, "--export",
                          "b=%s" % os.path.join(workdir, "b.img"), "--size", "1M"], check=False, timeout=15)
    assert result.returncode == 1, result.stdout + result.stderr
    assert server.endpoint.path in result.stderr
    # The first server still owns its socket.
    handle = server.nbd_handle("disk")
    try:
        handle.pwrite(b"mine", 0)
        assert handle.pread(4, 0) == b"mine"
    finally:
        handle.shutdown()


def test_stale_unix_socket_is_taken_over(start_server, workdir, nbd_module):
    path = os.path.join(workdir, "stale.sock")
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(path)
    leftover.close()  # the file stays, nobody listens: like a server killed with -9
    server = start_server(["disk"], endpoints=[Endpoint("unix", path=path)])
    handle = server.nbd_handle("disk")
    handle.pwrite(b"served", 0)
    assert handle.pread(6, 0) == b"served"
    handle.shutdown()


def test_clean_stop_removes_the_unix_socket_file(start_server, workdir):
    """blockfence unlinks its socket file when it stops; checked over several stops because the
    removal can race with the process exit."""
    path = os.path.join(workdir, "clean.sock")
    server = start_server(["disk"], endpoints=[Endpoint("unix", path=path)], log_level="info")
    left_behind = 0
    rounds = 40
    for round_number in range(rounds):
        assert server.stop() == 0
        if os.path.exists(path):
            left_behind += 1
        if round_number < rounds - 1:
            server.start()
    assert left_behind == 0, "the socket file outlived %d of %d clean stops" % (left_behind, rounds)


def test_ipv6_loopback(start_server, nbd_module):
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
            port = probe.getsockname()[1]
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    server = start_server([Export("disk", size="8MiB")], endpoints=[_V6Endpoint(port)])
    handle = nbd_module.NBD()
    handle.connect_uri("nbd://[::1]:%d/disk" % port)
    try:
        assert handle.get_size() == 8 << 20
        handle.pwrite(b"v6", 0)
        assert handle.pread(2, 0) == b"v6"
    finally:
        handle.shutdown()


class _V6Endpoint(Endpoint):
    def __init__(self, port):
        super().__init__("tcp6", port=port)

    @property
    def listen_argument(self):
        return "[::1]:%d" % self.port

    @property
    def address(self):
        return ("tcp", "::1", self.port)

    def uri(self, export=""):
        return "nbd://[::1]:%d/%s" % (self.port, export)
