"""The plugin as a process: its socket's life, its modes, and its command line."""

import os
import socket
import subprocess

import grpc
import pytest


def test_a_stale_socket_is_replaced_and_removed_on_a_clean_stop(csi, start_plugin, workdir):
    pb2, pb2_grpc = csi
    path = os.path.join(workdir, "stale.sock")
    # A socket file nobody listens on, as a killed plugin leaves it.
    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(path)
    leftover.close()
    assert os.path.exists(path)
    instance = start_plugin("stale", socket_path=path)
    with grpc.insecure_channel("unix://" + path) as channel:
        assert pb2_grpc.IdentityStub(channel).GetPluginInfo(pb2.GetPluginInfoRequest(), timeout=10).name
    assert instance.stop() == 0
    assert not os.path.exists(path)


def test_a_socket_in_use_is_not_taken_over(blockfence_bin, plugin, cluster, workdir):
    result = subprocess.run(
        [blockfence_bin, "csi", "--endpoint", "unix://" + plugin.socket_path, "--node-id", "n1",
         "--control", cluster.control, "--state-dir", os.path.join(workdir, "second-state")],
        capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "in use" in result.stderr
    assert os.path.exists(plugin.socket_path)


@pytest.mark.parametrize("kind", ["file", "directory", "link"])
def test_anything_but_a_socket_at_the_endpoint_is_refused_and_kept(blockfence_bin, cluster, workdir, kind):
    path = os.path.join(workdir, "occupied-%s.sock" % kind)
    kept = os.path.join(workdir, "occupied-%s-data" % kind)
    if kind == "file":
        with open(path, "w") as handle:
            handle.write("data")
        kept = path
    elif kind == "directory":
        os.makedirs(os.path.join(path, "inner"))
        with open(os.path.join(path, "inner", "file"), "w") as handle:
            handle.write("data")
        kept = os.path.join(path, "inner", "file")
    else:
        with open(kept, "w") as handle:
            handle.write("data")
        os.symlink(kept, path)
    result = subprocess.run(
        [blockfence_bin, "csi", "--endpoint", "unix://" + path, "--node-id", "n1",
         "--control", cluster.control, "--state-dir", os.path.join(workdir, "occupied-state")],
        capture_output=True, text=True, timeout=30)
    assert result.returncode == 1, result.stderr
    assert "not a socket" in result.stderr and path in result.stderr
    with open(kept) as handle:
        assert handle.read() == "data"
    assert os.path.lexists(path)


def test_an_unreadable_stage_record_is_named_and_the_plugin_serves(csi, start_plugin, workdir):
    pb2, pb2_grpc = csi
    staged = os.path.join(workdir, "unreadable-state", "staged")
    os.makedirs(staged)
    broken = os.path.join(staged, "cut-short-0.json")
    with open(broken, "w") as handle:
        handle.write('{"volumeID": "cut')
    instance = start_plugin("unreadable", mode="node", extra=("--node-id", "n2"))
    with grpc.insecure_channel("unix://" + instance.socket_path) as channel:
        assert pb2_grpc.NodeStub(channel).NodeGetInfo(pb2.NodeGetInfoRequest(), timeout=10).node_id == "n2"
    assert instance.stop() == 0
    with open(instance.log_path, errors="replace") as handle:
        assert broken in handle.read()
    assert os.path.exists(broken)


def test_a_controller_serves_no_node_service_and_a_node_no_controller(csi, start_plugin):
    pb2, pb2_grpc = csi
    controller = start_plugin("controller-only", mode="controller")
    node = start_plugin("node-only", mode="node", extra=("--node-id", "n2"))
    with grpc.insecure_channel("unix://" + controller.socket_path) as channel:
        with pytest.raises(grpc.RpcError) as raised:
            pb2_grpc.NodeStub(channel).NodeGetInfo(pb2.NodeGetInfoRequest(), timeout=10)
        assert raised.value.code() == grpc.StatusCode.UNIMPLEMENTED
        pb2_grpc.ControllerStub(channel).ControllerGetCapabilities(pb2.ControllerGetCapabilitiesRequest(), timeout=10)
    with grpc.insecure_channel("unix://" + node.socket_path) as channel:
        with pytest.raises(grpc.RpcError) as raised:
            pb2_grpc.ControllerStub(channel).ControllerGetCapabilities(
                pb2.ControllerGetCapabilitiesRequest(), timeout=10)
        assert raised.value.code() == grpc.StatusCode.UNIMPLEMENTED
        assert pb2_grpc.NodeStub(channel).NodeGetInfo(pb2.NodeGetInfoRequest(), timeout=10).node_id == "n2"


@pytest.mark.parametrize("arguments, message", [
    (["--node-id", "n1"], "--endpoint is required"),
    (["--endpoint", "unix:///tmp/x.sock"], "--node-id is required"),
    (["--endpoint", "tcp://127.0.0.1:1", "--node-id", "n1"], "unix:///path"),
    (["--endpoint", "unix:///tmp/x.sock", "--node-id", "n1", "--mode", "both"], "--mode"),
    (["--endpoint", "unix:///tmp/x.sock", "--node-id", "n1", "--control", "nowhere"], "--control"),
    (["--endpoint", "unix:///tmp/" + "s" * 100 + ".sock", "--node-id", "n1"], "longer than 107 bytes"),
])
def test_bad_command_lines_exit_two_with_a_reason(blockfence_bin, arguments, message):
    result = subprocess.run([blockfence_bin, "csi", *arguments], capture_output=True, text=True, timeout=30,
                            env={k: v for k, v in os.environ.items() if k != "BLOCKFENCE_CONTROL"})
    assert result.returncode == 2, result.stderr
    assert message in result.stderr


def test_help_explains_every_option_with_its_default(blockfence_bin):
    result = subprocess.run([blockfence_bin, "csi", "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    for option in ["--endpoint", "--mode", "--node-id", "--control", "--driver-name", "--state-dir", "--log-level"]:
        assert option in result.stdout
    for default in ["blockfence.csi.io", "/var/lib/blockfence/csi", "BLOCKFENCE_CONTROL", "127.0.0.1:7400"]:
        assert default in result.stdout
