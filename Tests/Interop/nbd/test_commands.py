"""Transmission commands through libnbd: reply styles, FUA, FLUSH, CACHE, WRITE_ZEROES,
BLOCK_STATUS, pipelining and several connections."""

import os
import random
import shutil

import pytest

import interop
from conftest import Endpoint, Export

MiB = 1 << 20
KiB = 1 << 10
SIZE = 64 * MiB


def allocated_bytes(path):
    return os.stat(path).st_blocks * 512


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
def test_read_write_round_trip(start_server, transport, nbd_module, structured):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    handle = server.nbd_handle("disk", structured=structured)
    try:
        assert handle.get_structured_replies_negotiated() == structured
        samples = [(0, os.urandom(4096)), (12345, os.urandom(777)), (SIZE - 4096, os.urandom(4096)),
                   (5 * MiB + 1, os.urandom(3 * MiB))]
        for offset, data in samples:
            handle.pwrite(data, offset)
        for offset, data in samples:
            assert handle.pread(len(data), offset) == data
        # An untouched area reads as zeroes.
        assert handle.pread(64 * KiB, 20 * MiB) == bytes(64 * KiB)
    finally:
        handle.shutdown()


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
def test_maximum_payload_is_served(start_server, transport, nbd_module, structured):
    """Exactly the advertised maximum block size (32 MiB) must work for READ and WRITE."""
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    handle = server.nbd_handle("disk", structured=structured)
    try:
        data = os.urandom(32 * MiB)
        handle.pwrite(data, 16 * MiB)
        assert interop.sha256_bytes(handle.pread(32 * MiB, 16 * MiB)) == interop.sha256_bytes(data)
    finally:
        handle.shutdown()


def test_server_without_structured_replies(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport, options=["--no-structured-replies"])
    handle = server.nbd_handle("disk", structured=True)
    try:
        assert handle.get_structured_replies_negotiated() is False
        assert handle.can_meta_context(nbd.CONTEXT_BASE_ALLOCATION) is False
        assert handle.can_df() is False
        data = os.urandom(100 * KiB)
        handle.pwrite(data, 1 * MiB)
        assert handle.pread(len(data), 1 * MiB) == data
    finally:
        handle.shutdown()


def test_df_read_comes_in_one_chunk(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    handle = server.nbd_handle("disk")
    try:
        assert handle.can_df()
        data = os.urandom(64 * KiB)
        handle.pwrite(data, 0)
        chunks = []

        def chunk(subbuffer, offset, status, error):
            chunks.append((offset, len(subbuffer), status))
            return 0

        result = handle.pread_structured(64 * KiB, 0, chunk, nbd.CMD_FLAG_DF)
        assert result == data
        assert chunks == [(0, 64 * KiB, nbd.READ_DATA)]
    finally:
        handle.shutdown()


def test_fua_writes_and_flush(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    path = server.exports[0].path
    handle = server.nbd_handle("disk")
    try:
        assert handle.can_fua() and handle.can_flush()
        first = os.urandom(256 * KiB)
        handle.pwrite(first, 0, nbd.CMD_FLAG_FUA)
        second = os.urandom(256 * KiB)
        handle.pwrite(second, 1 * MiB)
        handle.flush()
        assert handle.pread(len(first), 0) == first
        assert handle.pread(len(second), 1 * MiB) == second
        # What FUA and FLUSH acknowledged is in the file itself.
        with open(path, "rb") as backing:
            assert backing.read(len(first)) == first
            backing.seek(1 * MiB)
            assert backing.read(len(second)) == second
        handle.zero(64 * KiB, 0, nbd.CMD_FLAG_FUA)
        handle.trim(64 * KiB, 1 * MiB, nbd.CMD_FLAG_FUA)
        assert handle.pread(64 * KiB, 0) == bytes(64 * KiB)
    finally:
        handle.shutdown()


def test_cache(start_server, workdir, transport, nbd_module):
    ro_path = os.path.join(workdir, "ro.img")
    with open(ro_path, "wb") as backing:
        backing.write(os.urandom(2 * MiB))
    server = start_server([Export("disk", size=SIZE), Export("ro", path=ro_path, read_only=True)],
                          transport=transport)
    for name in ("disk", "ro"):
        handle = server.nbd_handle(name)
        try:
            assert handle.can_cache()
            handle.cache(1 * MiB, 0)
            handle.cache(1, SIZE - 1 if name == "disk" else 2 * MiB - 1)
            assert len(handle.pread(4096, 0)) == 4096
        finally:
            handle.shutdown()


def test_write_zeroes_with_and_without_no_hole(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    path = server.exports[0].path
    handle = server.nbd_handle("disk")
    try:
        assert handle.can_zero()
        handle.pwrite(os.urandom(8 * MiB), 0)
        handle.flush()
        before = allocated_bytes(path)
        assert before >= 8 * MiB

        # NO_HOLE over data: zeroes, and the range stays provisioned.
        handle.zero(1 * MiB, 1 * MiB, nbd.CMD_FLAG_NO_HOLE)
        handle.flush()
        assert handle.pread(1 * MiB, 1 * MiB) == bytes(1 * MiB)
        assert allocated_bytes(path) >= before, "NO_HOLE write zeroes released storage"

        # NO_HOLE over a hole: the range must become provisioned.
        handle.zero(2 * MiB, 32 * MiB, nbd.CMD_FLAG_NO_HOLE)
        handle.flush()
        assert handle.pread(2 * MiB, 32 * MiB) == bytes(2 * MiB)
        provisioned = allocated_bytes(path)
        assert provisioned >= before + 2 * MiB, (
            "NO_HOLE write zeroes did not provision the range: %d bytes allocated before, %d after"
            % (before, provisioned))

        # Without NO_HOLE the server may punch a hole; either way it reads back as zeroes.
        handle.zero(2 * MiB, 4 * MiB)
        handle.flush()
        assert handle.pread(2 * MiB, 4 * MiB) == bytes(2 * MiB)
        # Neighbours are untouched.
        assert handle.pread(1 * MiB, 6 * MiB) != bytes(1 * MiB)
        assert handle.pread(1 * MiB, 0) != bytes(1 * MiB)
    finally:
        handle.shutdown()


def test_fast_zero_succeeds_where_zeroing_is_cheap(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    handle = server.nbd_handle("disk")
    try:
        assert handle.can_fast_zero()
        handle.pwrite(os.urandom(4 * MiB), 0)
        handle.zero(4 * MiB, 0, nbd.CMD_FLAG_FAST_ZERO)
        assert handle.pread(4 * MiB, 0) == bytes(4 * MiB)
        handle.zero(4 * MiB, 8 * MiB, nbd.CMD_FLAG_FAST_ZERO | nbd.CMD_FLAG_NO_HOLE)
        assert handle.pread(4 * MiB, 8 * MiB) == bytes(4 * MiB)
    finally:
        handle.shutdown()


def collect_extents(handle, nbd, count, offset, flags=0):
    extents = []

    def callback(context, start, entries, error):
        assert context == nbd.CONTEXT_BASE_ALLOCATION
        extents.append((start, list(zip(entries[0::2], entries[1::2]))))
        return 0

    handle.block_status(count, offset, callback, flags)
    assert len(extents) == 1, "one chunk per context expected, got %r" % extents
    start, pairs = extents[0]
    assert start == offset
    return pairs


def test_block_status_with_and_without_req_one(start_server, transport, nbd_module):
    nbd = nbd_module
    hole = nbd.STATE_HOLE
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    handle = server.nbd_handle("disk")
    try:
        # Layout: data [0, 1M), hole [1M, 2M), data [2M, 3M), hole [3M, end).
        handle.pwrite(os.urandom(1 * MiB), 0)
        handle.pwrite(os.urandom(1 * MiB), 2 * MiB)

        pairs = collect_extents(handle, nbd, 4 * MiB, 0)
        assert all(length > 0 for length, _ in pairs)
        # Without REQ_ONE every descriptor but the last lies inside the request.
        assert sum(length for length, _ in pairs[:-1]) < 4 * MiB
        merged = []
        position = 0
        for length, flags in pairs:
            kind = "hole" if flags & hole else "data"
            if merged and merged[-1][2] == kind:
                merged[-1][1] += length
            else:
                merged.append([position, length, kind])
            position += length
        assert [tuple(item) for item in merged][:3] == [
            (0, 1 * MiB, "data"), (1 * MiB, 1 * MiB, "hole"), (2 * MiB, 1 * MiB, "data")], pairs
        assert merged[3][0] == 3 * MiB and merged[3][2] == "hole", pairs
        assert all(flags & nbd.STATE_ZERO for _, flags in pairs if flags & hole)

        # REQ_ONE: exactly one descriptor, no longer than the request.
        for offset, count, kind in [(0, 4 * MiB, "data"), (1 * MiB, 4 * MiB, "hole"), (0, 4096, "data"),
                                    (512 * KiB, 3 * MiB, "data"), (3 * MiB, SIZE - 3 * MiB, "hole")]:
            pairs = collect_extents(handle, nbd, count, offset, nbd.CMD_FLAG_REQ_ONE)
            assert len(pairs) == 1, "REQ_ONE answered with %d descriptors: %r" % (len(pairs), pairs)
            length, flags = pairs[0]
            assert 0 < length <= count
            assert ("hole" if flags & hole else "data") == kind, (offset, count, pairs)
    finally:
        handle.shutdown()


def wait_for_all(handle, cookies):
    while handle.aio_in_flight() > 0:
        handle.poll(-1)
    for cookie in cookies:
        # Raises nbd.Error if that command failed.
        assert handle.aio_command_completed(cookie) is True


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
def test_pipelined_requests(start_server, transport, nbd_module, structured):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    handle = server.nbd_handle("disk", structured=structured)
    generator = random.Random(42)
    try:
        slots = generator.sample(range(SIZE // (64 * KiB)), 384)
        writes = []
        cookies = []
        for index, slot in enumerate(slots):
            length = generator.choice([512, 4096, 16 * KiB, 64 * KiB])
            offset = slot * 64 * KiB + generator.randrange(0, 64 * KiB - length + 1)
            data = generator.randbytes(length)
            writes.append((offset, data))
            flags = nbd.CMD_FLAG_FUA if index % 16 == 0 else 0
            cookies.append(handle.aio_pwrite(nbd.Buffer.from_bytearray(bytearray(data)), offset, None, flags))
            if index % 64 == 63:
                cookies.append(handle.aio_flush())
        assert handle.aio_in_flight() > 1, "the requests were not pipelined"
        wait_for_all(handle, cookies)

        reads = []
        for offset, data in writes:
            buffer = nbd.Buffer(len(data))
            reads.append((buffer, data, handle.aio_pread(buffer, offset)))
        wait_for_all(handle, [cookie for _, _, cookie in reads])
        mismatches = [index for index, (buffer, data, _) in enumerate(reads) if buffer.to_bytearray() != data]
        assert not mismatches, "%d of %d pipelined reads returned wrong data" % (len(mismatches), len(reads))
    finally:
        handle.shutdown()


def test_pipelined_mixed_commands_with_errors(start_server, transport, nbd_module):
    """Failing requests in the middle of a pipeline fail alone; the others complete."""
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    handle = server.nbd_handle("disk", strict=0)
    try:
        good = []
        bad = []
        for index in range(64):
            data = bytes([index]) * 4096
            good.append((index * 4096, data, handle.aio_pwrite(nbd.Buffer.from_bytearray(bytearray(data)),
                                                               index * 4096)))
            bad.append(handle.aio_pread(nbd.Buffer(512), SIZE + index * 512))
        while handle.aio_in_flight() > 0:
            handle.poll(-1)
        for _, _, cookie in good:
            assert handle.aio_command_completed(cookie)
        for cookie in bad:
            with pytest.raises(nbd.Error) as raised:
                handle.aio_command_completed(cookie)
            assert raised.value.errnum == 22
        for offset, data, _ in good:
            assert handle.pread(4096, offset) == data
    finally:
        handle.shutdown()


def test_multi_conn_flush_covers_every_connection(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    path = server.exports[0].path
    handles = [server.nbd_handle("disk") for _ in range(3)]
    try:
        for handle in handles:
            assert handle.can_multi_conn()
        writer, flusher, reader = handles
        data = os.urandom(1 * MiB)
        writer.pwrite(data, 3 * MiB)
        flusher.flush()
        assert reader.pread(len(data), 3 * MiB) == data
        with open(path, "rb") as backing:
            backing.seek(3 * MiB)
            assert backing.read(len(data)) == data

        # All three write at once, pipelined, then one flush and reads across connections.
        expected = {}
        cookies = {}
        for index, handle in enumerate(handles):
            cookies[index] = []
            for slot in range(32):
                offset = (16 + index) * MiB + slot * 16 * KiB
                payload = os.urandom(16 * KiB)
                expected[offset] = payload
                cookies[index].append(handle.aio_pwrite(nbd.Buffer.from_bytearray(bytearray(payload)), offset))
        for index, handle in enumerate(handles):
            wait_for_all(handle, cookies[index])
        handles[1].flush()
        for position, (offset, payload) in enumerate(sorted(expected.items())):
            assert handles[position % 3].pread(len(payload), offset) == payload
    finally:
        for handle in handles:
            handle.shutdown()


def test_disconnect_is_clean(start_server, transport, nbd_module):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    for _ in range(20):
        handle = server.nbd_handle("disk")
        handle.pwrite(b"x" * 512, 0)
        handle.shutdown()
    server.assert_healthy()


def test_several_listeners_serve_the_same_exports(start_server, workdir, nbd_module):
    endpoints = [Endpoint("tcp", port=interop.free_tcp_port()), Endpoint("unix", path=os.path.join(workdir, "a.sock")),
                 Endpoint("tcp", port=interop.free_tcp_port())]
    server = start_server([Export("disk", size=SIZE), Export("spare", size="1MiB")], endpoints=endpoints)
    data = os.urandom(64 * KiB)
    for index, endpoint in enumerate(endpoints):
        handle = nbd_module.NBD()
        handle.connect_uri(endpoint.uri("disk"))
        try:
            if index == 0:
                handle.pwrite(data, 1 * MiB)
                handle.flush()
            assert handle.pread(len(data), 1 * MiB) == data
        finally:
            handle.shutdown()
        spare = nbd_module.NBD()
        spare.connect_uri(endpoint.uri("spare"))
        try:
            assert spare.get_size() == 1 * MiB
        finally:
            spare.shutdown()


def test_export_of_odd_size(start_server, workdir, transport, nbd_module):
    """Sizes that are not a multiple of any block size: the last byte is reachable, one more is not."""
    nbd = nbd_module
    size = 1000001
    server = start_server([Export("odd", size=size)], transport=transport)
    handle = server.nbd_handle("odd", strict=0)
    try:
        assert handle.get_size() == size
        data = os.urandom(size)
        handle.pwrite(data, 0)
        assert handle.pread(size, 0) == data
        handle.pwrite(b"\xee", size - 1)
        assert handle.pread(1, size - 1) == b"\xee"
        with pytest.raises(nbd.Error) as raised:
            handle.pread(2, size - 1)
        assert raised.value.errnum == 22
        handle.zero(1, size - 1)
        assert handle.pread(1, size - 1) == b"\x00"
        extents = []
        handle.block_status(size, 0, lambda context, offset, entries, error: extents.append(entries) or 0)
        assert sum(extents[0][0::2]) <= size and extents[0][0] > 0
    finally:
        handle.shutdown()
    if shutil.which("nbdcopy"):
        copy = os.path.join(workdir, "odd-copy.img")
        interop.run(["nbdcopy", server.uri("odd"), copy])
        assert os.path.getsize(copy) == size


def test_export_of_size_zero(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server([Export("empty", size=0)], transport=transport)
    handle = server.nbd_handle("empty", strict=0)
    try:
        assert handle.get_size() == 0
        with pytest.raises(nbd.Error):
            handle.pread(1, 0)
        with pytest.raises(nbd.Error) as raised:
            handle.pwrite(b"x", 0)
        assert raised.value.errnum == 28
        handle.flush()
    finally:
        handle.shutdown()
