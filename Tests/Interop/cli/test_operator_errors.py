"""How failures reach the operator: every gRPC status code, an unreachable or silent control core,
and incomplete answers, each with its documented exit code and a message in the command's own
words (docs/cli.md, "Exit status")."""

import os
import signal
import socket
import subprocess
import time

import grpc
import pytest

# Every command, the method it calls, and how its failure message names what it was doing.
COMMANDS = [
    (["volume", "create", "pg-data", "--size", "10GiB"], "CreateVolume", "create volume 'pg-data'"),
    (["volume", "list"], "ListVolumes", "list volumes"),
    (["volume", "inspect", "pg-data"], "GetVolume", "inspect volume 'pg-data'"),
    (["volume", "expand", "pg-data", "--size", "20GiB"], "ExpandVolume", "expand volume 'pg-data'"),
    (["volume", "attach", "pg-data", "--node", "w1"], "AttachVolume", "attach volume 'pg-data' to node 'w1'"),
    (["volume", "detach", "pg-data", "--node", "w1"], "DetachVolume", "detach volume 'pg-data' from node 'w1'"),
    (["volume", "delete", "pg-data"], "DeleteVolume", "delete volume 'pg-data'"),
    (["node", "list"], "ListNodes", "list nodes"),
    (["failover", "pg-data"], "Failover", "fail over volume 'pg-data'"),
    (["status"], "GetStatus", "read the cluster's status"),
]
COMMAND_IDS = [" ".join(words[:2]) for words, _, _ in COMMANDS]

# The exit code table of docs/cli.md.
EXIT_CODES = {
    grpc.StatusCode.INVALID_ARGUMENT: 2,
    grpc.StatusCode.OUT_OF_RANGE: 2,
    grpc.StatusCode.NOT_FOUND: 3,
    grpc.StatusCode.ALREADY_EXISTS: 4,
    grpc.StatusCode.FAILED_PRECONDITION: 4,
    grpc.StatusCode.ABORTED: 4,
    grpc.StatusCode.UNAVAILABLE: 5,
    grpc.StatusCode.DEADLINE_EXCEEDED: 5,
    grpc.StatusCode.UNIMPLEMENTED: 1,
    grpc.StatusCode.UNKNOWN: 1,
    grpc.StatusCode.INTERNAL: 1,
    grpc.StatusCode.PERMISSION_DENIED: 1,
    grpc.StatusCode.UNAUTHENTICATED: 1,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 1,
    grpc.StatusCode.CANCELLED: 1,
    grpc.StatusCode.DATA_LOSS: 1,
}
HINT_UNREACHABLE = "Is blockfence control running? Set --control or BLOCKFENCE_CONTROL."


def test_the_table_covers_every_status_code_but_ok():
    assert set(EXIT_CODES) == set(grpc.StatusCode) - {grpc.StatusCode.OK}


@pytest.mark.parametrize("code", list(EXIT_CODES), ids=[code.name for code in EXIT_CODES])
def test_each_status_code_has_its_exit_code_and_message(run_cli, fake_control, code):
    fake_control.fail("CreateVolume", code, "the reason given")
    result = run_cli("volume", "create", "pg-data", "--size", "10GiB")
    assert result.returncode == EXIT_CODES[code], result
    assert result.stdout == "", result
    first = result.error_lines[0]
    address = fake_control.addresses["tcp"]
    if code == grpc.StatusCode.UNAVAILABLE:
        assert first == f"blockfence: cannot reach the control core at {address} to create volume 'pg-data': " \
                        "the reason given", result
        assert result.error_lines[1] == HINT_UNREACHABLE
    elif code == grpc.StatusCode.DEADLINE_EXCEEDED:
        assert first == f"blockfence: the control core at {address} did not answer within 10 s " \
                        "(create volume 'pg-data')", result
        assert result.error_lines[1] == HINT_UNREACHABLE
    elif code == grpc.StatusCode.UNIMPLEMENTED:
        assert first == f"blockfence: cannot create volume 'pg-data': the control core at {address} does not " \
                        "offer it (UNIMPLEMENTED)", result
    else:
        assert first == f"blockfence: cannot create volume 'pg-data': the reason given ({code.name})", result


@pytest.mark.parametrize("words, method, action", COMMANDS, ids=COMMAND_IDS)
def test_every_command_reports_not_found_with_exit_3(run_cli, fake_control, words, method, action):
    fake_control.fail(method, grpc.StatusCode.NOT_FOUND, "no volume named pg-data")
    result = run_cli(*words)
    assert result.returncode == 3, result
    assert result.error_lines == [
        f"blockfence: cannot {action}: no volume named pg-data (NOT_FOUND)",
        "'blockfence volume list' and 'blockfence node list' show what exists.",
    ]
    assert fake_control.methods_called() == [method]


@pytest.mark.parametrize("words, method, action", COMMANDS, ids=COMMAND_IDS)
def test_every_command_reports_conflicts_with_exit_4(run_cli, fake_control, words, method, action):
    fake_control.fail(method, grpc.StatusCode.FAILED_PRECONDITION, "attached to worker-1")
    result = run_cli(*words, "--output", "json")
    assert result.returncode == 4, result
    # Errors stay text on stderr in either output format; stdout carries only answers.
    assert result.stdout == ""
    assert result.error_lines == [f"blockfence: cannot {action}: attached to worker-1 (FAILED_PRECONDITION)"]


def closed_port():
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("words, method, action", COMMANDS, ids=COMMAND_IDS)
def test_every_command_reports_an_unreachable_control_core_with_exit_5(run_cli, words, method, action):
    address = f"127.0.0.1:{closed_port()}"
    started = time.monotonic()
    result = run_cli(*words, control=address)
    assert result.returncode == 5, result
    assert result.error_lines[0].startswith(f"blockfence: cannot reach the control core at {address} to {action}: ")
    assert result.error_lines[1:] == [HINT_UNREACHABLE]
    # A refused connection is reported at once, not after the timeout.
    assert time.monotonic() - started < 5, result


def test_a_missing_unix_socket_is_unreachable(run_cli, short_tmp):
    result = run_cli("status", control=f"unix:{short_tmp / 'absent.sock'}")
    assert result.returncode == 5, result
    assert "cannot reach the control core at unix:" in result.error_lines[0], result
    assert result.error_lines[1] == HINT_UNREACHABLE


def test_a_silent_control_core_times_out_with_exit_5(run_cli, fake_control):
    fake_control.hold("DeleteVolume")
    started = time.monotonic()
    result = run_cli("volume", "delete", "pg-data", "--timeout", "0.5")
    elapsed = time.monotonic() - started
    assert result.returncode == 5, result
    assert result.error_lines == [
        f"blockfence: the control core at {fake_control.addresses['tcp']} did not answer within 0.5 s "
        "(delete volume 'pg-data')",
        HINT_UNREACHABLE,
        "A slow answer may still come: raise --timeout. A change that was asked for may have taken effect.",
    ]
    assert 0.4 < elapsed < 5, elapsed


def test_the_timeout_bounds_all_pages_of_a_list_together(run_cli, fake_control, pb2):
    # Each page comes well within the timeout, but the pages never end.
    fake_control.respond("ListVolumes", pb2.ListVolumesResponse(next_page_token="again"))
    fake_control.delay("ListVolumes", 0.15)
    started = time.monotonic()
    result = run_cli("volume", "list", "--timeout", "0.5")
    assert result.returncode == 5, result
    assert "did not answer within 0.5 s (list volumes)" in result.error_lines[0], result
    assert time.monotonic() - started < 5
    assert len(fake_control.requests("ListVolumes")) >= 2


@pytest.mark.parametrize("words, method", [
    (["volume", "create", "pg-data", "--size", "10GiB"], "CreateVolume"),
    (["volume", "inspect", "pg-data"], "GetVolume"),
    (["volume", "expand", "pg-data", "--size", "20GiB"], "ExpandVolume"),
    (["volume", "attach", "pg-data", "--node", "w1"], "AttachVolume"),
    (["failover", "pg-data"], "Failover"),
], ids=lambda value: value if isinstance(value, str) else " ".join(value[:2]))
def test_an_answer_without_its_volume_exits_1(run_cli, fake_control, pb2, words, method):
    empty = {
        "CreateVolume": pb2.CreateVolumeResponse, "GetVolume": pb2.GetVolumeResponse,
        "ExpandVolume": pb2.ExpandVolumeResponse, "AttachVolume": pb2.AttachVolumeResponse,
        "Failover": pb2.FailoverResponse,
    }[method]()
    fake_control.respond(method, empty)
    result = run_cli(*words)
    assert result.returncode == 1, result
    assert result.error_lines[0].endswith(": the control core's answer has no volume"), result
    assert result.error_lines[1] == "The control core and this blockfence may be different versions."


def test_messages_from_the_control_core_cannot_drive_the_terminal(run_cli, fake_control):
    fake_control.fail("GetStatus", grpc.StatusCode.INTERNAL, "bad\x1b[31m red\nsecond line")
    result = run_cli("status")
    assert result.returncode == 1, result
    assert result.error_lines == ["blockfence: cannot read the cluster's status: bad?[31m red?second line (INTERNAL)"]


def test_a_refusal_without_details_says_so(run_cli, fake_control):
    fake_control.fail("ListNodes", grpc.StatusCode.PERMISSION_DENIED, "")
    result = run_cli("node", "list")
    assert result.returncode == 1, result
    assert result.error_lines == ["blockfence: cannot list nodes: no details (PERMISSION_DENIED)"]


@pytest.fixture
def interruptible():
    """Ctrl-C as at a terminal. When the tests themselves run as a background job, the shell
    started them with SIGINT ignored, a disposition children inherit and rightly keep; a handler,
    unlike "ignore", is reset to the default when the child starts."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_ends_a_waiting_command_at_once(blockfence_bin, fake_control, interruptible):
    fake_control.hold("GetStatus")
    process = subprocess.Popen(
        [blockfence_bin, "status", "--control", fake_control.addresses["tcp"], "--timeout", "60"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while not fake_control.requests("GetStatus") and time.monotonic() < deadline:
            time.sleep(0.02)
        assert fake_control.requests("GetStatus"), "the command never called GetStatus"
        os.kill(process.pid, signal.SIGINT)
        process.wait(5)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == -signal.SIGINT
