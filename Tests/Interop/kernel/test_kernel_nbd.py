"""The kernel's own NBD client on a blockfence volume: `blockfence device attach` in a
user-mode Linux guest, a real ext4 filesystem on /dev/nbd0, and failovers of the volume's
primary while the guest writes and fsyncs. The guest must see a pause, never an I/O error, and
every write it was told is durable must read back."""

import os
import signal

# Kernel lines that mean I/O failed somewhere between the filesystem and the NBD server.
IO_ERROR_MARKERS = (
    "I/O error", "blk_update_request", "EXT4-fs error", "Buffer I/O error", "Other side returned error",
    "Dead connection, failed to reconnect", "Aborting journal",
)

ATTACH = """
$BLOCKFENCE device attach demo --control $HOST:{control} --nbd-host $HOST --log-level debug {options} \\
  > /tmp/attach.out 2> /share/attach.log &
ATTACH=$!
for i in $(seq 150); do
  grep -q /dev/nbd /tmp/attach.out && break
  kill -0 $ATTACH 2>/dev/null || break
  sleep 0.2
done
DEV=$(cat /tmp/attach.out)
[ -b "$DEV" ] || {{ echo "ATTACH-FAILED"; exit 10; }}
echo "ATTACHED $DEV"
"""

DETACH = """
kill $ATTACH
wait $ATTACH
echo "ATTACH-EXIT $?"
dmesg > /share/dmesg.txt
"""

# Writes 64 KiB files, each fsynced, and records each one only once dd returned: those are the
# acknowledged writes. Goes on until 20 files were written after the device was reconnected,
# so the failover happens while it writes; gives up after 60 s.
FILESYSTEM_WRITER = """
mkfs.ext4 -q -F "$DEV" || exit 11
mount "$DEV" /mnt || exit 12
mkdir /mnt/files
i=0; after=0; started=$(date +%s)
while [ $after -lt 20 ] && [ $(( $(date +%s) - started )) -lt 60 ]; do
  i=$((i + 1))
  head -c 65536 /dev/urandom > /tmp/chunk
  if ! dd if=/tmp/chunk of=/mnt/files/f$i bs=65536 conv=fsync status=none; then
    echo "WRITE-FAILED f$i"; break
  fi
  echo "$(sha256sum < /tmp/chunk | cut -d' ' -f1) f$i" >> /tmp/acknowledged
  [ $i -eq 10 ] && echo "WRITER-RUNNING"
  grep -q "Reconnected the NBD device" /share/attach.log && after=$((after + 1))
done
echo "WROTE $i"
umount /mnt || echo "UMOUNT-FAILED"
mount "$DEV" /mnt || { echo "REMOUNT-FAILED"; exit 13; }
bad=0
while read sum name; do
  [ "$(sha256sum < /mnt/files/$name | cut -d' ' -f1)" = "$sum" ] || { echo "MISMATCH $name"; bad=$((bad + 1)); }
done < /tmp/acknowledged
echo "VERIFIED $(wc -l < /tmp/acknowledged) bad=$bad"
umount /mnt || echo "UMOUNT-FAILED"
"""

# The same without a filesystem: 64 KiB blocks written with O_DIRECT and fsync at increasing
# offsets, then read back with O_DIRECT, so neither direction is served from the page cache.
BLOCK_WRITER = """
i=0; after=0; started=$(date +%s)
while [ $after -lt 20 ] && [ $(( $(date +%s) - started )) -lt 60 ]; do
  head -c 65536 /dev/urandom > /tmp/chunk
  if ! dd if=/tmp/chunk of="$DEV" bs=65536 seek=$i count=1 oflag=direct conv=fsync,notrunc status=none; then
    echo "WRITE-FAILED block $i"; break
  fi
  echo "$(sha256sum < /tmp/chunk | cut -d' ' -f1) $i" >> /tmp/acknowledged
  i=$((i + 1))
  [ $i -eq 10 ] && echo "WRITER-RUNNING"
  grep -q "Reconnected the NBD device" /share/attach.log && after=$((after + 1))
done
echo "WROTE $i"
bad=0
while read sum block; do
  got=$(dd if="$DEV" bs=65536 skip=$block count=1 iflag=direct status=none | sha256sum | cut -d' ' -f1)
  [ "$got" = "$sum" ] || { echo "MISMATCH block $block"; bad=$((bad + 1)); }
done < /tmp/acknowledged
echo "VERIFIED $(wc -l < /tmp/acknowledged) bad=$bad"
"""


def shared(guest, name):
    path = guest.share / name
    return path.read_text(errors="replace") if path.exists() else "(no %s)" % name


def report(guest, cluster, console):
    return "console:\n%s\nattach log:\n%s\ncluster:\n%s" % (
        console[-6000:], shared(guest, "attach.log"), cluster.output()[-6000:])


def assert_clean_run(guest, cluster, status, console, minimum_files):
    details = report(guest, cluster, console)
    assert status == 0, details
    assert "WRITE-FAILED" not in console and "MISMATCH" not in console, details
    verified = [line for line in console.splitlines() if line.startswith("VERIFIED ")]
    assert verified, details
    count, bad = verified[-1].split()[1], verified[-1].split()[2]
    assert bad == "bad=0" and int(count) >= minimum_files, details
    kernel_log = shared(guest, "dmesg.txt")
    for marker in IO_ERROR_MARKERS:
        assert marker not in kernel_log, "kernel reported %r:\n%s\n%s" % (marker, kernel_log, details)
    assert "ATTACH-EXIT 0" in console, details


def run_with_fault(guest, cluster, writer, fault):
    """Boots the guest with `writer` between attach and detach, applies `fault` on the host once
    the writer is running, and returns (status, console)."""
    before = cluster.volume()["assignment"]
    guest.start(ATTACH.format(control=cluster.control_port, options="") + writer + DETACH, timeout=150)
    if not guest.wait_for_line("WRITER-RUNNING", 90):
        guest.stop()
        raise AssertionError("the writer never ran:\n%s" % report(guest, cluster, guest.console_text()))
    fault(before)
    status, console = guest.wait()
    after = cluster.volume()["assignment"]
    assert int(after["epoch"]) > int(before["epoch"]), report(guest, cluster, console)
    assert after["primary_node"] != before["primary_node"], report(guest, cluster, console)
    assert "Reconnected the NBD device." in shared(guest, "attach.log"), report(guest, cluster, console)
    return status, console


def planned_failover(cluster):
    def fault(before):
        answer = cluster.cli("failover", "demo")
        assert answer.returncode == 0, answer.stdout + answer.stderr
    return fault


def primary_killed(cluster):
    def fault(before):
        os.kill(cluster.server_pid(before["primary_node"]), signal.SIGKILL)
    return fault


def test_attach_format_mount_write_and_read_back(guest, cluster):
    script = ATTACH.format(control=cluster.control_port, options="") + """
$BLOCKFENCE device list
mkfs.ext4 -q -F "$DEV" || exit 11
mount "$DEV" /mnt || exit 12
head -c 8388608 /dev/urandom > /tmp/data
cp /tmp/data /mnt/data
sync
umount /mnt
mount -o ro "$DEV" /mnt || exit 13
[ "$(sha256sum < /mnt/data)" = "$(sha256sum < /tmp/data)" ] && echo "READ-BACK ok"
umount /mnt
""" + DETACH + """
$BLOCKFENCE device list
"""
    status, console = guest.run(script, timeout=90)
    details = report(guest, cluster, console)
    assert status == 0, details
    assert "ATTACHED /dev/nbd0" in console, details
    assert "/dev/nbd0  connected" in console, details
    assert "READ-BACK ok" in console, details
    assert "ATTACH-EXIT 0" in console, details
    # Detaching on SIGTERM disconnected the device.
    assert "no NBD device is connected" in console, details
    assert "Disconnected due to user request" in shared(guest, "dmesg.txt"), details
    for marker in IO_ERROR_MARKERS:
        assert marker not in shared(guest, "dmesg.txt"), details


def test_a_device_left_behind_by_a_killed_attach_is_detached_by_path(guest, cluster):
    script = ATTACH.format(control=cluster.control_port, options="--device /dev/nbd2") + """
kill -9 $ATTACH
wait $ATTACH
$BLOCKFENCE device list
$BLOCKFENCE device detach /dev/nbd2
echo "DETACH-EXIT $?"
$BLOCKFENCE device list --all
$BLOCKFENCE device detach /dev/nbd9
echo "MISSING-DEVICE-EXIT $?"
"""
    status, console = guest.run(script, timeout=60)
    details = report(guest, cluster, console)
    assert status == 0, details
    assert "ATTACHED /dev/nbd2" in console, details
    # The kernel keeps the device connected without the process that attached it.
    assert "/dev/nbd2  connected" in console, details
    assert "detached /dev/nbd2" in console and "DETACH-EXIT 0" in console, details
    assert "/dev/nbd2  free" in console, details
    assert "cannot detach /dev/nbd9" in console and "MISSING-DEVICE-EXIT 1" in console, details


def test_a_mounted_filesystem_pauses_through_a_planned_failover(guest, cluster):
    status, console = run_with_fault(guest, cluster, FILESYSTEM_WRITER, planned_failover(cluster))
    assert_clean_run(guest, cluster, status, console, minimum_files=30)


def test_a_mounted_filesystem_pauses_through_a_killed_primary(guest, cluster):
    status, console = run_with_fault(guest, cluster, FILESYSTEM_WRITER, primary_killed(cluster))
    assert_clean_run(guest, cluster, status, console, minimum_files=30)


def test_direct_block_writes_survive_a_planned_failover(guest, cluster):
    status, console = run_with_fault(guest, cluster, BLOCK_WRITER, planned_failover(cluster))
    assert_clean_run(guest, cluster, status, console, minimum_files=30)


def test_attach_explains_what_stops_it(guest, cluster):
    script = """
setpriv --reuid 65534 --regid 65534 --clear-groups $BLOCKFENCE device attach demo --control $HOST:{control}
echo "UNPRIVILEGED-EXIT $?"
$BLOCKFENCE device attach nosuch --control $HOST:{control}
echo "UNKNOWN-VOLUME-EXIT $?"
$BLOCKFENCE device attach demo --control $HOST:1 --timeout 2
echo "NO-CONTROL-EXIT $?"
$BLOCKFENCE device list
echo "NOTHING-ATTACHED $?"
rmmod nbd || echo "RMMOD-FAILED"
$BLOCKFENCE device attach demo --control $HOST:{control}
echo "NO-MODULE-EXIT $?"
$BLOCKFENCE device list
echo "LIST-EXIT $?"
""".format(control=cluster.control_port)
    status, console = guest.run(script, timeout=60)
    details = report(guest, cluster, console)
    assert status == 0, details
    assert "'device attach' needs root" in console and "UNPRIVILEGED-EXIT 1" in console, details
    # The operator commands' exit codes: 3 for what does not exist, 5 for an unreachable control
    # core, both without waiting for a primary.
    assert "no volume named or numbered 'nosuch'" in console and "UNKNOWN-VOLUME-EXIT 3" in console, details
    assert "cannot reach the control core at 10.0.2.2:1" in console and "NO-CONTROL-EXIT 5" in console, details
    assert "no NBD device is connected" in console and "NOTHING-ATTACHED 0" in console, details
    assert "RMMOD-FAILED" not in console, details
    assert "run 'modprobe nbd'" in console and "NO-MODULE-EXIT 1" in console, details
    assert "LIST-EXIT 1" in console, details


def test_a_device_fails_io_after_the_dead_timeout_and_recovers_when_a_primary_returns(guest, cluster):
    """The limit of the pause: with the whole cluster frozen for longer than the dead-connection
    timeout, reads fail; once it runs again, the same device serves them again."""
    script = ATTACH.format(
        control=cluster.control_port, options="--dead-timeout 3 --io-timeout 2 --timeout 2") + """
head -c 65536 /dev/urandom > /tmp/chunk
dd if=/tmp/chunk of="$DEV" bs=65536 count=1 oflag=direct conv=fsync,notrunc status=none || exit 11
expected=$(sha256sum < /tmp/chunk | cut -d' ' -f1)
echo "FREEZE-NOW"
failed=0; started=$(date +%s)
while [ $(( $(date +%s) - started )) -lt 80 ]; do
  if got=$(dd if="$DEV" bs=65536 count=1 iflag=direct status=none | sha256sum | cut -d' ' -f1) \
      && [ "$got" = "$expected" ]; then
    [ $failed -gt 0 ] && { echo "READ-OK-AGAIN"; break; }
  else
    failed=$((failed + 1)); echo "READ-FAILED"
  fi
  sleep 1
done
""" + DETACH
    guest.start(script, timeout=150)
    if not guest.wait_for_line("FREEZE-NOW", 60):
        guest.stop()
        raise AssertionError("the guest never wrote:\n%s" % report(guest, cluster, guest.console_text()))
    frozen = [cluster.process.pid] + cluster.children()
    for pid in frozen:
        os.kill(pid, signal.SIGSTOP)
    try:
        # Longer than the request timeout plus the dead-connection timeout, with room to spare.
        guest.wait_for_line("READ-FAILED", 40)
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
    status, console = guest.wait()
    details = report(guest, cluster, console)
    log = shared(guest, "attach.log")
    assert status == 0, details
    assert "READ-FAILED" in console, details
    assert "No primary came back within the dead-connection timeout" in log, details
    assert "READ-OK-AGAIN" in console, details
    assert "Reconnected the NBD device." in log, details
    assert "ATTACH-EXIT 0" in console, details
