"""nbdinfo against blockfence: sizes, the export list, block sizes, flags and the allocation map."""

import json
import os

import pytest

import interop
from conftest import Export

MiB = 1 << 20
KiB = 1 << 10


@pytest.fixture(autouse=True)
def _tools():
    interop.require_tool("nbdinfo")


def nbdinfo(*arguments, timeout=30):
    return interop.run(["nbdinfo", *arguments], timeout=timeout)


def nbdinfo_json(*arguments):
    return json.loads(nbdinfo("--json", *arguments).stdout)


def make_file(path, size):
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def test_size_of_export(start_server, transport):
    server = start_server([Export("disk", size="48MiB")], transport=transport)
    assert nbdinfo("--size", server.uri("disk")).stdout.strip() == str(48 * MiB)


def test_writable_export_advertises_every_write_feature(start_server, transport):
    server = start_server([Export("disk", size="64MiB", description="scratch disk")], transport=transport)
    info = nbdinfo_json(server.uri("disk"))
    assert info["protocol"] == "newstyle-fixed"
    assert info["structured"] is True
    (export,) = info["exports"]
    assert export["export-name"] == "disk"
    assert export["export-size"] == 64 * MiB
    assert export["description"] == "scratch disk"
    assert export["is_read_only"] is False
    for flag in ("can_flush", "can_fua", "can_trim", "can_zero", "can_fast_zero", "can_multi_conn",
                 "can_cache", "can_df"):
        assert export[flag] is True, "%s should be advertised: %s" % (flag, export)
    assert "base:allocation" in export["contexts"]


def test_read_only_export_advertises_no_write_feature(start_server, workdir, transport):
    path = make_file(os.path.join(workdir, "ro.img"), 16 * MiB)
    server = start_server([Export("ro", path=path, read_only=True)], transport=transport)
    (export,) = nbdinfo_json(server.uri("ro"))["exports"]
    assert export["export-size"] == 16 * MiB
    assert export["is_read_only"] is True
    # FUA, trim and zeroing write; a read-only export must not offer them.
    for flag in ("can_fua", "can_trim", "can_zero", "can_fast_zero"):
        assert export[flag] is False, "%s must not be advertised on a read-only export: %s" % (flag, export)
    assert export["can_multi_conn"] is True
    assert export["can_cache"] is True
    result = interop.run(["nbdinfo", "--can", "write", server.uri("ro")], check=False)
    assert result.returncode != 0, "nbdinfo --can write succeeded on a read-only export"
    interop.run(["nbdinfo", "--is", "read-only", server.uri("ro")])


def test_block_size_constraints(start_server, transport):
    server = start_server(["disk"], transport=transport)
    (export,) = nbdinfo_json(server.uri("disk"))["exports"]
    assert export["block_size_minimum"] == 1
    assert export["block_size_preferred"] == 4096
    assert export["block_size_maximum"] == 32 * MiB


def test_block_sizes_through_libnbd(start_server, transport, nbd_module):
    nbd = nbd_module
    server = start_server(["disk"], transport=transport)
    handle = server.nbd_handle("disk")
    try:
        assert handle.get_block_size(nbd.SIZE_MINIMUM) == 1
        assert handle.get_block_size(nbd.SIZE_PREFERRED) == 4096
        assert handle.get_block_size(nbd.SIZE_MAXIMUM) == 32 * MiB
    finally:
        handle.shutdown()


def test_list_shows_every_export_with_its_description(start_server, workdir, transport):
    ro_path = make_file(os.path.join(workdir, "iso.img"), 4 * MiB)
    exports = [
        Export("alpha", size="8MiB", description="first volume"),
        Export("beta", size="16MiB", description="second volume, with commas"),
        Export("gamma", size="1MiB"),
        Export("iso", path=ro_path, read_only=True, description="read-only media \u00e9t\u00e9"),
    ]
    server = start_server(exports, transport=transport)
    listing = nbdinfo_json("--list", server.uri(""))
    by_name = {export["export-name"]: export for export in listing["exports"]}
    assert [export["export-name"] for export in listing["exports"]] == ["alpha", "beta", "gamma", "iso"]
    assert by_name["alpha"]["description"] == "first volume"
    assert by_name["beta"]["description"] == "second volume, with commas"
    assert by_name["iso"]["description"] == "read-only media \u00e9t\u00e9"
    assert "description" not in by_name["gamma"] or by_name["gamma"]["description"] == ""
    assert by_name["alpha"]["export-size"] == 8 * MiB
    assert by_name["beta"]["export-size"] == 16 * MiB
    assert by_name["gamma"]["export-size"] == 1 * MiB
    assert by_name["iso"]["is_read_only"] is True
    assert by_name["alpha"]["is_read_only"] is False

    text = nbdinfo("--list", server.uri("")).stdout
    for name in ("alpha", "beta", "gamma", "iso"):
        assert 'export="%s"' % name in text


def test_default_export_is_the_first(start_server, transport):
    server = start_server([Export("first", size="2MiB"), Export("second", size="3MiB")], transport=transport)
    assert nbdinfo("--size", server.uri("")).stdout.strip() == str(2 * MiB)
    assert nbdinfo("--size", server.uri("second")).stdout.strip() == str(3 * MiB)


def test_unknown_export_is_refused(start_server, transport):
    server = start_server(["disk"], transport=transport)
    result = interop.run(["nbdinfo", server.uri("nonexistent")], check=False)
    assert result.returncode != 0
    assert "nonexistent" in interop.text(result.stderr) or "unknown" in interop.text(result.stderr).lower()
    server.assert_healthy()


def merged_map(entries):
    """Joins neighbouring extents of the same type: servers may split them anywhere."""
    merged = []
    for entry in entries:
        if merged and merged[-1][2] == entry["type"] and merged[-1][0] + merged[-1][1] == entry["offset"]:
            merged[-1][1] += entry["length"]
        else:
            merged.append([entry["offset"], entry["length"], entry["type"]])
    return [tuple(item) for item in merged]


def test_map_shows_holes_and_data_after_trim(start_server, transport, nbd_module):
    server = start_server([Export("disk", size="16MiB")], transport=transport)
    handle = server.nbd_handle("disk")
    try:
        first = os.urandom(1 * MiB)
        handle.pwrite(first, 0)
        handle.pwrite(os.urandom(1 * MiB), 8 * MiB)
        handle.trim(256 * KiB, 256 * KiB)
        handle.flush()
        # What was written and not trimmed still reads back as written.
        assert handle.pread(256 * KiB, 0) == first[:256 * KiB]
        assert handle.pread(512 * KiB, 512 * KiB) == first[512 * KiB:]
    finally:
        handle.shutdown()

    entries = json.loads(nbdinfo("--map", "--json", server.uri("disk")).stdout)
    assert sum(entry["length"] for entry in entries) == 16 * MiB
    data, hole = 0, 3  # hole|zero
    assert merged_map(entries) == [
        (0, 256 * KiB, data),
        (256 * KiB, 256 * KiB, hole),
        (512 * KiB, 512 * KiB, data),
        (1 * MiB, 7 * MiB, hole),
        (8 * MiB, 1 * MiB, data),
        (9 * MiB, 7 * MiB, hole),
    ], entries


def test_map_of_fresh_export_is_one_hole(start_server, transport):
    server = start_server([Export("disk", size="32MiB")], transport=transport)
    entries = json.loads(nbdinfo("--map", "--json", server.uri("disk")).stdout)
    assert merged_map(entries) == [(0, 32 * MiB, 3)]


def test_without_structured_replies_nbdinfo_still_works(start_server, transport):
    server = start_server(["disk"], transport=transport, options=["--no-structured-replies"])
    info = nbdinfo_json(server.uri("disk"))
    assert info["structured"] is False
    (export,) = info["exports"]
    assert export["export-size"] == 64 * MiB
    # DF only exists with structured replies; the server must leave it clear.
    assert export["can_df"] is False
    assert export["can_fua"] is True


def test_per_export_options_follow_their_export(start_server, workdir, transport):
    """--size, --read-only and --description given before any --export apply to every export;
    given after one, they apply to that export alone."""
    existing = make_file(os.path.join(workdir, "existing.img"), 5 * MiB)
    server = start_server(
        [Export("a"), Export("b", size="3MiB", description="own description"),
         Export("c", path=existing, size="5MiB", read_only=True)],
        transport=transport, leading=["--size", "2MiB", "--description", "shared description"])
    listing = {export["export-name"]: export for export in nbdinfo_json("--list", server.uri(""))["exports"]}
    assert listing["a"]["export-size"] == 2 * MiB
    assert listing["b"]["export-size"] == 3 * MiB
    assert listing["c"]["export-size"] == 5 * MiB
    assert listing["a"]["description"] == "shared description"
    assert listing["b"]["description"] == "own description"
    assert listing["c"]["description"] == "shared description"
    assert listing["c"]["is_read_only"] is True
    assert listing["a"]["is_read_only"] is False and listing["b"]["is_read_only"] is False


def test_leading_read_only_applies_to_every_export(start_server, workdir, transport):
    first = make_file(os.path.join(workdir, "first.img"), 1 * MiB)
    second = make_file(os.path.join(workdir, "second.img"), 2 * MiB)
    server = start_server([Export("first", path=first), Export("second", path=second)],
                          transport=transport, leading=["--read-only"])
    listing = nbdinfo_json("--list", server.uri(""))["exports"]
    assert [export["is_read_only"] for export in listing] == [True, True]
