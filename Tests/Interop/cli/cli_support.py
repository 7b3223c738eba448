"""What the operator suite's tests share: how a finished command is checked, and how a missing
tool is treated. Kept out of conftest.py so that test modules import it by a name no other
suite uses."""

import json
import os
import pathlib
import re
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "common"))

from interop_common import IN_CI, missing  # noqa: E402,F401 (the suite's tests import both from here)

# What must never reach an operator: a crash, a Swift error value printed whole, or the gRPC core's
# own log lines (`E1204 18:46:26.123456 ...`).
CRASH_MARKERS = ("Fatal error", "Swift runtime failure", "Program crashed", "Backtracing", "Illegal instruction")
DUMP_MARKERS = ("RPCError(", "OperatorError", "UsageError(", "ParseError", "Optional(")
CORE_LOG_LINE = re.compile(r"^[DIWE]\d{4} \d\d:\d\d:\d\d", re.MULTILINE)

# How an age prints in the table output: `400 ms ago`, `2.5 s ago`, `1 min 5 s ago`.
AGO = r"(\d+ ms|[\d.]+ s|\d+ min( \d+ s)?) ago"


class Result:
    """A finished command: exit status, output, and the checks every run must pass."""

    def __init__(self, argv, completed):
        self.argv = argv
        self.returncode = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr

    def __repr__(self):
        return (f"$ {' '.join(self.argv)}\nexit {self.returncode}\n--- stdout\n{self.stdout}"
                f"--- stderr\n{self.stderr}")

    def json(self):
        assert self.returncode == 0, self
        document = json.loads(self.stdout)
        # The promised layout: Python's own indent=2 rendering, UTF-8 kept, one trailing newline.
        assert self.stdout == json.dumps(document, indent=2, ensure_ascii=False) + "\n", self
        return document

    @property
    def error_lines(self):
        return self.stderr.splitlines()


def check_clean(result):
    """Whatever happened, it must have been said in the command's own words."""
    output = result.stdout + result.stderr
    assert result.returncode >= 0, f"killed by signal {-result.returncode}:\n{result}"
    for marker in CRASH_MARKERS + DUMP_MARKERS:
        assert marker not in output, f"{marker!r} reached the operator:\n{result}"
    assert not CORE_LOG_LINE.search(result.stderr), f"the gRPC core logged to the operator:\n{result}"
    if result.returncode in (1, 3, 4, 5) or (result.returncode == 2 and result.stderr):
        assert result.error_lines, f"a failure without a message:\n{result}"
        assert result.error_lines[0].startswith("blockfence: "), f"stderr does not start with the error:\n{result}"
    if result.returncode == 0:
        assert result.stderr == "", f"a successful command wrote to stderr:\n{result}"


def assert_usage_error(result, *needles):
    """Exit 2 with a message naming the problem and pointing at --help, nothing on stdout."""
    assert result.returncode == 2, result
    assert result.stdout == "", result
    message = result.error_lines[0]
    for needle in needles:
        assert needle in message, f"{needle!r} missing from {message!r}\n{result}"
    assert result.error_lines[-1].startswith("Run 'blockfence "), result
    assert result.error_lines[-1].endswith(" --help' for usage."), result


def lines_of(text):
    """Table output with runs of spaces collapsed, so that checks do not depend on column widths."""
    return [re.sub(r" {2,}", "  ", line.strip()) for line in text.splitlines()]
