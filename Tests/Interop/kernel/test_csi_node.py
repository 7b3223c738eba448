"""The CSI node service against a real kernel: `blockfence csi --mode node` in a user-mode Linux
guest, driven over its Unix socket by a Python CSI client that runs in the guest too (the guest
sees the host's /usr, so the host's Python runs there; grpcio and the generated csi.proto
modules are mounted or copied in), against a `blockfence up` cluster on the host. The plugin
attaches through the kernel's NBD netlink interface and must carry a mounted file system and a
raw block volume through failovers, grow a device online, and leave nothing behind."""

import os
import shutil
import signal
import time

import grpc

from interop_common import compile_protos
from test_kernel_nbd import IO_ERROR_MARKERS, shared

HERE = os.path.dirname(os.path.abspath(__file__))

# Mounts grpcio and protobuf, starts the plugin, and defines `csi` (one CSI call) and
# `restart_plugin`. The stage records live in the guest's /run, so they survive a restart of
# the plugin but not of the guest.
PRELUDE = """
mkdir -p /tmp/site /run/csi-state
/.boot/busybox mount -t hostfs -o ro,{site} none /tmp/site || {{ echo "SITE-MOUNT-FAILED"; exit 30; }}
export PYTHONPATH=/tmp/site:/share/gen
csi() {{ python3 /share/csi_guest_client.py /run/csi.sock "$@"; }}
start_plugin() {{
  rm -f /run/csi.sock
  $BLOCKFENCE csi --mode node --endpoint unix:///run/csi.sock --node-id guest --control $HOST:{control} \\
    --nbd-host $HOST --state-dir /run/csi-state --log-level debug >> /share/csi.log 2>&1 &
  PLUGIN=$!
  for i in $(seq 100); do [ -S /run/csi.sock ] && break; sleep 0.2; done
  [ -S /run/csi.sock ] || {{ echo "PLUGIN-DID-NOT-START"; exit 31; }}
}}
restart_plugin() {{ kill -9 $PLUGIN; wait $PLUGIN; start_plugin; echo "PLUGIN-RESTARTED"; }}
leftovers() {{
  grep -q " /run/staging \\| /run/pod " /proc/mounts && echo "LEFTOVER-MOUNT"
  $BLOCKFENCE device list | grep "^/dev/nbd.* connected$" && echo "LEFTOVER-DEVICE"
  [ -n "$(ls /run/csi-state/staged)" ] && echo "LEFTOVER-RECORD"
  echo "LEFTOVERS-CHECKED"
}}
start_plugin
"""

FINISH = """
kill $PLUGIN; wait $PLUGIN
dmesg > /share/dmesg.txt
"""

# Writes 64 KiB files through the published path, each fsynced, recording each only once dd
# returned: the acknowledged writes. Goes on until the plugin reconnected the device twice and
# 20 more files were written, so both faults happen while it writes; gives up after 90 s.
FILESYSTEM = """
csi stage demo /run/staging || exit 20
csi stage demo /run/staging || exit 21
csi publish demo /run/staging /run/pod || exit 22
mkdir /run/pod/files
head -c 1048576 /dev/urandom > /run/pod/first
sync
[ "$(sha256sum < /run/pod/first)" = "$(sha256sum < /run/staging/first)" ] && echo "READ-BACK ok"
i=0; after=0; started=$(date +%s)
while [ $after -lt 20 ] && [ $(( $(date +%s) - started )) -lt 90 ]; do
  i=$((i + 1))
  head -c 65536 /dev/urandom > /tmp/chunk
  if ! dd if=/tmp/chunk of=/run/pod/files/f$i bs=65536 conv=fsync status=none; then
    echo "WRITE-FAILED f$i"; break
  fi
  echo "$(sha256sum < /tmp/chunk | cut -d' ' -f1) f$i" >> /tmp/acknowledged
  [ $i -eq 10 ] && echo "WRITER-RUNNING"
  [ $(grep -c "Reconnected the NBD device" /share/csi.log) -ge 2 ] && after=$((after + 1))
done
echo "WROTE $i"
csi unpublish demo /run/pod || exit 23
csi unstage demo /run/staging || exit 24
csi unstage demo /run/staging || exit 25
leftovers
csi stage demo /run/staging || exit 26
restart_plugin
csi publish demo /run/staging /run/pod || exit 27
bad=0
while read sum name; do
  [ "$(sha256sum < /run/pod/files/$name | cut -d' ' -f1)" = "$sum" ] || {{ echo "MISMATCH $name"; bad=$((bad + 1)); }}
done < /tmp/acknowledged
echo "VERIFIED $(wc -l < /tmp/acknowledged) bad=$bad"
csi unpublish demo /run/pod || exit 28
csi unstage demo /run/staging || exit 29
leftovers
"""

# A raw block volume: 64 KiB blocks written with O_DIRECT and fsync at increasing offsets
# through the published device file, across a planned failover, then read back.
BLOCK = """
csi stage demo /run/staging --block || exit 20
csi publish demo /run/staging /run/pod --block || exit 22
[ -b /run/pod ] && echo "PUBLISHED-BLOCK"
i=0; after=0; started=$(date +%s)
while [ $after -lt 20 ] && [ $(( $(date +%s) - started )) -lt 90 ]; do
  head -c 65536 /dev/urandom > /tmp/chunk
  if ! dd if=/tmp/chunk of=/run/pod bs=65536 seek=$i count=1 oflag=direct conv=fsync,notrunc status=none; then
    echo "WRITE-FAILED block $i"; break
  fi
  echo "$(sha256sum < /tmp/chunk | cut -d' ' -f1) $i" >> /tmp/acknowledged
  i=$((i + 1))
  [ $i -eq 10 ] && echo "WRITER-RUNNING"
  grep -q "Reconnected the NBD device" /share/csi.log && after=$((after + 1))
done
echo "WROTE $i"
bad=0
while read sum block; do
  got=$(dd if=/run/pod bs=65536 skip=$block count=1 iflag=direct status=none | sha256sum | cut -d' ' -f1)
  [ "$got" = "$sum" ] || {{ echo "MISMATCH block $block"; bad=$((bad + 1)); }}
done < /tmp/acknowledged
echo "VERIFIED $(wc -l < /tmp/acknowledged) bad=$bad"
csi unpublish demo /run/pod || exit 23
csi unstage demo /run/staging || exit 24
leftovers
"""

# Online expansion: the host grows the volume while it is mounted; NodeExpandVolume must grow
# the kernel device and the file system.
EXPAND = """
csi stage demo /run/staging || exit 20
csi publish demo /run/staging /run/pod || exit 22
echo "BEFORE $(df -B1 --output=size /run/pod | tail -1) $(blockdev --getsize64 /dev/nbd0)"
echo "EXPAND-NOW"
for i in $(seq 300); do [ -e /share/expanded ] && break; sleep 0.2; done
[ -e /share/expanded ] || {{ echo "NEVER-EXPANDED"; exit 32; }}
csi expand demo /run/pod || exit 33
echo "AFTER $(df -B1 --output=size /run/pod | tail -1) $(blockdev --getsize64 /dev/nbd0)"
head -c 1048576 /dev/urandom > /run/pod/after-expand && sync && echo "WRITE-AFTER-EXPAND ok"
csi unpublish demo /run/pod || exit 23
csi unstage demo /run/staging || exit 24
leftovers
"""


def prepare(guest, cluster):
    """Copies the client and the generated csi.proto modules into the guest's shared folder and
    returns the script prelude."""
    compile_protos(guest.share / "gen", ["csi/v1/csi.proto"])
    shutil.copy2(os.path.join(HERE, "csi_guest_client.py"), guest.share / "csi_guest_client.py")
    site = os.path.dirname(os.path.dirname(os.path.abspath(grpc.__file__)))
    return PRELUDE.format(site=site, control=cluster.control_port)


def report(guest, cluster, console):
    return "console:\n%s\nplugin log:\n%s\ncluster:\n%s" % (
        console[-6000:], shared(guest, "csi.log")[-8000:], cluster.output()[-4000:])


def assert_kernel_clean(guest, details):
    kernel_log = shared(guest, "dmesg.txt")
    for marker in IO_ERROR_MARKERS:
        assert marker not in kernel_log, "kernel reported %r:\n%s\n%s" % (marker, kernel_log, details)


def assert_nothing_left(console, details, times=1):
    assert console.count("LEFTOVERS-CHECKED") == times, details
    assert "LEFTOVER-" not in console.replace("LEFTOVERS-CHECKED", ""), details


def reconnections(guest):
    return shared(guest, "csi.log").count("Reconnected the NBD device.")


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


# The same paths spelled through a link, with `..` and with trailing slashes, against the
# kernel's mount table; and a host mount that no stage record names, which unpublish must keep.
SPELLINGS = """
mkdir -p /run/x /run/foreign && ln -s /run /run/link
mount -t tmpfs none /run/foreign || exit 40
csi stage demo /run/staging || exit 20
csi stage demo /run/x/../staging || exit 21
csi stage demo /run/link/staging/ || exit 21
echo "STAGING-MOUNTS $(grep -c ' /run/staging ' /proc/mounts)"
csi publish demo /run/staging /run/pod || exit 22
csi publish demo /run/link/staging /run/link/pod/ || exit 22
echo "POD-MOUNTS $(grep -c ' /run/pod ' /proc/mounts)"
csi stats demo /run/x/../pod || exit 26
csi unpublish other /run/foreign || exit 27
csi unpublish demo /run/foreign || exit 27
grep -q ' /run/foreign ' /proc/mounts && echo "FOREIGN-KEPT"
csi unpublish demo /run/link/pod/ || exit 23
csi unstage demo /run/x/../staging/ || exit 24
leftovers
umount /run/foreign
"""


def test_paths_are_compared_as_the_kernel_resolves_them_and_foreign_mounts_are_kept(guest, cluster):
    script = prepare(guest, cluster) + SPELLINGS.format() + FINISH
    guest.start(script, timeout=150)
    status, console = guest.wait()
    details = report(guest, cluster, console)
    assert status == 0, details
    assert "STAGING-MOUNTS 1" in console and "POD-MOUNTS 1" in console, details
    assert "CSI-OK stats demo abnormal=False" in console, details
    assert "FOREIGN-KEPT" in console, details
    assert_nothing_left(console, details)
    assert_kernel_clean(guest, details)


def test_a_staged_file_system_survives_a_failover_and_a_killed_primary(guest, cluster):
    script = prepare(guest, cluster) + FILESYSTEM.format() + FINISH
    first = cluster.volume()["assignment"]
    guest.start(script, timeout=240)
    if not guest.wait_for_line("WRITER-RUNNING", 120):
        guest.stop()
        raise AssertionError("the writer never ran:\n%s" % report(guest, cluster, guest.console_text()))
    answer = cluster.cli("failover", "demo")
    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert wait_for(lambda: reconnections(guest) >= 1, 60), report(guest, cluster, guest.console_text())
    second = cluster.volume()["assignment"]
    assert second["primary_node"] != first["primary_node"], report(guest, cluster, guest.console_text())
    os.kill(cluster.server_pid(second["primary_node"]), signal.SIGKILL)
    status, console = guest.wait()
    details = report(guest, cluster, console)
    assert status == 0, details
    third = cluster.volume()["assignment"]
    assert int(third["epoch"]) > int(second["epoch"]) > int(first["epoch"]), details
    assert reconnections(guest) >= 2, details
    assert "READ-BACK ok" in console, details
    assert "WRITE-FAILED" not in console and "MISMATCH" not in console, details
    verified = [line for line in console.splitlines() if line.startswith("VERIFIED ")]
    assert verified and verified[-1].endswith("bad=0") and int(verified[-1].split()[1]) >= 30, details
    # The restarted plugin took the staged device over and unstaged it.
    assert "PLUGIN-RESTARTED" in console, details
    assert "Resumed supervising a staged volume." in shared(guest, "csi.log"), details
    assert_nothing_left(console, details, times=2)
    assert_kernel_clean(guest, details)


def test_a_staged_block_volume_survives_a_failover(guest, cluster):
    script = prepare(guest, cluster) + BLOCK.format() + FINISH
    before = cluster.volume()["assignment"]
    guest.start(script, timeout=200)
    if not guest.wait_for_line("WRITER-RUNNING", 120):
        guest.stop()
        raise AssertionError("the writer never ran:\n%s" % report(guest, cluster, guest.console_text()))
    answer = cluster.cli("failover", "demo")
    assert answer.returncode == 0, answer.stdout + answer.stderr
    status, console = guest.wait()
    details = report(guest, cluster, console)
    assert status == 0, details
    assert cluster.volume()["assignment"]["primary_node"] != before["primary_node"], details
    assert "PUBLISHED-BLOCK" in console, details
    assert reconnections(guest) >= 1, details
    assert "WRITE-FAILED" not in console and "MISMATCH" not in console, details
    verified = [line for line in console.splitlines() if line.startswith("VERIFIED ")]
    assert verified and verified[-1].endswith("bad=0") and int(verified[-1].split()[1]) >= 30, details
    assert_nothing_left(console, details)
    assert_kernel_clean(guest, details)


def test_a_mounted_volume_grows_online(guest, cluster):
    script = prepare(guest, cluster) + EXPAND.format() + FINISH
    size = int(cluster.volume()["size_bytes"])
    guest.start(script, timeout=150)
    if not guest.wait_for_line("EXPAND-NOW", 120):
        guest.stop()
        raise AssertionError("the volume was never mounted:\n%s" % report(guest, cluster, guest.console_text()))
    answer = cluster.cli("volume", "expand", "demo", "--size", str(size * 2))
    (guest.share / "expanded").write_text(answer.stdout + answer.stderr)
    assert answer.returncode == 0, answer.stdout + answer.stderr
    status, console = guest.wait()
    details = report(guest, cluster, console)
    assert status == 0, details
    before = [line for line in console.splitlines() if line.startswith("BEFORE ")][-1].split()
    after = [line for line in console.splitlines() if line.startswith("AFTER ")][-1].split()
    assert int(before[2]) == size and int(after[2]) == size * 2, details
    assert int(after[1]) > int(before[1]) * 3 // 2, details
    assert "CSI-OK expand capacity_bytes=%d" % (size * 2) in console, details
    assert "WRITE-AFTER-EXPAND ok" in console, details
    assert_nothing_left(console, details)
    assert_kernel_clean(guest, details)
