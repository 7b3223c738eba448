"""Exports backed by a block device (a loop device we attach ourselves) instead of a file."""

import errno
import os

import pytest

import interop
from conftest import Export

MiB = 1 << 20


@pytest.fixture(autouse=True)
def _requirements():
    interop.require_root("attaching loop devices")
    interop.require_tool("losetup", "mount", "umount")


@pytest.fixture
def attach_loop():
    attached = []

    def attach(path):
        device = interop.run(["losetup", "--find", "--show", path]).stdout.strip()
        assert device.startswith("/dev/loop"), device
        attached.append(device)
        return device

    yield attach
    for device in attached:
        interop.run(["losetup", "--detach", device], check=False)


def write_zeroes_limit(device):
    with open("/sys/block/%s/queue/write_zeroes_max_bytes" % os.path.basename(device)) as handle:
        return int(handle.read().strip())


def test_block_device_export(start_server, workdir, attach_loop, transport, nbd_module):
    backing = os.path.join(workdir, "backing.img")
    with open(backing, "wb") as handle:
        handle.truncate(32 * MiB)
    device = attach_loop(backing)
    server = start_server([Export("dev", path=device)], transport=transport)
    try:
        handle = server.nbd_handle("dev")
        try:
            assert handle.get_size() == 32 * MiB
            data = os.urandom(4 * MiB)
            handle.pwrite(data, 8 * MiB, nbd_module.CMD_FLAG_FUA)
            handle.flush()
            assert handle.pread(len(data), 8 * MiB) == data
            handle.zero(1 * MiB, 8 * MiB)
            handle.trim(1 * MiB, 10 * MiB)
            assert handle.pread(1 * MiB, 8 * MiB) == bytes(1 * MiB)
            assert handle.pread(1 * MiB, 9 * MiB) == data[1 * MiB:2 * MiB]
            handle.flush()
        finally:
            handle.shutdown()
    finally:
        # The loop device is detached after the server lets go of it.
        assert server.stop() == 0
    with open(backing, "rb") as handle:
        handle.seek(9 * MiB)
        assert handle.read(1 * MiB) == data[1 * MiB:2 * MiB]


def test_fast_zero_on_block_device_without_write_zeroes(start_server, workdir, attach_loop, nbd_module):
    """A block device that can neither discard nor write zeroes itself can only be zeroed by
    writing zero blocks (the kernel's fallback for fallocate(FALLOC_FL_ZERO_RANGE) on a block
    device). That is the I/O of a WRITE, so a FAST_ZERO request must get a quick NBD_ENOTSUP
    instead of the slow zeroing. A loop device over a ramfs file is such a device."""
    nbd = nbd_module
    ramfs = os.path.join(workdir, "ramfs")
    os.mkdir(ramfs)
    result = interop.run(["mount", "-t", "ramfs", "ramfs", ramfs], check=False)
    if result.returncode != 0:
        interop.missing("mounting ramfs failed: %s" % result.stderr.strip())
    try:
        backing = os.path.join(ramfs, "backing.img")
        with open(backing, "wb") as handle:
            handle.truncate(32 * MiB)
        device = attach_loop(backing)
        if write_zeroes_limit(device) != 0:
            pytest.skip("this kernel gives %s write-zeroes support; the premise does not hold" % device)
        server = start_server([Export("dev", path=device)])
        try:
            handle = server.nbd_handle("dev", strict=0)
            try:
                assert handle.can_fast_zero()
                data = os.urandom(1 * MiB)
                handle.pwrite(data, 0)
                with pytest.raises(nbd.Error) as raised:
                    handle.zero(16 * MiB, 0, nbd.CMD_FLAG_FAST_ZERO)
                assert raised.value.errnum == errno.ENOTSUP, raised.value
                assert handle.pread(len(data), 0) == data, "a refused FAST_ZERO should not change data"
                # Without the flag zeroing must succeed, however slowly.
                handle.zero(16 * MiB, 0)
                assert handle.pread(len(data), 0) == bytes(len(data))
            finally:
                handle.shutdown()
        finally:
            assert server.stop() == 0
    finally:
        # Detach before unmounting: the loop device holds the ramfs file open.
        for device in list(_attached_devices_on(backing)):
            interop.run(["losetup", "--detach", device], check=False)
        interop.run(["umount", ramfs], check=False)


def _attached_devices_on(path):
    result = interop.run(["losetup", "--noheadings", "--output", "NAME", "--associated", path], check=False)
    return [line.strip() for line in result.stdout.splitlines() if line.strip()]
