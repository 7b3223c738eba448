"""Stopping `blockfence nbd` with clients attached: SIGTERM and SIGINT end it cleanly, with
exit status 0, and what it acknowledged before going is in the file."""

import os
import signal
import struct
import time

import pytest

import nbdwire as w
from conftest import Export

MiB = 1 << 20
KiB = 1 << 10


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stop_with_clients_attached(start_server, transport, nbd_module, signal_number):
    server = start_server([Export("disk", size="16MiB")], transport=transport)
    handles = [server.nbd_handle("disk") for _ in range(3)]
    for handle in handles:
        handle.pwrite(b"x" * 4096, 0)
    transmitting = server.wire()
    transmitting.negotiate("disk")
    negotiating = server.wire()
    negotiating.start()

    started = time.monotonic()
    os.kill(server.pid, signal_number)
    server.expected_exit = True
    status = server.process.wait(15)
    assert status == 0, server.log_tail()
    assert time.monotonic() - started < 10, "stopping with idle clients took too long"
    assert transmitting.closed_by_server(2)
    # A client still negotiating is told the server is going, or simply dropped.
    try:
        replies = negotiating.option(w.OPT_LIST)
        assert replies[-1].type == w.REP_ERR_SHUTDOWN, replies
    except (OSError, w.ConnectionClosed):
        pass
    assert not server.crashed(), server.log_tail()
    transmitting.close()
    negotiating.close()


def test_acknowledged_writes_are_in_the_file_after_sigterm(start_server, transport):
    server = start_server([Export("disk", size="64MiB")], transport=transport)
    client = server.wire(timeout=20)
    client.negotiate("disk")
    blocks = {}
    blob = b""
    for index in range(256):
        data = os.urandom(64 * KiB)
        handle = index + 1
        offset = index * 128 * KiB
        blocks[handle] = (offset, data)
        blob += struct.pack(">IHHQQI", w.REQUEST_MAGIC, 0, w.CMD_WRITE, handle, offset, len(data)) + data
    client.send(blob)
    # Stop as soon as the first reply proves the server is working through the batch.
    first = client.read_reply()
    os.kill(server.pid, signal.SIGTERM)
    server.expected_exit = True
    acknowledged = [first] if first.error == 0 else []
    while True:
        try:
            reply = client.read_reply()
        except (w.ConnectionClosed, OSError):
            break
        assert reply.handle in blocks, reply
        assert reply.error in (0, w.ESHUTDOWN), reply
        if reply.error == 0:
            acknowledged.append(reply)
    assert server.process.wait(20) == 0, server.log_tail()
    with open(server.exports[0].path, "rb") as backing:
        for reply in acknowledged:
            offset, data = blocks[reply.handle]
            backing.seek(offset)
            assert backing.read(len(data)) == data, "acknowledged write %d is not in the file" % reply.handle
    client.close()
