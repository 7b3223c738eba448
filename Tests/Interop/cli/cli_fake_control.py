"""A fake control core: the Control service in grpcio, with canned answers and recorded requests.

Tests set what each method answers (`respond`), make a method fail with a status code (`fail`),
answer late (`delay`) or hold its answer back (`hold`), and read back every request the command
under test sent (`requests`). A method nobody set answers with the sample cluster of cli_samples.
"""

import threading
from concurrent import futures

import grpc

import cli_samples

METHODS = [
    "CreateVolume", "DeleteVolume", "ExpandVolume", "GetVolume", "ListVolumes", "ListNodes", "Failover",
    "GetStatus", "AttachVolume", "DetachVolume",
]


class FakeControl:
    def __init__(self, protos):
        self.protos = protos
        self.samples = cli_samples.Samples(protos.pb2)
        self.lock = threading.Lock()
        self.received = []
        self.answers = {}
        self.failures = {}
        self.held = set()
        self.delays = {}
        self.release = threading.Event()
        self.server = None
        self.addresses = {}

    # What tests arrange.

    def respond(self, method, *responses):
        """Answers the next calls of `method` with `responses` in turn; the last one repeats."""
        assert method in METHODS, method
        with self.lock:
            self.answers[method] = list(responses)

    def fail(self, method, code, details):
        """Ends every call of `method` with `code` and `details`."""
        assert method in METHODS, method
        with self.lock:
            self.failures[method] = (code, details)

    def delay(self, method, seconds):
        """Answers calls of `method` only after `seconds`."""
        with self.lock:
            self.delays[method] = seconds

    def hold(self, method):
        """Keeps calls of `method` waiting until the server stops."""
        with self.lock:
            self.held.add(method)

    # What tests read.

    def requests(self, method=None):
        with self.lock:
            return [request for name, request in self.received if method is None or name == method]

    def methods_called(self):
        with self.lock:
            return [name for name, _ in self.received]

    # Serving.

    def _handle(self, method, request, context):
        with self.lock:
            self.received.append((method, request))
            failure = self.failures.get(method)
            held = method in self.held
            delay = self.delays.get(method, 0)
            queue = self.answers.get(method)
            answer = None
            if queue:
                answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if delay:
            self.release.wait(delay)
        if held:
            self.release.wait(60)
            context.abort(grpc.StatusCode.UNAVAILABLE, "the fake control core stopped")
        if failure is not None:
            context.abort(failure[0], failure[1])
        if answer is None:
            answer = self.samples.default_answer(method)
        return answer

    def start(self, tcp=True, unix_path=None, tcp_address="127.0.0.1:0"):
        servicer_class = type(
            "FakeControlServicer",
            (self.protos.pb2_grpc.ControlServicer,),
            {method: self._method(method) for method in METHODS},
        )
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
        self.protos.pb2_grpc.add_ControlServicer_to_server(servicer_class(), self.server)
        if tcp:
            port = self.server.add_insecure_port(tcp_address)
            assert port != 0, f"cannot listen on {tcp_address}"
            self.addresses["tcp"] = f"{tcp_address.rsplit(':', 1)[0]}:{port}"
        if unix_path is not None:
            assert self.server.add_insecure_port(f"unix:{unix_path}") != 0, unix_path
            self.addresses["unix"] = f"unix:{unix_path}"
        self.server.start()
        return self

    def _method(self, method):
        def handler(servicer, request, context):
            return self._handle(method, request, context)

        handler.__name__ = method
        return handler

    def stop(self):
        self.release.set()
        if self.server is not None:
            self.server.stop(grace=0).wait(10)
