"""A real ext4 filesystem on a blockfence export, without the nbd kernel module:
nbdfuse exposes the export as a file, losetup turns that into /dev/loopN, then mkfs, mount, write,
unmount, remount and read back; and once more through a restarted server.
"""

import hashlib
import os
import random
import subprocess

import pytest

import interop
from conftest import Export

MiB = 1 << 20


@pytest.fixture(autouse=True)
def _requirements():
    interop.require_tool("nbdfuse", "fusermount3", "losetup", "mkfs.ext4", "e2fsck", "mount", "umount")
    interop.require_root("mounting a filesystem")
    if not os.path.exists("/dev/fuse"):
        interop.missing("/dev/fuse does not exist")


class Attachment:
    """nbdfuse + a loop device for one export; undone in reverse by detach()."""

    def __init__(self, workdir, uri, label):
        self.fuse_dir = os.path.join(workdir, "fuse-%s" % label)
        self.pidfile = os.path.join(workdir, "nbdfuse-%s.pid" % label)
        self.log = os.path.join(workdir, "nbdfuse-%s.log" % label)
        self.uri = uri
        self.process = None
        self.loop = None

    @property
    def file(self):
        return os.path.join(self.fuse_dir, "disk")

    def attach(self):
        os.makedirs(self.fuse_dir, exist_ok=True)
        self.process = interop.spawn(["nbdfuse", "-P", self.pidfile, self.file, self.uri], self.log)
        ready = interop.wait_until(lambda: os.path.exists(self.pidfile) and os.path.exists(self.file)
                                   or self.process.poll() is not None, 15)
        if self.process.poll() is not None or not ready:
            with open(self.log) as handle:
                raise AssertionError("nbdfuse did not come up: %s" % handle.read())
        self.loop = interop.run(["losetup", "--find", "--show", self.file]).stdout.strip()
        assert self.loop.startswith("/dev/loop"), self.loop
        return self.loop

    def detach(self):
        problems = []
        if self.loop:
            result = interop.run(["losetup", "--detach", self.loop], check=False)
            if result.returncode != 0:
                problems.append("losetup -d %s: %s" % (self.loop, result.stderr))
            self.loop = None
        if self.process is not None:
            if self.process.poll() is None:
                interop.run(["fusermount3", "-u", self.fuse_dir], check=False)
                try:
                    self.process.wait(15)
                except subprocess.TimeoutExpired:
                    problems.append("nbdfuse did not exit after fusermount3 -u; ended by PID")
                    interop.end_process(self.process)
            self.process = None
        return problems


def mount(device, mountpoint, *options):
    os.makedirs(mountpoint, exist_ok=True)
    interop.run(["mount", *options, device, mountpoint])


def unmount(mountpoint):
    interop.run(["umount", mountpoint])


def write_tree(root, generator):
    """Files of assorted sizes in a small tree; returns {relative path: sha256}."""
    sums = {}
    sizes = [0, 1, 511, 4096, 65537, 1 * MiB + 3, 5 * MiB]
    for index in range(24):
        directory = os.path.join(root, "dir%d" % (index % 4), "sub%d" % (index % 3))
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "file%02d.bin" % index)
        data = generator.randbytes(sizes[index % len(sizes)])
        with open(path, "wb") as handle:
            handle.write(data)
        sums[os.path.relpath(path, root)] = hashlib.sha256(data).hexdigest()
    return sums


def read_tree(root, expected):
    found = {}
    for relative in expected:
        found[relative] = interop.sha256_file(os.path.join(root, relative))
    return found


def test_ext4_on_nbdfuse_loop_device(start_server, workdir, transport, nbd_module):
    server = start_server([Export("disk", size=128 * MiB)], transport=transport)
    mountpoint = os.path.join(workdir, "mnt")
    attachments = []
    mounted = []
    try:
        first = Attachment(workdir, server.uri("disk"), "first")
        attachments.append(first)
        device = first.attach()
        interop.run(["mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", device], timeout=120)

        mount(device, mountpoint)
        mounted.append(mountpoint)
        sums = write_tree(mountpoint, random.Random(11))
        interop.run(["sync", "-f", mountpoint])
        unmount(mountpoint)
        mounted.remove(mountpoint)

        mount(device, mountpoint)
        mounted.append(mountpoint)
        assert read_tree(mountpoint, sums) == sums
        unmount(mountpoint)
        mounted.remove(mountpoint)
        assert first.detach() == []

        # Nothing cached on this side survives a detach; now restart the server as well and
        # read everything back through a fresh nbdfuse and loop device.
        assert server.stop() == 0
        server.start()
        second = Attachment(workdir, server.uri("disk"), "second")
        attachments.append(second)
        device = second.attach()
        interop.run(["e2fsck", "-f", "-n", device], timeout=120)
        mount(device, mountpoint, "-o", "ro")
        mounted.append(mountpoint)
        assert read_tree(mountpoint, sums) == sums
        unmount(mountpoint)
        mounted.remove(mountpoint)
        assert second.detach() == []
    finally:
        for path in mounted:
            interop.run(["umount", path], check=False)
        for attachment in attachments:
            attachment.detach()

    # The ext4 superblock magic (0xEF53 at byte 1080) is on the export itself.
    handle = server.nbd_handle("disk")
    try:
        assert handle.pread(2, 1080) == b"\x53\xef"
    finally:
        handle.shutdown()
    server.assert_healthy()
