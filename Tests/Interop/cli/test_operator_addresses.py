"""Where the commands find the control core: --control, BLOCKFENCE_CONTROL, the default
127.0.0.1:7400, over TCP and Unix sockets."""

import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys

import pytest

from cli_support import IN_CI, Result, check_clean, missing

HERE = pathlib.Path(__file__).resolve().parent


def test_control_flag_with_a_unix_socket(run_cli, fake_control):
    result = run_cli("status", control="unix")
    assert result.returncode == 0, result
    assert fake_control.methods_called() == ["GetStatus"]


@pytest.mark.parametrize("kind", ["tcp", "unix"])
def test_control_from_the_environment(run_cli, fake_control, kind):
    result = run_cli("volume", "list", control=None, environment={"BLOCKFENCE_CONTROL": fake_control.addresses[kind]})
    assert result.returncode == 0, result
    assert fake_control.methods_called() == ["ListVolumes"]


def test_the_flag_wins_over_the_environment(run_cli, fake_control):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"127.0.0.1:{probe.getsockname()[1]}"
    result = run_cli("node", "list", control="unix", environment={"BLOCKFENCE_CONTROL": dead})
    assert result.returncode == 0, result
    assert fake_control.methods_called() == ["ListNodes"]


def test_an_unreachable_address_from_the_environment_is_named(run_cli, short_tmp):
    address = f"unix:{short_tmp / 'nobody.sock'}"
    result = run_cli("status", control=None, environment={"BLOCKFENCE_CONTROL": address})
    assert result.returncode == 5, result
    assert result.error_lines[0].startswith(f"blockfence: cannot reach the control core at {address} "), result


def ipv6_loopback_available():
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


def test_ipv6_loopback_in_brackets(protos, blockfence_bin):
    if not ipv6_loopback_available():
        pytest.skip("this machine has no IPv6 loopback address")
    import cli_fake_control

    fake = cli_fake_control.FakeControl(protos).start(tcp_address="[::1]:0")
    try:
        argv = [blockfence_bin, "status", "--control", fake.addresses["tcp"]]
        result = Result(argv, subprocess.run(argv, capture_output=True, text=True, timeout=30))
        check_clean(result)
        assert result.returncode == 0, result
        assert fake.methods_called() == ["GetStatus"]
    finally:
        fake.stop()


def test_without_flag_or_variable_the_default_is_127_0_0_1_port_7400(protos, blockfence_bin):
    """In a private network namespace, so that no other process on this machine can own the port."""
    for tool in ["unshare", "ip"]:
        if shutil.which(tool) is None:
            missing(f"the tool '{tool}' is not installed")
    if os.geteuid() != 0:
        missing("a private network namespace needs root")
    completed = subprocess.run(
        ["unshare", "--net", "--", sys.executable, str(HERE / "cli_default_address_probe.py"), blockfence_bin,
         protos.directory],
        capture_output=True, text=True, timeout=120)
    if completed.returncode != 0 and "Operation not permitted" in completed.stderr and not IN_CI:
        pytest.skip("network namespaces are not permitted here")
    assert completed.returncode == 0, completed.stderr
    results = json.loads(completed.stdout)

    nothing = results["nothing_listening"]
    assert nothing["returncode"] == 5, nothing
    assert nothing["stderr"].startswith("blockfence: cannot reach the control core at 127.0.0.1:7400 "), nothing
    assert "Is blockfence control running? Set --control or BLOCKFENCE_CONTROL." in nothing["stderr"]

    for name in ["default", "empty_variable"]:
        run = results[name]
        assert run["returncode"] == 0, run
        assert json.loads(run["stdout"])["version"] == "0.1.0-test"
    assert results["methods"] == ["GetStatus", "GetStatus"]
