"""Shared helpers for the interop suite: starting blockfence, finding tools, running commands.

Fixtures live in conftest.py; this module holds the plain code they and the tests share, so that
test modules can import it by name.
"""

import ctypes
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "common"))

from interop_common import IN_CI, missing  # noqa: E402,F401 (tests use interop.missing and interop.IN_CI)

# Text the Swift runtime prints when the process traps; its presence in a log is a crash.
CRASH_MARKERS = ("Fatal error:", "Swift runtime failure", "Program crashed", "Backtracing from", "Illegal instruction")


def blockfence_binary():
    """The binary under test, from BLOCKFENCE_BIN; None with a reason when it is unusable."""
    path = os.environ.get("BLOCKFENCE_BIN", "")
    if not path:
        return None, "BLOCKFENCE_BIN is not set; build blockfence and point BLOCKFENCE_BIN at the binary"
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        return None, "BLOCKFENCE_BIN=%s is not an executable file" % path
    return os.path.abspath(path), None


def require_tool(*names):
    for name in names:
        if shutil.which(name) is None:
            missing("the tool '%s' is not installed" % name)


def require_nbd_module():
    try:
        import nbd  # noqa: F401
    except ImportError:
        missing("the Python module 'nbd' (Debian python3-libnbd) is not importable; run the suite "
                "with the system Python: /usr/bin/python3 -m pytest Tests/Interop/nbd")
    import nbd
    return nbd


def require_root(what):
    if os.geteuid() != 0:
        missing("%s needs root" % what)


def _die_with_parent():
    """Runs in the child before exec: a server must not outlive a killed test run."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def spawn(argv, log_path, env=None, stdout=None):
    """Starts a long-running process in its own process group, its output in `log_path`."""
    log = open(log_path, "ab")
    try:
        return subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=stdout if stdout is not None else log, stderr=log,
            env=env, preexec_fn=_die_with_parent, start_new_session=True)
    finally:
        log.close()


def run(argv, timeout=60, check=True, input=None, env=None, cwd=None, binary=False):
    """Runs a command to completion; a failure shows the command and everything it printed.
    Output is text unless `binary`."""
    text_options = {} if binary else {"encoding": "utf-8", "errors": "replace"}
    try:
        result = subprocess.run(
            argv, input=input, capture_output=True, timeout=timeout, env=env, cwd=cwd,
            preexec_fn=_die_with_parent, **text_options)
    except subprocess.TimeoutExpired as error:
        raise AssertionError("timed out after %ss: %s\nstdout:\n%s\nstderr:\n%s" % (
            timeout, " ".join(map(str, argv)), _text(error.stdout), _text(error.stderr)))
    if check and result.returncode != 0:
        raise AssertionError("exit %d: %s\nstdout:\n%s\nstderr:\n%s" % (
            result.returncode, " ".join(map(str, argv)), _text(result.stdout), _text(result.stderr)))
    return result


def _text(data):
    if data is None:
        return ""
    if isinstance(data, bytes):
        return data.decode(errors="replace")
    return data


def text(data):
    return _text(data)


def free_tcp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def is_listening(address):
    """Whether a socket listens on ("tcp", host, port) or ("unix", path), read from /proc so that
    the check itself opens no connection the server would have to count."""
    if address[0] == "tcp":
        wanted = "%04X" % address[2]
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                with open(table) as handle:
                    next(handle)
                    for line in handle:
                        fields = line.split()
                        if fields[1].rsplit(":", 1)[1] == wanted and fields[3] == "0A":
                            return True
            except FileNotFoundError:
                continue
        return False
    with open("/proc/net/unix") as handle:
        next(handle)
        for line in handle:
            fields = line.split()
            # Flags 00010000 is __SO_ACCEPTCON: the socket is listening.
            if len(fields) >= 8 and fields[7] == address[1] and int(fields[3], 16) & 0x10000:
                return True
    return False


def sha256_file(path, length=None):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        left = length
        while True:
            chunk = handle.read(1 << 20 if left is None else min(1 << 20, left))
            if not chunk:
                break
            digest.update(chunk)
            if left is not None:
                left -= len(chunk)
                if left == 0:
                    break
    return digest.hexdigest()


def sha256_bytes(data):
    return hashlib.sha256(data).hexdigest()


def wait_until(predicate, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def end_process(process, timeout=10):
    """Stops a helper process we started, by its PID: SIGTERM, then SIGKILL."""
    if process.poll() is not None:
        return process.returncode
    try:
        os.kill(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        return process.wait(timeout)


def make_sparse_image(path, size, data_ranges, seed=1):
    """A file of `size` bytes, holes everywhere except `data_ranges` [(offset, length)], which
    hold pseudo-random bytes. Returns the bytes written per range."""
    import random
    generator = random.Random(seed)
    with open(path, "wb") as handle:
        handle.truncate(size)
        for offset, length in data_ranges:
            handle.seek(offset)
            handle.write(generator.randbytes(length))
    return path
