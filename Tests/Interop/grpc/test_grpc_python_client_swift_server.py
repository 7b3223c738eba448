"""Python grpcio as the client, the Swift RPC server as the server."""

import os
import subprocess
import sys
import threading
import time

import grpc
import pytest

from interop_support import HERE, Process

FOUR_MIB = 4 << 20
LARGE_CHANNEL_OPTIONS = [("grpc.max_receive_message_length", 8 << 20), ("grpc.max_send_message_length", 8 << 20)]


def echo_stub(protos, address, options=None):
    channel = grpc.insecure_channel(address, options=options or [])
    return channel, protos.echo_pb2_grpc.EchoStub(channel)


@pytest.mark.parametrize("transport", ["tcp", "unix"])
def test_unary_echo_returns_payload_text_and_metadata(protos, swift_server, transport):
    _, stub = echo_stub(protos, getattr(swift_server, transport))
    request = protos.echo_pb2.EchoRequest(
        payload=bytes(range(256)), text="grüße ✓", metadata_key="authorization"
    )
    response = stub.Echo(request, timeout=10, metadata=[("authorization", "Bearer token-1")])
    assert response.payload == bytes(range(256))
    assert response.text == "grüße ✓"
    assert response.metadata_value == "Bearer token-1"
    assert response.server_name == "swift"


def test_server_streaming_delivers_every_response_in_order(protos, swift_server):
    _, stub = echo_stub(protos, swift_server.tcp)
    responses = list(stub.Expand(protos.echo_pb2.EchoRequest(text="s", response_count=50), timeout=10))
    assert [response.index for response in responses] == list(range(50))


def test_empty_stream_ends_with_ok(protos, swift_server):
    _, stub = echo_stub(protos, swift_server.tcp)
    assert list(stub.Expand(protos.echo_pb2.EchoRequest(response_count=0), timeout=10)) == []


def test_four_mebibyte_message_round_trips(protos, swift_server):
    _, stub = echo_stub(protos, swift_server.tcp, LARGE_CHANNEL_OPTIONS)
    payload = os.urandom(FOUR_MIB)
    response = stub.Echo(protos.echo_pb2.EchoRequest(payload=payload), timeout=30)
    assert response.payload == payload


def test_request_over_the_receive_limit_is_resource_exhausted(protos, start_swift_server):
    server = start_swift_server("--max-receive-bytes", str(1 << 20))
    _, stub = echo_stub(protos, server.tcp, LARGE_CHANNEL_OPTIONS)
    with pytest.raises(grpc.RpcError) as raised:
        stub.Echo(protos.echo_pb2.EchoRequest(payload=bytes(2 << 20)), timeout=10)
    assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


def test_deadline_exceeded_when_handler_is_slower_than_the_deadline(protos, swift_server):
    _, stub = echo_stub(protos, swift_server.tcp)
    started = time.monotonic()
    with pytest.raises(grpc.RpcError) as raised:
        stub.Echo(protos.echo_pb2.EchoRequest(delay_milliseconds=5000), timeout=0.3)
    assert raised.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert time.monotonic() - started < 3
    wait_for_log(swift_server, "method=/blockfence.test.Echo/Echo", "cancelled=true")


def test_client_cancellation_reaches_the_handler(protos, swift_server):
    _, stub = echo_stub(protos, swift_server.tcp)
    future = stub.Echo.future(protos.echo_pb2.EchoRequest(delay_milliseconds=10_000), timeout=30)
    time.sleep(0.3)
    assert future.cancel()
    wait_for_log(swift_server, "code=CANCELLED", "cancelled=true")
    assert stub.Echo(protos.echo_pb2.EchoRequest(text="after"), timeout=10).text == "after"


def test_cancelling_a_stream_midway_stops_the_handler(protos, swift_server):
    _, stub = echo_stub(protos, swift_server.tcp)
    stream = stub.Expand(protos.echo_pb2.EchoRequest(response_count=10_000, delay_milliseconds=5), timeout=30)
    for index, _ in enumerate(stream):
        if index == 3:
            stream.cancel()
            break
    wait_for_log(swift_server, "method=/blockfence.test.Echo/Expand", "cancelled=true")


@pytest.mark.parametrize("path", ["/blockfence.test.Echo/Missing", "/no.such.Service/Call", "/malformed"])
def test_unknown_method_is_unimplemented(protos, swift_server, path):
    channel = grpc.insecure_channel(swift_server.tcp)
    call = channel.unary_unary(path, request_serializer=lambda value: value, response_deserializer=lambda value: value)
    with pytest.raises(grpc.RpcError) as raised:
        call(b"", timeout=10)
    assert raised.value.code() == grpc.StatusCode.UNIMPLEMENTED


def test_undecodable_request_is_invalid_argument(protos, swift_server):
    channel = grpc.insecure_channel(swift_server.tcp)
    call = channel.unary_unary(
        "/blockfence.test.Echo/Echo", request_serializer=lambda value: value, response_deserializer=lambda value: value
    )
    with pytest.raises(grpc.RpcError) as raised:
        call(b"\x0a\x05ab", timeout=10)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT


@pytest.mark.parametrize("code", [code for code in grpc.StatusCode if code != grpc.StatusCode.OK])
def test_status_codes_and_messages_reach_the_client(protos, swift_server, code):
    _, stub = echo_stub(protos, swift_server.tcp)
    message = f"failed on purpose: {code.name} ✗"
    with pytest.raises(grpc.RpcError) as raised:
        stub.Echo(protos.echo_pb2.EchoRequest(failure_code=code.value[0], failure_message=message), timeout=10)
    assert raised.value.code() == code
    assert raised.value.details() == message


def test_stream_that_fails_after_responses_reports_its_status(protos, swift_server):
    _, stub = echo_stub(protos, swift_server.tcp)
    received = []
    with pytest.raises(grpc.RpcError) as raised:
        for response in stub.Expand(
            protos.echo_pb2.EchoRequest(response_count=3, failure_code=9, failure_message="not yet"), timeout=10
        ):
            received.append(response.index)
    assert received == [0, 1, 2]
    assert raised.value.code() == grpc.StatusCode.FAILED_PRECONDITION


def test_concurrent_calls_from_several_processes(protos, swift_server):
    environment = dict(os.environ, PYTHONPATH=str(HERE))
    clients = [
        subprocess.Popen(
            [sys.executable, str(HERE / "python_echo_client.py"), "--target", swift_server.tcp, "--calls", "100",
             "--threads", "8"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
        )
        for _ in range(4)
    ]
    for client in clients:
        output, errors = client.communicate(timeout=120)
        assert client.returncode == 0, errors
        assert output.strip() == "ok=100 errors=0"


def test_calls_over_the_concurrency_limit_are_resource_exhausted(protos, start_swift_server):
    server = start_swift_server("--max-concurrent-calls", "2")
    _, stub = echo_stub(protos, server.tcp)
    slow = [stub.Echo.future(protos.echo_pb2.EchoRequest(delay_milliseconds=1500), timeout=10) for _ in range(2)]
    time.sleep(0.3)
    with pytest.raises(grpc.RpcError) as raised:
        stub.Echo(protos.echo_pb2.EchoRequest(), timeout=10)
    assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert all(call.result().payload == b"" for call in slow)


def health_call(protos, address, method, streaming=False):
    channel = grpc.insecure_channel(address)
    factory = channel.unary_stream if streaming else channel.unary_unary
    return factory(
        f"/grpc.health.v1.Health/{method}",
        request_serializer=protos.health_pb2.HealthCheckRequest.SerializeToString,
        response_deserializer=protos.health_pb2.HealthCheckResponse.FromString,
    )


@pytest.mark.parametrize(
    "service, expected",
    [("", "SERVING"), ("blockfence.test.Echo", "SERVING"), ("grpc.health.v1.Health", None), ("nothing.Here", None)],
)
def test_health_check_reports_each_service(protos, swift_server, service, expected):
    check = health_call(protos, swift_server.tcp, "Check")
    status = protos.health_pb2.HealthCheckResponse.ServingStatus
    if expected is None:
        with pytest.raises(grpc.RpcError) as raised:
            check(protos.health_pb2.HealthCheckRequest(service=service), timeout=10)
        assert raised.value.code() == grpc.StatusCode.NOT_FOUND
    else:
        response = check(protos.health_pb2.HealthCheckRequest(service=service), timeout=10)
        assert response.status == status.Value(expected)


def test_health_watch_sees_not_serving_at_shutdown_and_ends(protos, swift_server):
    watch = health_call(protos, swift_server.tcp, "Watch", streaming=True)
    status = protos.health_pb2.HealthCheckResponse.ServingStatus
    stream = watch(protos.health_pb2.HealthCheckRequest(service=""), timeout=30)
    assert next(stream).status == status.Value("SERVING")
    stopper = threading.Timer(0.3, swift_server.stop)
    stopper.start()
    rest = [response.status for response in stream]
    stopper.join()
    assert rest == [status.Value("NOT_SERVING")]


def test_sigterm_lets_running_calls_finish_then_exits_cleanly(protos, swift_server):
    _, stub = echo_stub(protos, swift_server.tcp)
    running = stub.Echo.future(protos.echo_pb2.EchoRequest(text="finishing", delay_milliseconds=1000), timeout=10)
    time.sleep(0.3)
    exit_code, output = swift_server.stop()
    assert running.result().text == "finishing"
    assert exit_code == 0
    assert "stopped signal=SIGTERM" in output
    with pytest.raises(grpc.RpcError) as raised:
        stub.Echo(protos.echo_pb2.EchoRequest(), timeout=2)
    assert raised.value.code() == grpc.StatusCode.UNAVAILABLE


def test_shutdown_cancels_calls_that_outlast_the_grace_period(protos, start_swift_server):
    server = start_swift_server("--grace-ms", "300")
    _, stub = echo_stub(protos, server.tcp)
    stuck = stub.Echo.future(protos.echo_pb2.EchoRequest(delay_milliseconds=60_000), timeout=90)
    time.sleep(0.3)
    started = time.monotonic()
    exit_code, _ = server.stop()
    assert exit_code == 0
    assert time.monotonic() - started < 10
    with pytest.raises(grpc.RpcError):
        stuck.result()


def wait_for_log(server: Process, *fragments, timeout=5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(all(fragment in line for fragment in fragments) for line in server.log_text().splitlines()):
            return
        time.sleep(0.05)
    raise AssertionError(f"no server log line with {fragments}:\n{server.log_text()[-3000:]}")
