"""Fixtures for the cluster fault suite: real `blockfence control` and `blockfence server`
processes, driven through the control API and real NBD clients.

    BLOCKFENCE_BIN=$PWD/.build/release/blockfence .venv/bin/python -m pytest Tests/Interop/cluster

Without BLOCKFENCE_BIN the suite builds the package (release). With CI=true anything missing fails
the suite instead of skipping it: CI installs what it needs, so a skip there would hide a broken
setup. Every process a test starts is ended by its PID when the test ends, and every process log
is attached to the report of a test that fails.
"""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
REPOSITORY = HERE.parents[2]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "common"))

from interop_common import control_api as generate_control_api, missing  # noqa: E402

LOG_TAIL_BYTES = 60_000


@pytest.fixture(scope="session")
def control_api(tmp_path_factory):
    """The Python messages and stubs of Protos/blockfence/control.proto, from grpcio-tools."""
    try:
        import grpc  # noqa: F401
        import grpc_tools  # noqa: F401
    except ImportError:
        missing("grpcio and grpcio-tools are not installed")
    return generate_control_api(tmp_path_factory.mktemp("control-generated"))


@pytest.fixture(scope="session")
def blockfence_binary():
    """The blockfence executable: BLOCKFENCE_BIN, or the package's release build."""
    override = os.environ.get("BLOCKFENCE_BIN")
    if override:
        if not os.access(override, os.X_OK):
            missing(f"BLOCKFENCE_BIN ({override}) is not an executable")
        return override
    try:
        subprocess.run(["swift", "build", "-c", "release", "--product", "blockfence"], cwd=REPOSITORY, check=True)
        binary_directory = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=REPOSITORY,
                                          check=True, capture_output=True, text=True).stdout.strip()
    except FileNotFoundError:
        missing("the Swift toolchain is not installed")
    return str(pathlib.Path(binary_directory) / "blockfence")


@pytest.fixture(scope="session")
def nbd_module():
    try:
        import nbd
    except ImportError:
        missing("the nbd Python module (python3-libnbd) is not installed")
    return nbd


@pytest.fixture(scope="session")
def nbdcopy():
    path = shutil.which("nbdcopy")
    if path is None:
        missing("nbdcopy (libnbd-bin) is not installed")
    return path


@pytest.fixture
def network_partition():
    """A network namespace with a veth pair to this one; deleted after the test. Request it
    before `make_cluster`, so that the processes inside end before their namespace does."""
    import cluster_support

    if shutil.which("ip") is None:
        missing("ip (iproute2) is not installed")
    partition = cluster_support.NetworkPartition()
    try:
        partition.create()
    except (subprocess.CalledProcessError, OSError) as error:
        partition.destroy()
        detail = getattr(error, "stderr", "") or error
        missing(f"network namespaces are not available (root and iproute2 are needed: {str(detail).strip()})")
    yield partition
    partition.destroy()


@pytest.fixture
def make_cluster(request, blockfence_binary, control_api, nbd_module, tmp_path):
    """Builds clusters for one test; ends every process of every one of them afterwards."""
    import cluster_support

    clusters = []
    request.node.blockfence_clusters = clusters

    def make(nodes=3, start=True, **options):
        root = tmp_path / f"cluster{len(clusters)}"
        cluster = cluster_support.Cluster(blockfence_binary, control_api, root, **options)
        clusters.append(cluster)
        if start:
            cluster.start(nodes)
        return cluster

    yield make
    problems = []
    for cluster in clusters:
        problems += cluster.close()
    # A crash or an unasked-for exit is a failure even when the test's own checks passed: a server
    # that stops serving because it died proves nothing about leases or epochs.
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(scope="module")
def shared_cluster(request, blockfence_binary, control_api, nbd_module, tmp_path_factory):
    """One control core and three servers for a whole module of tests that break nothing."""
    import cluster_support

    cluster = cluster_support.Cluster(blockfence_binary, control_api, tmp_path_factory.mktemp("shared"))
    request.module.blockfence_shared_cluster = cluster
    cluster.start(3)
    yield cluster
    problems = cluster.close()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def cluster(make_cluster):
    """A control core and three storage servers, n1 to n3, on loopback."""
    return make_cluster()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        clusters = list(getattr(item, "blockfence_clusters", []))
        shared = getattr(item.module, "blockfence_shared_cluster", None)
        if shared is not None:
            clusters.append(shared)
        for index, cluster in enumerate(clusters):
            for process in cluster.processes:
                text = process.log_text()
                if len(text) > LOG_TAIL_BYTES:
                    text = f"[... {len(text) - LOG_TAIL_BYTES} characters left out; all of it is in " \
                           f"{process.log_path}]\n" + text[-LOG_TAIL_BYTES:]
                report.sections.append((f"cluster{index} {process.name} log (pid {process.process.pid})", text))
        for path in getattr(item, "blockfence_extra_logs", []):
            try:
                text = pathlib.Path(path).read_text(errors="replace")[-LOG_TAIL_BYTES:]
            except OSError as error:
                text = f"cannot read: {error}"
            report.sections.append((f"log {path}", text))
