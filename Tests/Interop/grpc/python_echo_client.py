"""Many concurrent unary calls from one process, for the several-processes test:

    python python_echo_client.py --target ADDRESS --calls N --threads N

prints `ok=N errors=N` and exits 0 only when every call succeeded with the right payload.
"""

import argparse
import os
import sys
from concurrent import futures

import grpc

import generated_protos


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--threads", type=int, default=8)
    arguments = parser.parse_args()
    protos = generated_protos.load_from_environment()
    channel = grpc.insecure_channel(arguments.target)
    stub = protos.echo_pb2_grpc.EchoStub(channel)

    def call(index):
        payload = os.urandom(index % 700)
        response = stub.Echo(protos.echo_pb2.EchoRequest(payload=payload, text=str(index)), timeout=20)
        return response.payload == payload and response.text == str(index)

    with futures.ThreadPoolExecutor(arguments.threads) as pool:
        results = list(pool.map(lambda index: _safe(call, index), range(arguments.calls)))
    succeeded = sum(1 for result in results if result)
    print(f"ok={succeeded} errors={len(results) - succeeded}", flush=True)
    return 0 if succeeded == len(results) else 1


def _safe(function, index):
    try:
        return function(index)
    except grpc.RpcError as error:
        print(f"call {index} failed: {error.code()} {error.details()}", file=sys.stderr, flush=True)
        return False


if __name__ == "__main__":
    sys.exit(main())
