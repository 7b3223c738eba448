"""Every transmission error code in the NBD specification's error table, provoked through libnbd.

libnbd checks requests itself before sending them; `set_strict_mode(0)` turns that off so the
server, not the client library, decides. Each refusal must carry libnbd's "command failed" text
(the server answered) and must leave the connection usable. Cases run with structured and with
simple replies, over TCP and a Unix socket.
"""

import errno
import os

import pytest

from conftest import Export

MiB = 1 << 20
SIZE = 64 * MiB
MAX_PAYLOAD = 32 * MiB
WRAP = 1 << 64

EPERM = errno.EPERM
EINVAL = errno.EINVAL
ENOSPC = errno.ENOSPC
ENOTSUP = errno.ENOTSUP


def no_extents(*_arguments):
    return 0


def _flags(nbd, *names):
    value = 0
    for name in names:
        value |= getattr(nbd, "CMD_FLAG_" + name)
    return value


def writable_cases(nbd, structured):
    """(label, action(handle), expected errno) for the writable export of SIZE bytes."""
    fua, no_hole, df, req_one, fast_zero = (
        _flags(nbd, "FUA"), _flags(nbd, "NO_HOLE"), _flags(nbd, "DF"), _flags(nbd, "REQ_ONE"),
        _flags(nbd, "FAST_ZERO"))
    cases = [
        # Reads, trims and cache requests beyond the end: EINVAL.
        ("read past the end", lambda h: h.pread(512, SIZE), EINVAL),
        ("read across the end", lambda h: h.pread(1024, SIZE - 512), EINVAL),
        ("read far beyond the end", lambda h: h.pread(512, 1 << 62), EINVAL),
        ("trim past the end", lambda h: h.trim(512, SIZE), EINVAL),
        ("trim across the end", lambda h: h.trim(8192, SIZE - 4096), EINVAL),
        ("cache past the end", lambda h: h.cache(512, SIZE), EINVAL),
        # Writes and write-zeroes beyond the end: ENOSPC.
        ("write past the end", lambda h: h.pwrite(b"\x01" * 512, SIZE), ENOSPC),
        ("write across the end", lambda h: h.pwrite(b"\x01" * 1024, SIZE - 512), ENOSPC),
        ("FUA write past the end", lambda h: h.pwrite(b"\x01" * 512, SIZE, fua), ENOSPC),
        ("write zeroes past the end", lambda h: h.zero(512, SIZE), ENOSPC),
        ("write zeroes across the end", lambda h: h.zero(8192, SIZE - 4096), ENOSPC),
        ("NO_HOLE write zeroes past the end", lambda h: h.zero(512, SIZE, no_hole), ENOSPC),
        # offset + length beyond 2^64: the check must not wrap around to a small number.
        ("read wrapping 64 bits", lambda h: h.pread(1024, WRAP - 512), EINVAL),
        ("read of the last 64-bit byte", lambda h: h.pread(1, WRAP - 1), EINVAL),
        ("write wrapping 64 bits", lambda h: h.pwrite(b"\x02" * 1024, WRAP - 512), ENOSPC),
        ("write zeroes wrapping 64 bits", lambda h: h.zero(1024, WRAP - 512), ENOSPC),
        ("trim wrapping 64 bits", lambda h: h.trim(4096, WRAP - 1024), EINVAL),
        ("cache wrapping 64 bits", lambda h: h.cache(4096, WRAP - 1024), EINVAL),
        # Zero-length requests: unspecified by the specification, EINVAL by blockfence's choice;
        # what matters most is that the connection survives.
        ("zero-length read", lambda h: h.pread(0, 0), EINVAL),
        ("zero-length write", lambda h: h.pwrite(b"", 0), EINVAL),
        ("zero-length trim", lambda h: h.trim(0, 0), EINVAL),
        ("zero-length write zeroes", lambda h: h.zero(0, 0), EINVAL),
        ("zero-length cache", lambda h: h.cache(0, 0), EINVAL),
        # Payloads above the advertised maximum block size.
        ("read above the maximum payload", lambda h: h.pread(MAX_PAYLOAD + 1, 0), EINVAL),
        ("write above the maximum payload", lambda h: h.pwrite(b"\x03" * (MAX_PAYLOAD + 1), 0), EINVAL),
        # Flags not documented for the command.
        ("read with NO_HOLE", lambda h: h.pread(512, 0, no_hole), EINVAL),
        ("read with REQ_ONE", lambda h: h.pread(512, 0, req_one), EINVAL),
        ("read with FAST_ZERO", lambda h: h.pread(512, 0, fast_zero), EINVAL),
        ("read with unknown flag bit 15", lambda h: h.pread(512, 0, 1 << 15), EINVAL),
        ("read with unknown flag bit 5", lambda h: h.pread(512, 0, 1 << 5), EINVAL),
        ("write with NO_HOLE", lambda h: h.pwrite(b"\x04" * 512, 0, no_hole), EINVAL),
        ("write with DF", lambda h: h.pwrite(b"\x04" * 512, 0, df), EINVAL),
        ("write with REQ_ONE", lambda h: h.pwrite(b"\x04" * 512, 0, req_one), EINVAL),
        ("trim with NO_HOLE", lambda h: h.trim(4096, 0, no_hole), EINVAL),
        ("trim with FAST_ZERO", lambda h: h.trim(4096, 0, fast_zero), EINVAL),
        ("flush with NO_HOLE", lambda h: h.flush(no_hole), EINVAL),
        ("flush with REQ_ONE", lambda h: h.flush(req_one), EINVAL),
        ("cache with NO_HOLE", lambda h: h.cache(4096, 0, no_hole), EINVAL),
        ("cache with DF", lambda h: h.cache(4096, 0, df), EINVAL),
        ("write zeroes with DF", lambda h: h.zero(4096, 0, df), EINVAL),
        ("write zeroes with REQ_ONE", lambda h: h.zero(4096, 0, req_one), EINVAL),
        ("write zeroes with unknown flag bit 8", lambda h: h.zero(4096, 0, 1 << 8), EINVAL),
        # BLOCK_STATUS on a connection without a negotiated meta context.
        ("block status without a meta context", lambda h: h.block_status(4096, 0, no_extents), EINVAL),
    ]
    if not structured:
        # DF exists only with structured replies, and the server must not advertise it then.
        cases.append(("read with DF without structured replies", lambda h: h.pread(512, 0, df), EINVAL))
    return cases


def read_only_cases(nbd, size):
    fua, no_hole, fast_zero = _flags(nbd, "FUA"), _flags(nbd, "NO_HOLE"), _flags(nbd, "FAST_ZERO")
    return [
        ("write", lambda h: h.pwrite(b"\x05" * 512, 0), EPERM),
        ("FUA write", lambda h: h.pwrite(b"\x05" * 512, 0, fua), EPERM),
        ("write of the last byte", lambda h: h.pwrite(b"\x05", size - 1), EPERM),
        ("trim", lambda h: h.trim(4096, 0), EPERM),
        ("write zeroes", lambda h: h.zero(4096, 0), EPERM),
        ("NO_HOLE write zeroes", lambda h: h.zero(4096, 0, no_hole), EPERM),
        ("FAST_ZERO write zeroes", lambda h: h.zero(4096, 0, fast_zero), EPERM),
        # FUA is not advertised on a read-only export, so it is an inapplicable flag here.
        ("read with FUA", lambda h: h.pread(512, 0, fua), EINVAL),
        ("read past the end", lambda h: h.pread(512, size), EINVAL),
    ]


def case_ids(cases):
    return [label for label, _, _ in cases]


def expect_server_error(handle, nbd, action, expected, label):
    with pytest.raises(nbd.Error) as raised:
        action(handle)
    error = raised.value
    assert "command failed" in str(error), (
        "%s: refused by libnbd itself, not by the server: %s" % (label, error))
    assert error.errnum == expected, "%s: expected %s, got %s (%s)" % (
        label, errno.errorcode[expected], errno.errorcode.get(error.errnum, error.errnum), error)


def assert_usable(handle, label):
    assert handle.aio_is_ready(), "%s: the connection is no longer usable" % label
    handle.pwrite(b"still here", 4096)
    assert handle.pread(10, 4096) == b"still here", label


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
def test_error_codes_on_writable_export(start_server, transport, nbd_module, structured):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    # No meta context: BLOCK_STATUS must then be refused.
    handle = server.nbd_handle("disk", structured=structured, meta=False, strict=0)
    failures = []
    try:
        assert handle.get_structured_replies_negotiated() == structured
        for label, action, expected in writable_cases(nbd, structured):
            try:
                expect_server_error(handle, nbd, action, expected, label)
                assert_usable(handle, label)
            except (AssertionError, pytest.fail.Exception, nbd.Error) as problem:
                failures.append("%s: %s" % (label, problem))
                if not handle.aio_is_ready():
                    break
    finally:
        handle.shutdown()
    server.assert_healthy()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("structured", [True, False], ids=["structured", "simple"])
def test_error_codes_on_read_only_export(start_server, workdir, transport, nbd_module, structured):
    nbd = nbd_module
    size = 8 * MiB
    path = os.path.join(workdir, "ro.img")
    content = os.urandom(64 * 1024)
    with open(path, "wb") as handle:
        handle.truncate(size)
        handle.write(content)
    server = start_server([Export("ro", path=path, read_only=True)], transport=transport)
    handle = server.nbd_handle("ro", structured=structured, strict=0)
    failures = []
    try:
        assert handle.is_read_only()
        for label, action, expected in read_only_cases(nbd, size):
            try:
                expect_server_error(handle, nbd, action, expected, label)
                assert handle.pread(len(content), 0) == content, "%s: data changed" % label
            except (AssertionError, pytest.fail.Exception, nbd.Error) as problem:
                failures.append("%s: %s" % (label, problem))
                if not handle.aio_is_ready():
                    break
        # Reads, cache and flush are fine on a read-only export.
        handle.cache(len(content), 0)
        handle.flush()
    finally:
        handle.shutdown()
    with open(path, "rb") as backing:
        assert backing.read(len(content)) == content
    server.assert_healthy()
    assert not failures, "\n".join(failures)


def test_block_status_beyond_the_end_is_einval(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    handle = server.nbd_handle("disk", strict=0)
    try:
        assert handle.can_meta_context(nbd.CONTEXT_BASE_ALLOCATION)
        for label, count, offset in [
            ("block status past the end", 4096, SIZE),
            ("block status across the end", 8192, SIZE - 4096),
            ("block status wrapping 64 bits", 4096, WRAP - 1024),
            ("zero-length block status", 0, 0),
        ]:
            expect_server_error(handle, nbd, lambda h: h.block_status(count, offset, no_extents), EINVAL, label)
            assert_usable(handle, label)
        expect_server_error(handle, nbd, lambda h: h.block_status(4096, 0, no_extents, nbd.CMD_FLAG_NO_HOLE),
                            EINVAL, "block status with NO_HOLE")
        assert_usable(handle, "block status with NO_HOLE")
    finally:
        handle.shutdown()


def test_fua_is_accepted_on_every_command(start_server, transport, nbd_module):
    """With NBD_FLAG_SEND_FUA, the server MUST accept FUA on all commands, even if it ignores it."""
    nbd = nbd_module
    fua = nbd.CMD_FLAG_FUA
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    handle = server.nbd_handle("disk", strict=0)
    try:
        assert handle.can_fua()
        handle.pwrite(b"fua data", 0, fua)
        assert handle.pread(8, 0, fua) == b"fua data"
        handle.flush(fua)
        handle.trim(4096, 1 * MiB, fua)
        handle.zero(4096, 2 * MiB, fua)
        handle.cache(4096, 0, fua)
        handle.block_status(4096, 0, no_extents, fua)
    finally:
        handle.shutdown()
