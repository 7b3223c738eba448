"""Helpers the gRPC interop suite shares: helper processes and the peer's `key=value` lines.

Kept out of conftest.py so that test modules import them by a name no other suite uses.
"""

import os
import pathlib
import re
import signal
import subprocess
import time

HERE = pathlib.Path(__file__).resolve().parent


class Process:
    """A helper process that prints `listening ADDRESS` lines, then `ready`."""

    def __init__(self, arguments, log_path, environment=None):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            arguments, stdout=subprocess.PIPE, stderr=self.log, text=True, env=environment or os.environ.copy()
        )
        self.addresses = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"{arguments[0]} exited early; see {log_path}")
            if line.startswith("listening "):
                self.addresses.append(line.split(" ", 1)[1].strip())
            if line.strip() == "ready":
                return
        raise RuntimeError(f"{arguments[0]} did not get ready in 30 s")

    @property
    def tcp(self):
        return next(address for address in self.addresses if not address.startswith("unix:"))

    @property
    def unix(self):
        return next(address for address in self.addresses if address.startswith("unix:"))

    def log_text(self):
        self.log.flush()
        return pathlib.Path(self.log_path).read_text()

    def stop(self, timeout=20):
        """SIGTERM, then the exit status and what the process printed after `ready`."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            rest, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            rest, _ = self.process.communicate()
        self.log.close()
        return self.process.returncode, rest


FIELD = re.compile(r'([^\s=]+)=("(?:\\.|[^"\\])*"|\S*)|(\S+)')


def parse_fields(line):
    """`word key=value key="quoted value"` into a dict; a bare word maps to an empty string."""
    fields = {}
    for match in FIELD.finditer(line):
        key, value, word = match.groups()
        if word is not None:
            fields[word] = ""
        elif value.startswith('"'):
            fields[key] = re.sub(r"\\(.)", lambda escape: "\n" if escape[1] == "n" else escape[1], value[1:-1])
        else:
            fields[key] = value
    return fields
