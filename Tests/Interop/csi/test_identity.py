"""Identity as node-driver-registrar, the liveness probe and the sidecars call it."""

import subprocess

from csi_support import expect_status  # noqa: F401


def test_plugin_info_names_the_driver_and_the_blockfence_version(csi, stubs, blockfence_bin):
    pb2, _ = csi
    info = stubs.identity.GetPluginInfo(pb2.GetPluginInfoRequest(), timeout=10)
    version = subprocess.run([blockfence_bin, "version"], capture_output=True, text=True, check=True).stdout.split()[-1]
    assert info.name == "blockfence.csi.io"
    assert info.vendor_version == version


def test_capabilities_offer_the_controller_topology_and_online_expansion(csi, stubs):
    pb2, _ = csi
    answer = stubs.identity.GetPluginCapabilities(pb2.GetPluginCapabilitiesRequest(), timeout=10)
    services = {capability.service.type for capability in answer.capabilities if capability.HasField("service")}
    expansions = {capability.volume_expansion.type for capability in answer.capabilities
                  if capability.HasField("volume_expansion")}
    Service = pb2.PluginCapability.Service.Type
    assert services == {Service.CONTROLLER_SERVICE, Service.VOLUME_ACCESSIBILITY_CONSTRAINTS}
    assert expansions == {pb2.PluginCapability.VolumeExpansion.Type.ONLINE}


def test_probe_is_ready_while_the_control_core_answers(csi, stubs):
    pb2, _ = csi
    answer = stubs.identity.Probe(pb2.ProbeRequest(), timeout=10)
    assert answer.HasField("ready") and answer.ready.value


def test_probe_is_not_ready_without_a_control_core_and_the_driver_name_is_configurable(csi, start_plugin):
    import grpc

    pb2, pb2_grpc = csi
    from conftest import free_ports

    instance = start_plugin("lonely", control="127.0.0.1:%d" % free_ports([0]),
                            extra=("--driver-name", "example.blockfence.io"), mode="controller")
    with grpc.insecure_channel("unix://" + instance.socket_path) as channel:
        identity = pb2_grpc.IdentityStub(channel)
        answer = identity.Probe(pb2.ProbeRequest(), timeout=20)
        assert answer.HasField("ready") and not answer.ready.value
        assert identity.GetPluginInfo(pb2.GetPluginInfoRequest(), timeout=10).name == "example.blockfence.io"


def test_a_node_plugin_offers_no_controller_and_is_live_without_a_control_core(csi, start_plugin):
    import grpc

    pb2, pb2_grpc = csi
    from conftest import free_ports

    instance = start_plugin("lonely-node", control="127.0.0.1:%d" % free_ports([0]), mode="node",
                            extra=("--node-id", "n3"))
    with grpc.insecure_channel("unix://" + instance.socket_path) as channel:
        identity = pb2_grpc.IdentityStub(channel)
        answer = identity.GetPluginCapabilities(pb2.GetPluginCapabilitiesRequest(), timeout=10)
        services = {capability.service.type for capability in answer.capabilities if capability.HasField("service")}
        assert services == {pb2.PluginCapability.Service.Type.VOLUME_ACCESSIBILITY_CONSTRAINTS}
        # The livenessprobe sidecar gives a probe one second by default.
        answer = identity.Probe(pb2.ProbeRequest(), timeout=1)
        assert answer.HasField("ready") and answer.ready.value
