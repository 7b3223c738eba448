"""A Linux guest with a real kernel NBD client: user-mode Linux (Debian's `user-mode-linux`)
booted with a host directory as its root filesystem.

The guest root is a directory in the test's temporary folder holding only a static busybox, an
init script and empty mount points. At boot the init script mounts the host's /usr, /opt and /etc
read-only through hostfs (so the guest runs the host's tools, Swift runtime and the blockfence
binary under test), the nbd module's folder, and a shared folder for the test's script. The guest
reaches the host's loopback at 10.0.2.2 through slirp. Every boot runs under `timeout`.
"""

import os
import pathlib
import re
import shutil
import subprocess
import time

UML_KERNEL = "/usr/bin/linux.uml"
UML_MODULES = pathlib.Path("/usr/lib/uml/modules")
SLIRP = "/usr/bin/slirp-fullbolt"
BUSYBOX = "/bin/busybox"
HOST_ADDRESS = "10.0.2.2"

# What the test's script prints last, with its exit status; nothing else ends a boot as a pass.
RESULT_PATTERN = re.compile(r"^GUEST-RESULT (\d+)$", re.MULTILINE)

INIT = """#!/.boot/busybox sh
# The guest's first process: mount the host's software read-only, load nbd, bring the network
# up, run the test's script, report its status on the console and power off.
B=/.boot/busybox
$B mount -t proc proc /proc
$B mount -t sysfs sys /sys
$B mount -t tmpfs tmp /tmp
$B mount -t tmpfs run /run
for dir in /usr /opt /etc; do $B mount -t hostfs -o ro,$dir none $dir; done
$B mount -t hostfs -o ro,{modules} none /modules
$B mount -t hostfs -o ro,{binary_dir} none {binary_dir}
$B mount -t hostfs -o rw,{share} none /share
$B hostname guest
$B ip link set lo up
$B ip addr add 10.0.2.15/24 dev eth0
$B ip link set eth0 up
$B ip route add default via {host}
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin HOME=/tmp
/usr/sbin/modprobe -d /modules nbd nbds_max=4 max_part=0 || echo "guest: modprobe nbd failed"
/usr/bin/sh /share/script.sh
echo "GUEST-RESULT $?"
$B sync
$B poweroff -f
"""


class Unavailable(Exception):
    """What the guest needs is not installed; the message says what."""


def kernel_modules_dir():
    """The UML kernel's module folder (/usr/lib/uml/modules/<version>)."""
    if not os.access(UML_KERNEL, os.X_OK):
        raise Unavailable("user-mode-linux is not installed (%s)" % UML_KERNEL)
    versions = sorted(UML_MODULES.iterdir()) if UML_MODULES.is_dir() else []
    for version in versions:
        if (version / "kernel/drivers/block/nbd.ko").exists():
            return version
    raise Unavailable("the user-mode-linux kernel has no nbd.ko under %s" % UML_MODULES)


def check_tools():
    for path, package in [
        (SLIRP, "slirp"), (BUSYBOX, "busybox-static"), ("/usr/sbin/modprobe", "kmod"),
        ("/usr/sbin/depmod", "kmod"), ("/usr/sbin/mkfs.ext4", "e2fsprogs"),
    ]:
        if not os.access(path, os.X_OK):
            raise Unavailable("%s is missing (Debian package %s)" % (path, package))
    kernel_modules_dir()


class Guest:
    """One prepared guest root; `boot` runs a script in it and returns the console output."""

    def __init__(self, workdir, blockfence_bin):
        check_tools()
        self.workdir = pathlib.Path(workdir)
        self.blockfence = os.path.realpath(blockfence_bin)
        self.root = self.workdir / "guest-root"
        self.share = self.workdir / "guest-share"
        self.modules = self.workdir / "guest-modules"
        self.console_path = self.workdir / "console.txt"
        self._prepare()

    def _prepare(self):
        for folder in (self.root, self.share, self.modules):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        (self.root / ".boot").mkdir()
        shutil.copy2(BUSYBOX, self.root / ".boot/busybox")
        for name in ("proc", "sys", "dev", "tmp", "run", "usr", "opt", "etc", "modules", "share", "mnt"):
            (self.root / name).mkdir(exist_ok=True)
        # Debian merges / into /usr: the top-level folders are links into the mounted /usr.
        for name in ("bin", "sbin", "lib", "lib64"):
            (self.root / name).symlink_to("usr/" + name)
        binary_dir = os.path.dirname(self.blockfence)
        (self.root / binary_dir.lstrip("/")).mkdir(parents=True, exist_ok=True)
        # Only nbd.ko, with a module index made for the guest's kernel version.
        source = kernel_modules_dir()
        target = self.modules / "lib/modules" / source.name / "kernel/drivers/block"
        target.mkdir(parents=True)
        shutil.copy2(source / "kernel/drivers/block/nbd.ko", target / "nbd.ko")
        subprocess.run(
            ["/usr/sbin/depmod", "-b", str(self.modules), source.name],
            check=True, capture_output=True, timeout=30)
        init = INIT.format(
            modules=self.modules, binary_dir=binary_dir, share=self.share, host=HOST_ADDRESS)
        (self.root / "init").write_text(init)
        (self.root / "init").chmod(0o755)

    def start(self, script, timeout=90):
        """Boots the guest running `script` (POSIX sh) without waiting; `wait` collects it. The
        script runs as root with the host's tools on PATH, $BLOCKFENCE naming the binary."""
        (self.share / "script.sh").write_text(
            "BLOCKFENCE=%s\nHOST=%s\n%s" % (self.blockfence, HOST_ADDRESS, script))
        argv = [
            "timeout", "-k", "5", str(timeout), UML_KERNEL, "mem=384M", "rootfstype=hostfs",
            "rootflags=%s" % self.root, "rw", "init=/init", "eth0=slirp,,%s" % SLIRP,
            "con=null", "con0=null,fd:1",
        ]
        self.console = open(self.console_path, "wb")
        # UML puts its memory file in TMPDIR; its own folder keeps it with the test's files.
        environment = dict(os.environ, TMPDIR=str(self.workdir))
        self.process = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=self.console, stderr=subprocess.STDOUT, env=environment)
        self.started = time.monotonic()
        return self

    def console_text(self):
        return self.console_path.read_text(errors="replace")

    def wait_for_line(self, marker, timeout):
        """Waits until the console shows `marker`; False if the guest ended or time ran out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker in self.console_text():
                return True
            if self.process.poll() is not None:
                return marker in self.console_text()
            time.sleep(0.1)
        return False

    def wait(self):
        """Waits for the guest to power off (the boot's `timeout` bounds it) and returns
        (script status or None, console text)."""
        try:
            self.process.wait()
        finally:
            self.console.close()
        text = self.console_text()
        match = RESULT_PATTERN.search(text)
        return (int(match.group(1)) if match else None), text

    def run(self, script, timeout=90):
        return self.start(script, timeout).wait()

    def stop(self):
        """Ends a guest that is still running (by its timeout wrapper's PID)."""
        if getattr(self, "process", None) and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "console", None):
            self.console.close()
