"""qemu-io and qemu-img against blockfence."""

import json
import os

import pytest

import interop
from conftest import Export

MiB = 1 << 20
KiB = 1 << 10
SIZE = 32 * MiB


@pytest.fixture(autouse=True)
def _tools():
    interop.require_tool("qemu-io", "qemu-img")


def qemu_io(uri, *commands, check=True):
    argv = ["qemu-io", "-f", "raw"]
    for command in commands:
        argv += ["-c", command]
    result = interop.run(argv + [uri], timeout=120, check=check)
    output = result.stdout + result.stderr
    if check:
        assert "Pattern verification failed" not in output, output
        assert "error" not in output.lower() and "failed" not in output.lower(), output
    return result


def test_qemu_io_pattern_writes_and_verified_reads(start_server, transport):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    uri = server.uri("disk")
    qemu_io(uri,
            "write -P 0xab 0 1M",
            "write -P 0xcd 1M 512k",
            "write -P 0x11 4095 3",
            "aio_write -P 0x22 8M 256k",
            "aio_flush",
            "write -z 16M 1M",
            "write -P 0x33 31M 1M",
            "flush")
    # A second process reads what the first wrote.
    qemu_io(uri,
            "read -P 0xab 0 4095",
            "read -P 0x11 4095 3",
            "read -P 0xab 4098 1044478",
            "read -P 0xcd 1M 512k",
            "read -P 0x22 8M 256k",
            "read -P 0x00 16M 1M",
            "read -P 0x00 20M 1M",
            "read -P 0x33 31M 1M")
    # And a wrong expectation is noticed, so the checks above mean something.
    result = qemu_io(uri, "read -P 0xee 0 4k", check=False)
    assert "Pattern verification failed" in result.stdout + result.stderr


def test_qemu_io_discard_and_fua(start_server, transport):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    uri = server.uri("disk")
    qemu_io(uri, "write -P 0x5a -f 0 2M", "discard 512k 1M", "write -P 0x5a -f 512k 64k", "flush")
    qemu_io(uri, "read -P 0x5a 0 512k", "read -P 0x5a 512k 64k", "read -P 0x5a 1536k 512k")


def test_qemu_img_info(start_server, transport):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    info = json.loads(interop.run(["qemu-img", "info", "--output=json", server.uri("disk")]).stdout)
    assert info["virtual-size"] == SIZE
    assert info["format"] == "raw"


def test_qemu_img_convert_in_and_out_with_compare(start_server, workdir, transport):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    uri = server.uri("disk")
    source = interop.make_sparse_image(
        os.path.join(workdir, "source.img"), SIZE,
        [(0, 2 * MiB), (5 * MiB + 512, 100 * KiB), (17 * MiB, 3 * MiB), (SIZE - 64 * KiB, 64 * KiB)], seed=3)

    # In: -n because the NBD target already exists and cannot be created.
    interop.run(["qemu-img", "convert", "-n", "-f", "raw", "-O", "raw", source, uri], timeout=120)
    interop.run(["qemu-img", "compare", "-f", "raw", "-F", "raw", source, uri], timeout=120)

    # Out, to raw and to qcow2.
    raw_copy = os.path.join(workdir, "out.img")
    interop.run(["qemu-img", "convert", "-f", "raw", "-O", "raw", uri, raw_copy], timeout=120)
    assert interop.sha256_file(raw_copy) == interop.sha256_file(source)
    qcow2_copy = os.path.join(workdir, "out.qcow2")
    interop.run(["qemu-img", "convert", "-f", "raw", "-O", "qcow2", uri, qcow2_copy], timeout=120)
    interop.run(["qemu-img", "compare", "-f", "qcow2", "-F", "raw", qcow2_copy, uri], timeout=120)

    # A difference must be reported, or the comparisons above prove nothing.
    qemu_io(uri, "write -P 0x77 18M 4k")
    result = interop.run(["qemu-img", "compare", "-f", "raw", "-F", "raw", source, uri], check=False)
    assert result.returncode == 1, result.stdout + result.stderr


def test_qemu_img_convert_from_qcow2_into_export(start_server, workdir, transport):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    qcow2 = os.path.join(workdir, "image.qcow2")
    interop.run(["qemu-img", "create", "-f", "qcow2", qcow2, str(SIZE)])
    qemu_io_file = ["qemu-io", "-f", "qcow2", "-c", "write -P 0x42 3M 2M", "-c", "write -P 0x43 30M 1M", qcow2]
    interop.run(qemu_io_file)
    interop.run(["qemu-img", "convert", "-n", "-f", "qcow2", "-O", "raw", qcow2, server.uri("disk")], timeout=120)
    interop.run(["qemu-img", "compare", "-f", "qcow2", "-F", "raw", qcow2, server.uri("disk")], timeout=120)
    qemu_io(server.uri("disk"), "read -P 0x42 3M 2M", "read -P 0x43 30M 1M", "read -P 0 0 3M")
