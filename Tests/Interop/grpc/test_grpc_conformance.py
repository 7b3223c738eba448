"""Byte-for-byte agreement between the Swift codec and Google's Python protobuf.

Thousands of random `AllFieldKinds` messages, unknown fields included, go each way: Python builds
and serializes them deterministically and Swift must decode and re-encode the same bytes; Swift
builds them and Python must parse and re-serialize the same bytes. Corrupted inputs must be
accepted or refused by both alike.
"""

import os
import subprocess
import sys

import pytest

from interop_support import HERE
from conformance_check import swift_round_trip
from conformance_samples import varint

MESSAGES = int(os.environ.get("CONFORMANCE_MESSAGES", "5000"))


@pytest.mark.parametrize(
    "backend, single_entry_maps",
    [("python", False), ("upb", True)],
    ids=["pure-python-backend", "upb-backend"],
)
def test_random_messages_are_byte_identical_both_ways(protos, peer_binary, backend, single_entry_maps):
    """Against the pure-Python backend every message compares byte for byte. The upb backend
    writes deterministic map entries in another order (descending for integer keys), so there
    maps hold one entry each and everything else still compares byte for byte."""
    environment = dict(os.environ, PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=backend, PYTHONPATH=str(HERE))
    command = [sys.executable, str(HERE / "conformance_check.py"), "--peer", peer_binary, "--messages",
               str(MESSAGES)]
    if single_entry_maps:
        command.append("--single-entry-maps")
    completed = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=900)
    print(completed.stdout)
    assert f"backend={backend}" in completed.stdout
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize(
    "name, data",
    [
        ("truncated varint", b"\x08\xff"),
        ("length beyond the end", b"\x4a\x05ab"),
        ("wire type 7", b"\x0f"),
        ("field number zero", b"\x00\x01"),
        ("end group without start", b"\x0c"),
        ("unterminated group", b"\xcb\x3e\x08\x01"),
        ("invalid UTF-8 in a string", b"\x4a\x02\xc3\x28"),
        ("eleven-byte varint", b"\x08" + b"\xff" * 10 + b"\x01"),
        ("packed fixed32 of five bytes", b"\xaa\x02\x05\x01\x02\x03\x04\x05"),
    ],
)
def test_malformed_input_is_refused_by_both(protos, peer_binary, name, data):
    with pytest.raises(Exception):
        protos.conformance_pb2.AllFieldKinds.FromString(data)
    [(status, _)] = swift_round_trip(peer_binary, [data])
    assert status == 1, name


def test_groups_in_unknown_fields_are_kept_as_python_keeps_them(protos, peer_binary):
    group = b"\xc3\x3e" + b"\x08\x05" + b"\xc4\x3e"  # field 1000, start group; varint; end group
    data = b"\x28\x07" + group
    python = protos.conformance_pb2.AllFieldKinds.FromString(data).SerializeToString(deterministic=True)
    [(status, output)] = swift_round_trip(peer_binary, [data])
    assert status == 0
    assert output == python == data


def test_deep_nesting_is_refused_past_the_limit(protos, peer_binary):
    def nested(levels):
        data = b""
        for _ in range(levels):
            inner = b"\x1a" + encode_varint(len(data)) + data  # Nested.recursive
            data = b"\x92\x01" + encode_varint(len(inner)) + inner  # AllFieldKinds.nested
        return data

    [(shallow, _), (deep, message)] = swift_round_trip(peer_binary, [nested(40), nested(60)])
    assert shallow == 0
    assert deep == 1 and b"deeper" in message


def encode_varint(value):
    return varint(value)
