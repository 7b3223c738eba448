"""Everything acknowledged by FUA or FLUSH survives `kill -9` of the server.

(kill -9 keeps the kernel's page cache, so this checks that acknowledged writes reached the
file and that a restart on the same file, and the same Unix socket path, serves them; power loss
is out of reach here.)
"""

import os
import random

from conftest import Export

MiB = 1 << 20
KiB = 1 << 10
SIZE = 64 * MiB


def kill_and_restart(server):
    status = server.kill9()
    assert status == -9, "expected death by SIGKILL, got %s" % status
    server.start()


def test_fua_and_flushed_writes_survive_kill_9(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    generator = random.Random(5)
    fua_data = generator.randbytes(1 * MiB)
    flushed_data = generator.randbytes(3 * MiB + 17)
    handle = server.nbd_handle("disk")
    try:
        handle.pwrite(fua_data, 7 * MiB, nbd.CMD_FLAG_FUA)
        handle.pwrite(flushed_data, 20 * MiB + 1)
        handle.zero(1 * MiB, 40 * MiB, nbd.CMD_FLAG_FUA)
        handle.flush()
    finally:
        # No orderly disconnect: the server dies with the connection open. On a Unix socket
        # the restart must also take over the socket file the dead server left behind.
        kill_and_restart(server)

    handle = server.nbd_handle("disk")
    try:
        assert handle.get_size() == SIZE
        assert handle.pread(len(fua_data), 7 * MiB) == fua_data
        assert handle.pread(len(flushed_data), 20 * MiB + 1) == flushed_data
        assert handle.pread(1 * MiB, 40 * MiB) == bytes(1 * MiB)
    finally:
        handle.shutdown()


def test_pipelined_fua_writes_survive_kill_9(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    generator = random.Random(9)
    handle = server.nbd_handle("disk")
    written = []
    cookies = []
    for index in range(128):
        offset = index * 256 * KiB
        data = generator.randbytes(64 * KiB)
        written.append((offset, data))
        cookies.append(handle.aio_pwrite(nbd.Buffer.from_bytearray(bytearray(data)), offset, None,
                                         nbd.CMD_FLAG_FUA))
    while handle.aio_in_flight() > 0:
        handle.poll(-1)
    for cookie in cookies:
        assert handle.aio_command_completed(cookie)
    kill_and_restart(server)

    handle = server.nbd_handle("disk")
    try:
        for offset, data in written:
            assert handle.pread(len(data), offset) == data, "acknowledged FUA write at %d lost" % offset
    finally:
        handle.shutdown()


def test_flush_on_another_connection_survives_kill_9(start_server, transport, nbd_module):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    writer = server.nbd_handle("disk")
    flusher = server.nbd_handle("disk")
    data = os.urandom(2 * MiB)
    writer.pwrite(data, 30 * MiB)
    flusher.flush()
    kill_and_restart(server)
    reader = server.nbd_handle("disk")
    try:
        assert reader.pread(len(data), 30 * MiB) == data
    finally:
        reader.shutdown()


def test_restart_with_explicit_matching_size(start_server, workdir, transport, nbd_module):
    path = os.path.join(workdir, "sized.img")
    server = start_server([Export("disk", path=path, size="32MiB")], transport=transport)
    handle = server.nbd_handle("disk")
    handle.pwrite(b"persist me", 123)
    handle.flush()
    kill_and_restart(server)  # the same command line again: --size matches the existing file
    handle = server.nbd_handle("disk")
    try:
        assert handle.pread(10, 123) == b"persist me"
    finally:
        handle.shutdown()
