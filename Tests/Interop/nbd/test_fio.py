"""fio's nbd engine (libnbd underneath): random writes verified with crc32c."""

import json

import pytest

import interop
from conftest import Export

MiB = 1 << 20


@pytest.fixture(autouse=True)
def _tools():
    interop.require_tool("fio")
    result = interop.run(["fio", "--enghelp=nbd"], check=False)
    if result.returncode != 0 or "uri" not in result.stdout:
        interop.missing("this fio has no nbd ioengine")


def run_fio(workdir, uri, *options):
    argv = ["fio", "--name=interop", "--ioengine=nbd", "--uri=%s" % uri, "--output-format=json",
            "--output=%s/fio.json" % workdir, "--verify_state_save=0", *options]
    # In the private directory: fio may leave state files in its working directory.
    interop.run(argv, timeout=120, cwd=workdir)
    with open("%s/fio.json" % workdir) as handle:
        return json.load(handle)


@pytest.mark.parametrize("block_size, depth", [("4k", 16), ("64k", 4)])
def test_random_write_then_verify_crc32c(start_server, workdir, transport, block_size, depth):
    server = start_server([Export("disk", size=64 * MiB)], transport=transport)
    report = run_fio(workdir, server.uri("disk"), "--rw=randwrite", "--bs=%s" % block_size,
                     "--iodepth=%d" % depth, "--size=24M", "--verify=crc32c", "--verify_fatal=1",
                     "--do_verify=1", "--randrepeat=0")
    (job,) = report["jobs"]
    assert job["error"] == 0, job
    assert job["write"]["io_bytes"] == 24 * MiB
    # The verify phase read back everything that was written.
    assert job["read"]["io_bytes"] == 24 * MiB, job["read"]


def test_mixed_random_read_write_with_verify(start_server, workdir, transport):
    server = start_server([Export("disk", size=64 * MiB)], transport=transport)
    report = run_fio(workdir, server.uri("disk"), "--rw=randrw", "--rwmixread=50", "--bs=4k", "--iodepth=32",
                     "--size=16M", "--verify=crc32c", "--verify_fatal=1", "--verify_backlog=256",
                     "--runtime=5", "--fsync=64")
    (job,) = report["jobs"]
    assert job["error"] == 0, job
    assert job["write"]["io_bytes"] > 0
