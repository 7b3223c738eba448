"""An NBD client that runs inside a network namespace (started with `ip netns exec`), so that it
can still reach a server the test has cut off from everyone else. It reads and writes in a loop
and prints one JSON line per attempt: what, when it was sent and answered, and whether it
succeeded. A write that gets no answer within --answer-timeout is given up on (the connection is
dropped) and logged as not acknowledged.

    namespace_client.py URI SECONDS
"""

import json
import pathlib
import sys
import threading
import time

import nbd

# Run as its own process: the suite's shared helpers, which cluster_support uses, are not on the
# path the way the test session puts them there.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "common"))

from cluster_support import block_payload, close_quietly, connect, describe, sha256  # noqa: E402

SLOT_BYTES = 4096
lock = threading.Lock()


def emit(record):
    with lock:
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()


def loop(uri, kind, slots, until, answer_timeout):
    handle = None
    counter = 0
    while time.time() < until:
        if handle is None:
            sent = time.time()
            try:
                handle = connect(uri)
            except nbd.Error as error:
                emit({"kind": "connect", "sent": sent, "answered": time.time(), "ok": False,
                      "error": describe(error)})
                time.sleep(0.05)
                continue
        slot = slots[counter % len(slots)]
        data = block_payload(f"ns-{kind}-{counter}", SLOT_BYTES)
        counter += 1
        sent = time.time()
        record = {"kind": kind, "writer": "namespace", "offset": slot * SLOT_BYTES, "sent": sent, "ok": False}
        try:
            if kind == "write":
                record["sha256"] = sha256(data)
                buffer = nbd.Buffer.from_bytearray(bytearray(data))
                cookie = handle.aio_pwrite(buffer, slot * SLOT_BYTES)
            else:
                buffer = nbd.Buffer(SLOT_BYTES)
                cookie = handle.aio_pread(buffer, slot * SLOT_BYTES)
            deadline = time.time() + answer_timeout
            while not handle.aio_command_completed(cookie):
                if time.time() > deadline:
                    raise TimeoutError("no answer")
                handle.poll(50)
            record["ok"] = True
        except nbd.Error as error:
            record["error"] = describe(error)
        except TimeoutError:
            record["error"] = f"no answer within {answer_timeout} s"
        record["answered"] = time.time()
        emit(record)
        if not record["ok"]:
            close_quietly(handle)
            handle = None
        time.sleep(0.01)
    if handle is not None:
        close_quietly(handle)


def main():
    uri, seconds = sys.argv[1], float(sys.argv[2])
    until = time.time() + seconds
    threads = [threading.Thread(target=loop, args=(uri, "read", list(range(0, 32)), until, 0.5)),
               threading.Thread(target=loop, args=(uri, "write", list(range(32, 64)), until, 0.5))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    emit({"kind": "done", "sent": time.time(), "answered": time.time(), "ok": True})


if __name__ == "__main__":
    main()
