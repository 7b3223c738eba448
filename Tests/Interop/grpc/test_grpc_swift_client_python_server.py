"""The Swift RPC client against Python grpcio as the server."""

import os
import socket
import subprocess
import sys
import time

import pytest

from interop_support import HERE, Process

FOUR_MIB = 4 << 20


@pytest.mark.parametrize("transport", [0, 1], ids=["tcp", "unix"])
def test_unary_echo_with_metadata(python_server, run_peer, transport):
    results, summary = run_peer(
        python_server.addresses[transport], "--text", "hello", "--payload-bytes", "300",
        "--metadata", "authorization=Bearer token-2", "--metadata-key", "authorization",
    )
    assert summary == {"summary": "", "ok": "1", "errors": "0"}
    assert results[0]["result"] == "ok"
    assert results[0]["payload_bytes"] == "300"
    assert results[0]["server"] == "python"
    assert results[0]["metadata_value"] == "Bearer token-2"


def test_server_streaming_reads_every_response(python_server, run_peer):
    results, _ = run_peer(python_server.addresses[0], "--method", "expand", "--responses", "40",
                          "--payload-bytes", "10")
    assert results[0] == {"result": "ok", "responses": "40", "payload_bytes": "400"}


def test_four_mebibyte_message_round_trips(python_server, run_peer):
    results, _ = run_peer(
        python_server.addresses[0], "--payload-bytes", str(FOUR_MIB), "--max-receive-bytes", str(8 << 20),
        "--timeout-ms", "30000",
    )
    assert results[0]["result"] == "ok"
    assert results[0]["payload_bytes"] == str(FOUR_MIB)


def test_response_over_the_client_limit_is_resource_exhausted(python_server, run_peer):
    results, _ = run_peer(python_server.addresses[0], "--payload-bytes", str(2 << 20), "--max-receive-bytes",
                          str(1 << 20))
    assert results[0]["code"] == "RESOURCE_EXHAUSTED"


def test_deadline_exceeded(python_server, run_peer):
    started = time.monotonic()
    results, _ = run_peer(python_server.addresses[0], "--delay-ms", "5000", "--timeout-ms", "300")
    assert results[0]["code"] == "DEADLINE_EXCEEDED"
    assert time.monotonic() - started < 4


def test_streaming_deadline_exceeded(python_server, run_peer):
    results, _ = run_peer(python_server.addresses[0], "--method", "expand", "--responses", "100",
                          "--delay-ms", "50", "--timeout-ms", "300")
    assert results[0]["code"] == "DEADLINE_EXCEEDED"


def test_cancelling_the_task_cancels_the_call_on_the_server(python_server, run_peer):
    before = python_server.cancelled_calls
    results, _ = run_peer(python_server.addresses[0], "--delay-ms", "10000", "--cancel-after-ms", "300")
    assert results[0]["code"] == "CANCELLED"
    deadline = time.monotonic() + 5
    while python_server.cancelled_calls == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert python_server.cancelled_calls > before


def test_cancelling_a_stream_midway(python_server, run_peer):
    results, _ = run_peer(python_server.addresses[0], "--method", "expand", "--responses", "1000",
                          "--delay-ms", "20", "--cancel-after-ms", "300")
    assert results[0]["code"] == "CANCELLED"


def test_unknown_method_is_unimplemented(python_server, run_peer):
    results, _ = run_peer(python_server.addresses[0], "--method", "missing")
    assert results[0]["code"] == "UNIMPLEMENTED"


@pytest.mark.parametrize("code, name", [(3, "INVALID_ARGUMENT"), (5, "NOT_FOUND"), (9, "FAILED_PRECONDITION"),
                                        (14, "UNAVAILABLE"), (16, "UNAUTHENTICATED")])
def test_status_codes_and_messages(python_server, run_peer, code, name):
    results, _ = run_peer(python_server.addresses[0], "--failure-code", str(code), "--failure-message",
                          f"because {name} ✗")
    assert results[0]["code"] == name
    assert results[0]["message"] == f"because {name} ✗"


def test_unreachable_server_is_unavailable(run_peer):
    results, _ = run_peer(f"127.0.0.1:{unused_port()}", "--timeout-ms", "2000")
    assert results[0]["code"] == "UNAVAILABLE"


def test_concurrent_calls_from_several_processes(peer_binary, python_server):
    callers = [
        subprocess.Popen(
            [peer_binary, "call", "--target", python_server.addresses[0], "--concurrency", "8", "--repeat", "25",
             "--payload-bytes", "512", "--timeout-ms", "20000"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(4)
    ]
    for caller in callers:
        output, errors = caller.communicate(timeout=120)
        assert caller.returncode == 0, errors
        assert output.strip().splitlines()[-1] == "summary ok=200 errors=0"


def test_client_reconnects_after_the_server_restarts(protos, peer_binary, tmp_path):
    port = unused_port()
    environment = dict(os.environ, PYTHONPATH=str(HERE))
    command = [sys.executable, str(HERE / "python_echo_server.py"), "--listen", f"127.0.0.1:{port}"]
    first = Process(command, tmp_path / "first.log", environment)
    caller = subprocess.Popen(
        [peer_binary, "call", "--target", f"127.0.0.1:{port}", "--repeat", "30", "--interval-ms", "100",
         "--wait-for-ready", "--timeout-ms", "5000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(0.8)
    assert first.stop()[0] == 0
    time.sleep(0.8)
    second = Process(command + ["--name", "restarted"], tmp_path / "second.log", environment)
    try:
        output, errors = caller.communicate(timeout=60)
    finally:
        second.stop()
    assert caller.returncode == 0, errors
    assert output.strip().splitlines()[-1] == "summary ok=30 errors=0"
    assert "server=restarted" in output


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
