"""`blockfence.test.Echo` served by Python grpcio: the reference server the Swift client is
checked against. Importable by the suite, and runnable as a process:

    python python_echo_server.py --listen 127.0.0.1:0 [--listen unix:/path] [--name NAME]

prints `listening ADDRESS` lines and `ready`, and stops gracefully on SIGTERM.
"""

import argparse
import signal
import sys
import threading
import time
from concurrent import futures

import grpc

import generated_protos

MAXIMUM_MESSAGE_BYTES = 8 << 20


class EchoServicer:
    """Mirrors the Swift EchoService: delay, failure, metadata, streaming."""

    def __init__(self, protos, name):
        self.protos = protos
        self.name = name
        self.cancelled_calls = 0
        self.lock = threading.Lock()

    def _wait(self, request, context):
        deadline = time.monotonic() + request.delay_milliseconds / 1000
        while time.monotonic() < deadline:
            if not context.is_active():
                return False
            time.sleep(0.005)
        return context.is_active()

    def _response(self, request, context, index):
        response = self.protos.echo_pb2.EchoResponse(
            payload=request.payload, text=request.text, index=index, server_name=self.name
        )
        if request.metadata_key:
            metadata = dict(context.invocation_metadata())
            response.metadata_value = metadata.get(request.metadata_key, "")
        return response

    def _fail_if_asked(self, request, context):
        if request.failure_code:
            context.abort(grpc.StatusCode(_status_by_number()[request.failure_code]), request.failure_message)

    def Echo(self, request, context):
        if not self._wait(request, context):
            with self.lock:
                self.cancelled_calls += 1
            return self.protos.echo_pb2.EchoResponse()
        self._fail_if_asked(request, context)
        return self._response(request, context, 0)

    def Expand(self, request, context):
        for index in range(request.response_count):
            if not self._wait(request, context):
                with self.lock:
                    self.cancelled_calls += 1
                return
            yield self._response(request, context, index)
        self._fail_if_asked(request, context)


def _status_by_number():
    return {code.value[0]: code.value for code in grpc.StatusCode}


def start(protos, addresses, name="python", maximum_workers=32):
    """Starts a server; returns (server, servicer, bound addresses)."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=maximum_workers),
        options=[
            ("grpc.max_receive_message_length", MAXIMUM_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAXIMUM_MESSAGE_BYTES),
            ("grpc.so_reuseport", 0),
        ],
    )
    servicer = EchoServicer(protos, name)
    protos.echo_pb2_grpc.add_EchoServicer_to_server(servicer, server)
    bound = []
    for address in addresses:
        port = server.add_insecure_port(address)
        if address.startswith("unix:"):
            bound.append(address)
        else:
            bound.append(f"{address.rsplit(':', 1)[0]}:{port}")
    server.start()
    return server, servicer, bound


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--listen", action="append", required=True)
    parser.add_argument("--name", default="python")
    arguments = parser.parse_args()
    protos = generated_protos.load_from_environment()
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    server, _, bound = start(protos, arguments.listen, arguments.name)
    for address in bound:
        print(f"listening {address}", flush=True)
    print("ready", flush=True)
    stopped.wait()
    server.stop(grace=5).wait()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
