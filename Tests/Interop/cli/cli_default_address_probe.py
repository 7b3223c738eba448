"""Runs inside a private network namespace (`unshare --net`), where 127.0.0.1:7400 belongs to
nobody else: checks what `blockfence status` does with no --control and no BLOCKFENCE_CONTROL,
first with nothing listening there, then with a fake control core on that address.

    unshare --net -- python cli_default_address_probe.py BLOCKFENCE_BIN GENERATED_PROTOS_DIR

Prints one JSON object with each run's exit status, output, and the methods the fake received.
"""

import json
import os
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import cli_fake_control  # noqa: E402
import cli_protos  # noqa: E402


def run(binary, environment):
    completed = subprocess.run([binary, "status", "--output", "json"], capture_output=True, text=True, timeout=30,
                               env=environment)
    return {"returncode": completed.returncode, "stdout": completed.stdout, "stderr": completed.stderr}


def main():
    binary, generated = sys.argv[1], sys.argv[2]
    # A new network namespace starts with its loopback interface down.
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    environment = {key: value for key, value in os.environ.items() if key != "BLOCKFENCE_CONTROL"}
    results = {"nothing_listening": run(binary, environment)}
    fake = cli_fake_control.FakeControl(cli_protos.load(generated)).start(tcp_address="127.0.0.1:7400")
    try:
        results["default"] = run(binary, environment)
        # An empty variable counts as unset, as for every BLOCKFENCE_ variable.
        results["empty_variable"] = run(binary, dict(environment, BLOCKFENCE_CONTROL=""))
        results["methods"] = fake.methods_called()
    finally:
        fake.stop()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
