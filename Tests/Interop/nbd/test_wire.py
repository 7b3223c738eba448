"""The transmission phase spoken byte by byte: what libnbd will not send, and the exact shape of
replies on the wire."""

import os
import struct
import time

import pytest

import nbdwire as w
from conftest import Export

MiB = 1 << 20
KiB = 1 << 10
SIZE = 64 * MiB


@pytest.fixture
def server(start_server, transport):
    return start_server([Export("disk", size=SIZE), Export("other", size="1MiB")], transport=transport)


def connected(server, structured=True, meta=True, name="disk"):
    client = server.wire()
    client.negotiate(name, structured=structured, meta=meta)
    return client


def assert_usable(client):
    payload = os.urandom(512)
    assert client.command(w.CMD_WRITE, 8192, 512, payload=payload).error == 0
    reply = client.command(w.CMD_READ, 8192, 512)
    assert reply.error == 0 and reply.data == payload, reply


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
@pytest.mark.parametrize("command", [8, 9, 0x42, 0x7FFF, 0xFFFF])
def test_unknown_command_is_einval(server, structured, command):
    with connected(server, structured) as client:
        reply = client.command(command, 0, 512)
        assert reply.error == w.EINVAL, reply
        assert_usable(client)


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
@pytest.mark.parametrize("offset, length", [(4096, 0), (0, 4096), (1, 1), (1 << 63, 0)])
def test_flush_with_a_range_is_einval(server, structured, offset, length):
    with connected(server, structured) as client:
        reply = client.command(w.CMD_FLUSH, offset, length)
        assert reply.error == w.EINVAL, reply
        assert client.command(w.CMD_FLUSH).error == 0
        assert_usable(client)


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
def test_block_status_without_meta_context_is_einval(server, structured):
    with connected(server, structured, meta=False) as client:
        reply = client.command(w.CMD_BLOCK_STATUS, 0, 4096)
        assert reply.error == w.EINVAL, reply
        assert_usable(client)


def test_block_status_with_context_for_another_export_is_einval(server):
    with server.wire() as client:
        client.start()
        client.structured_reply()
        assert client.set_meta_context("other")[-1].type == w.REP_ACK
        assert client.go("disk")[-1].type == w.REP_ACK
        reply = client.command(w.CMD_BLOCK_STATUS, 0, 4096)
        assert reply.error == w.EINVAL, reply
        assert_usable(client)


def test_set_meta_context_with_no_queries_deselects(server):
    with server.wire() as client:
        client.start()
        client.structured_reply()
        assert client.set_meta_context("disk")[-1].type == w.REP_ACK
        assert client.set_meta_context("disk", [])[-1].type == w.REP_ACK
        assert client.go("disk")[-1].type == w.REP_ACK
        reply = client.command(w.CMD_BLOCK_STATUS, 0, 4096)
        assert reply.error == w.EINVAL, reply


def test_failed_set_meta_context_still_replaces_the_selection(server):
    """NBD_OPT_SET_META_CONTEXT replaces all previously set contexts, "including when this
    command fails"; a later BLOCK_STATUS has no context and SHOULD get EINVAL."""
    with server.wire() as client:
        client.start()
        client.structured_reply()
        assert client.set_meta_context("disk")[-1].type == w.REP_ACK
        # Query count says 5, but no query follows: syntactically invalid.
        bad = w.nbd_string("disk") + struct.pack(">I", 5)
        replies = client.option(w.OPT_SET_META_CONTEXT, bad)
        assert replies[-1].type == w.REP_ERR_INVALID, replies
        assert client.go("disk")[-1].type == w.REP_ACK
        reply = client.command(w.CMD_BLOCK_STATUS, 0, 4096)
        assert reply.error == w.EINVAL, (
            "BLOCK_STATUS succeeded although the last SET_META_CONTEXT failed: %r" % reply)


def test_structured_read_reply_shape(server):
    with connected(server) as client:
        data = os.urandom(100 * KiB)
        assert client.command(w.CMD_WRITE, 1 * MiB + 3, len(data), payload=data).error == 0
        reply = client.command(w.CMD_READ, 1 * MiB + 3, len(data))
        assert reply.structured and reply.error == 0
        assert reply.data == data
        assert reply.chunks[-1][0] & w.REPLY_FLAG_DONE
        covered = 0
        for flags, chunk_type, payload in reply.chunks:
            assert chunk_type in (w.REPLY_TYPE_OFFSET_DATA, w.REPLY_TYPE_OFFSET_HOLE, w.REPLY_TYPE_NONE), chunk_type
            if chunk_type == w.REPLY_TYPE_OFFSET_DATA:
                (offset,) = struct.unpack(">Q", payload[:8])
                assert 1 * MiB + 3 <= offset and offset + len(payload) - 8 <= 1 * MiB + 3 + len(data)
                covered += len(payload) - 8
        assert covered == len(data)


def test_structured_read_error_is_an_error_chunk(server):
    """With structured replies the server MUST NOT answer READ with a simple reply, even for EINVAL."""
    with connected(server) as client:
        for offset, length, flags in [(SIZE, 512, 0), (0, 512, w.CMD_FLAG_NO_HOLE), (0, 0, 0),
                                      (0, 32 * MiB + 1, 0)]:
            reply = client.command(w.CMD_READ, offset, length, flags)
            assert reply.error == w.EINVAL, reply
            assert reply.structured, "READ error sent as a simple reply: %r" % reply
            flags_field, chunk_type, _ = reply.chunks[-1]
            assert chunk_type & 0x8000 and flags_field & w.REPLY_FLAG_DONE, reply
            assert reply.message, "error chunks should carry a message"
            reply.message.decode("utf-8")
        assert_usable(client)


def test_simple_read_error_carries_no_payload(server):
    with connected(server, structured=False) as client:
        reply = client.command(w.CMD_READ, SIZE - 256, 512)
        assert reply.error == w.EINVAL and not reply.structured and reply.data == b""
        # If the server had sent 512 payload bytes anyway, this reply would not parse.
        assert_usable(client)


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
def test_oversized_write_payload_is_drained(server, structured):
    with connected(server, structured) as client:
        length = 32 * MiB + 4096
        handle = client.send_request(w.CMD_WRITE, 0, length, payload=bytes([0x5A]) * length)
        reply = client.read_reply()
        assert reply.handle == handle and reply.error == w.EINVAL, reply
        assert_usable(client)
        # Nothing of the refused payload reached the export.
        assert client.command(w.CMD_READ, 0, 4096).data == bytes(4096)


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
def test_zero_length_write_has_no_payload(server, structured):
    with connected(server, structured) as client:
        reply = client.command(w.CMD_WRITE, 0, 0)
        assert reply.error == w.EINVAL, reply
        assert_usable(client)


def test_handles_are_echoed(server):
    with connected(server) as client:
        for handle in (0, 1, 0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xDEADBEEFCAFEF00D):
            client.send_request(w.CMD_READ, 0, 16, handle=handle)
            reply = client.read_reply()
            assert reply.handle == handle
            client.send_request(w.CMD_FLUSH, handle=handle)
            assert client.read_reply().handle == handle


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
def test_many_pipelined_requests_in_one_send(server, structured):
    with connected(server, structured) as client:
        expected = {}
        blob = b""
        handles = {}
        for index in range(200):
            offset = index * 8 * KiB
            data = os.urandom(4 * KiB + index)
            expected[offset] = data
            handle = 1000 + index
            blob += struct.pack(">IHHQQI", w.REQUEST_MAGIC, w.CMD_FLAG_FUA if index % 50 == 0 else 0,
                                w.CMD_WRITE, handle, offset, len(data)) + data
            handles[handle] = ("write", offset)
        blob += struct.pack(">IHHQQI", w.REQUEST_MAGIC, 0, w.CMD_FLUSH, 5000, 0, 0)
        handles[5000] = ("flush", 0)
        client.send(blob)
        for _ in range(len(handles)):
            reply = client.read_reply()
            assert reply.error == 0, reply
            assert handles.pop(reply.handle, None) is not None, "unexpected handle %d" % reply.handle
        assert not handles

        # Reads, all in flight at once. One send: the server may stop reading while it cannot
        # send, so a client must never block writing requests without reading replies.
        blob = b""
        for offset, data in expected.items():
            blob += struct.pack(">IHHQQI", w.REQUEST_MAGIC, 0, w.CMD_READ, offset + 1, offset, len(data))
            client.expect_read(offset + 1, len(data))
        client.send(blob)
        for _ in range(len(expected)):
            reply = client.read_reply()
            assert reply.error == 0
            assert reply.data == expected[reply.handle - 1]


def test_request_with_bad_magic_closes_the_connection(server):
    with connected(server) as client:
        client.send_request(w.CMD_READ, 0, 512, magic=0x12560953)
        assert client.closed_by_server(5), "a request with bad magic must end the connection"
    server.assert_healthy()
    with connected(server) as client:
        assert_usable(client)


def test_garbage_after_go_closes_the_connection(server):
    with connected(server) as client:
        client.send(os.urandom(4096))
        assert client.closed_by_server(5)
    server.assert_healthy()


def test_disc_finishes_outstanding_requests_then_closes(server):
    with connected(server) as client:
        data = os.urandom(64 * KiB)
        write = client.send_request(w.CMD_WRITE, 2 * MiB, len(data), w.CMD_FLAG_FUA, payload=data)
        flush = client.send_request(w.CMD_FLUSH)
        client.disconnect()
        replies = {client.read_reply().handle for _ in range(2)}
        assert replies == {write, flush}
        assert client.closed_by_server(5), "the server did not close after NBD_CMD_DISC"
    with open(server.exports[0].path, "rb") as backing:
        backing.seek(2 * MiB)
        assert backing.read(len(data)) == data
    server.assert_healthy()


def test_disc_with_nonzero_fields_still_disconnects(server):
    with connected(server) as client:
        client.send_request(w.CMD_DISC, 4096, 512)
        assert client.closed_by_server(5)
    server.assert_healthy()


@pytest.mark.parametrize("cut", ["half header", "header only", "half payload"])
def test_client_vanishing_mid_request_does_not_hurt(server, cut, nbd_module):
    length = 1 * MiB
    payload = os.urandom(length)
    header = struct.pack(">IHHQQI", w.REQUEST_MAGIC, 0, w.CMD_WRITE, 77, 0, length)
    message = {"half header": header[:14], "header only": header,
               "half payload": header + payload[:length // 2]}[cut]
    for _ in range(5):
        with connected(server) as client:
            client.send(message)
    time.sleep(0.2)
    server.assert_healthy()
    # Other clients are served; no part of the torn write became a reply-less success.
    with connected(server) as client:
        assert_usable(client)
    handle = server.nbd_handle("disk")
    try:
        assert len(handle.pread(4096, 0)) == 4096
    finally:
        handle.shutdown()


def test_client_vanishing_with_replies_pending(server):
    """Requests in flight when the client disappears: the server must cope with failed sends."""
    for _ in range(5):
        with connected(server) as client:
            for index in range(64):
                client.send_request(w.CMD_READ, index * MiB % SIZE, 1 * MiB)
            client.send_request(w.CMD_FLUSH)
    time.sleep(0.3)
    server.assert_healthy()
    with connected(server) as client:
        assert_usable(client)


def test_req_one_on_the_wire(server):
    with connected(server) as client:
        assert client.command(w.CMD_WRITE, 0, 1 * MiB, payload=os.urandom(1 * MiB)).error == 0
        reply = client.command(w.CMD_BLOCK_STATUS, 0, 4 * MiB, w.CMD_FLAG_REQ_ONE)
        assert reply.error == 0, reply
        ((context, extents),) = reply.extents.items()
        assert len(extents) == 1 and 0 < extents[0][0] <= 4 * MiB, extents
        reply = client.command(w.CMD_BLOCK_STATUS, 0, 4 * MiB)
        extents = reply.extents[context]
        assert len(extents) >= 2 and extents[0] == (1 * MiB, 0), extents
        assert sum(length for length, _ in extents[:-1]) < 4 * MiB
