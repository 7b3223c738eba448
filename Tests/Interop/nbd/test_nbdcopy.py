"""nbdcopy round trips through blockfence, checked with sha256."""

import hashlib
import json
import os

import pytest

import interop
from conftest import Export

MiB = 1 << 20
KiB = 1 << 10
SIZE = 32 * MiB

# Data islands in an otherwise sparse 32 MiB image; the rest must come back as zeroes.
DATA_RANGES = [(0, 1 * MiB), (3 * MiB + 4 * KiB, 300 * KiB), (10 * MiB, 2 * MiB), (31 * MiB, 1 * MiB)]


@pytest.fixture(autouse=True)
def _tools():
    interop.require_tool("nbdcopy", "nbdinfo")


def nbdcopy(*arguments, timeout=120, **options):
    return interop.run(["nbdcopy", *arguments], timeout=timeout, **options)


def source_image(workdir, name="source.img"):
    return interop.make_sparse_image(os.path.join(workdir, name), SIZE, DATA_RANGES, seed=7)


def test_round_trip_of_sparse_random_image(start_server, workdir, transport):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    source = source_image(workdir)
    nbdcopy("--flush", source, server.uri("disk"))
    copy = os.path.join(workdir, "copy.img")
    nbdcopy(server.uri("disk"), copy)
    assert os.path.getsize(copy) == SIZE
    assert interop.sha256_file(copy) == interop.sha256_file(source)


def test_sparse_areas_stay_holes_on_the_export(start_server, workdir, transport):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    nbdcopy(source_image(workdir), server.uri("disk"))
    entries = json.loads(interop.run(["nbdinfo", "--map", "--json", server.uri("disk")]).stdout)
    holes = [(entry["offset"], entry["length"]) for entry in entries if entry["type"] & 1]
    # The 6 MiB gap between 4 MiB and 10 MiB held nothing in the source.
    covered = sum(max(0, min(offset + length, 10 * MiB) - max(offset, 4 * MiB)) for offset, length in holes)
    assert covered == 6 * MiB, entries


def test_whole_export_out_and_back(start_server, workdir, transport, nbd_module):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    source = source_image(workdir)
    nbdcopy(source, server.uri("disk"))

    saved = os.path.join(workdir, "saved.img")
    nbdcopy(server.uri("disk"), saved)
    assert interop.sha256_file(saved) == interop.sha256_file(source)

    # Wipe the export, prove it is blank, then restore it from the saved copy.
    handle = server.nbd_handle("disk")
    try:
        for offset in range(0, SIZE, 8 * MiB):
            handle.zero(8 * MiB, offset)
        handle.flush()
        assert handle.pread(1 * MiB, 0) == bytes(1 * MiB)
    finally:
        handle.shutdown()
    blank = os.path.join(workdir, "blank.img")
    nbdcopy(server.uri("disk"), blank)
    assert interop.sha256_file(blank) == hashlib.sha256(bytes(SIZE)).hexdigest()

    nbdcopy("--flush", saved, server.uri("disk"))
    restored = os.path.join(workdir, "restored.img")
    nbdcopy(server.uri("disk"), restored)
    assert interop.sha256_file(restored) == interop.sha256_file(source)


def test_dense_random_data_with_many_connections(start_server, workdir, transport):
    server = start_server([Export("disk", size=SIZE)], transport=transport)
    source = os.path.join(workdir, "dense.img")
    with open(source, "wb") as handle:
        handle.write(os.urandom(SIZE))
    # Several connections and many requests in flight on each.
    nbdcopy("--connections=4", "--requests=32", "--request-size=262144", source, server.uri("disk"))
    copy = os.path.join(workdir, "dense-copy.img")
    nbdcopy("--connections=4", "--requests=32", server.uri("disk"), copy)
    assert interop.sha256_file(copy) == interop.sha256_file(source)


def test_export_to_export_copy(start_server, workdir, transport):
    server = start_server([Export("one", size=SIZE), Export("two", size=SIZE)], transport=transport)
    source = source_image(workdir)
    nbdcopy(source, server.uri("one"))
    nbdcopy("--flush", server.uri("one"), server.uri("two"))
    copy = os.path.join(workdir, "copy-of-two.img")
    nbdcopy(server.uri("two"), copy)
    assert interop.sha256_file(copy) == interop.sha256_file(source)


def test_pipe_in_and_out(start_server, workdir, transport):
    server = start_server([Export("disk", size=4 * MiB)], transport=transport)
    data = os.urandom(4 * MiB)
    nbdcopy("-", server.uri("disk"), input=data, binary=True)
    result = nbdcopy(server.uri("disk"), "-", binary=True)
    assert hashlib.sha256(result.stdout).hexdigest() == hashlib.sha256(data).hexdigest()
