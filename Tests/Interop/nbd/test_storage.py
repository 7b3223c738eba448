"""How the backing filesystem shows through: FAST_ZERO where zeroing is slow, and a full disk.

On ext4, xfs and tmpfs blockfence zeroes by punching or zero-range fallocate, which is fast, so
FAST_ZERO succeeds there. ramfs supports no fallocate mode at all: the only way to zero is to
write zero bytes, which is no faster than a WRITE, so the specification requires a quick
NBD_ENOTSUP for FAST_ZERO requests, and the ordinary request must still succeed.
"""

import errno
import os
import time

import pytest

import interop
from conftest import Export

MiB = 1 << 20


def mounted(workdir, kind, options):
    interop.require_root("mounting %s" % kind)
    interop.require_tool("mount", "umount")
    mountpoint = os.path.join(workdir, kind)
    os.mkdir(mountpoint)
    result = interop.run(["mount", "-t", kind, "-o", options, kind, mountpoint], check=False)
    if result.returncode != 0:
        interop.missing("mounting %s failed: %s" % (kind, result.stderr.strip()))
    return mountpoint


@pytest.fixture
def ramfs(workdir):
    mountpoint = mounted(workdir, "ramfs", "size=64m")
    yield mountpoint
    interop.run(["umount", mountpoint], check=False)


@pytest.fixture
def small_tmpfs(workdir):
    mountpoint = mounted(workdir, "tmpfs", "size=4m")
    yield mountpoint
    interop.run(["umount", mountpoint], check=False)


def test_fast_zero_is_refused_with_enotsup_on_ramfs(start_server, ramfs, transport, nbd_module):
    nbd = nbd_module
    path = os.path.join(ramfs, "disk.img")
    server = start_server([Export("disk", path=path, size="16MiB")], transport=transport)
    try:
        handle = server.nbd_handle("disk", strict=0)
        try:
            assert handle.can_fast_zero()
            data = os.urandom(2 * MiB)
            handle.pwrite(data, 0)

            for flags in (nbd.CMD_FLAG_FAST_ZERO, nbd.CMD_FLAG_FAST_ZERO | nbd.CMD_FLAG_NO_HOLE):
                started = time.monotonic()
                with pytest.raises(nbd.Error) as raised:
                    handle.zero(2 * MiB, 0, flags)
                assert "command failed" in str(raised.value)
                assert raised.value.errnum == errno.ENOTSUP, raised.value
                assert time.monotonic() - started < 2.0, "the ENOTSUP answer was not fast"
                # The refusal SHOULD leave the data alone.
                assert handle.pread(len(data), 0) == data

            # Without FAST_ZERO the same request must succeed (slowly) and never fail with ENOTSUP.
            handle.zero(1 * MiB, 0)
            handle.zero(1 * MiB, 1 * MiB, nbd.CMD_FLAG_NO_HOLE)
            assert handle.pread(2 * MiB, 0) == bytes(2 * MiB)
            # TRIM is advisory: it succeeds even where holes cannot be punched.
            handle.pwrite(data, 4 * MiB)
            handle.trim(1 * MiB, 4 * MiB)
            handle.flush()
        finally:
            handle.shutdown()
    finally:
        # The export must be closed before ramfs can be unmounted.
        assert server.stop() == 0


def test_fast_zero_succeeds_on_tmpfs(start_server, workdir, transport, nbd_module):
    """tmpfs punches holes and allocates quickly: FAST_ZERO is served, with and without NO_HOLE."""
    nbd = nbd_module
    mountpoint = mounted(workdir, "tmpfs", "size=64m")
    try:
        server = start_server([Export("disk", path=os.path.join(mountpoint, "disk.img"), size="16MiB")],
                              transport=transport)
        try:
            handle = server.nbd_handle("disk")
            try:
                handle.pwrite(os.urandom(4 * MiB), 0)
                handle.zero(2 * MiB, 0, nbd.CMD_FLAG_FAST_ZERO)
                handle.zero(2 * MiB, 2 * MiB, nbd.CMD_FLAG_FAST_ZERO | nbd.CMD_FLAG_NO_HOLE)
                assert handle.pread(4 * MiB, 0) == bytes(4 * MiB)
            finally:
                handle.shutdown()
        finally:
            assert server.stop() == 0
    finally:
        interop.run(["umount", mountpoint], check=False)


def test_full_filesystem_gives_enospc(start_server, small_tmpfs, transport, nbd_module):
    """A 64 MiB sparse export on a 4 MiB filesystem: writes fail with ENOSPC once space runs out,
    and so does provisioning with NO_HOLE; the connection stays usable and the data that fit stays."""
    nbd = nbd_module
    server = start_server([Export("disk", path=os.path.join(small_tmpfs, "disk.img"), size="64MiB")],
                          transport=transport)
    try:
        handle = server.nbd_handle("disk")
        try:
            kept = os.urandom(1 * MiB)
            handle.pwrite(kept, 0)
            failures = []
            for index in range(1, 8):
                try:
                    handle.pwrite(os.urandom(1 * MiB), index * MiB)
                except nbd.Error as error:
                    failures.append(error)
            assert failures, "8 MiB fit on a 4 MiB filesystem?"
            for error in failures:
                assert "command failed" in str(error) and error.errnum == errno.ENOSPC, error
            with pytest.raises(nbd.Error) as raised:
                handle.zero(16 * MiB, 32 * MiB, nbd.CMD_FLAG_NO_HOLE)
            assert raised.value.errnum == errno.ENOSPC, raised.value
            # Freeing space by trimming makes room again.
            handle.trim(2 * MiB, 1 * MiB)
            handle.pwrite(b"fits again", 1 * MiB)
            assert handle.pread(len(kept), 0) == kept
            assert handle.pread(10, 1 * MiB) == b"fits again"
        finally:
            handle.shutdown()
    finally:
        assert server.stop() == 0
