"""One conformance run against one Python protobuf backend, in a process of its own because
the backend is chosen when protobuf is first imported:

    PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python|upb \\
        python conformance_check.py --peer PATH --messages N [--single-entry-maps]

Prints one `key=value` line per check and exits 1 when any check fails.
"""

import argparse
import random
import struct
import subprocess
import sys

import generated_protos
from conformance_samples import Samples


def frame(records):
    return b"".join(struct.pack("<I", len(record)) + record for record in records)


def unframe(data, with_status=False):
    records, position = [], 0
    while position < len(data):
        status = None
        if with_status:
            status = data[position]
            position += 1
        (length,) = struct.unpack_from("<I", data, position)
        position += 4
        record = data[position:position + length]
        records.append((status, record) if with_status else record)
        position += length
    return records


def swift_round_trip(peer, records):
    completed = subprocess.run([peer, "codec-roundtrip"], input=frame(records), capture_output=True, timeout=600,
                               check=True)
    results = unframe(completed.stdout, with_status=True)
    assert len(results) == len(records)
    return results


def has_unknown_fields(protos, record):
    message = protos.conformance_pb2.AllFieldKinds.FromString(record)
    stripped = protos.conformance_pb2.AllFieldKinds()
    stripped.CopyFrom(message)
    stripped.DiscardUnknownFields()
    return len(stripped.SerializeToString(deterministic=True)) != len(record)


def python_to_swift(protos, peer, count, single_entry_maps):
    """Python builds and serializes; Swift must decode and re-encode the same bytes."""
    samples = Samples(protos, seed=20261204, single_entry_maps=single_entry_maps)
    records = [samples.message().SerializeToString(deterministic=True) for _ in range(count)]
    with_unknown = sum(1 for record in records if has_unknown_fields(protos, record))
    results = swift_round_trip(peer, records)
    mismatches = [index for index, (record, (status, output)) in enumerate(zip(records, results))
                  if status != 0 or output != record]
    for index in mismatches[:2]:
        print(f"mismatch={index} python={records[index].hex()} swift={results[index][1].hex()}", file=sys.stderr)
    print(f"check=python-to-swift messages={count} with_unknown_fields={with_unknown} mismatches={len(mismatches)}")
    return not mismatches and with_unknown > count // 5


def swift_to_python(protos, peer, count, single_entry_maps, canonical_nan):
    """Swift builds and encodes; Python must parse and re-serialize the same bytes."""
    command = [peer, "codec-random", "--count", str(count), "--seed", "7"]
    if canonical_nan:
        command.append("--canonical-nan")
    if single_entry_maps:
        command.append("--single-entry-maps")
    completed = subprocess.run(command, capture_output=True, timeout=600, check=True)
    records = unframe(completed.stdout)
    mismatches, with_unknown, compared = [], 0, 0
    for index, record in enumerate(records):
        message = protos.conformance_pb2.AllFieldKinds.FromString(record)
        with_unknown += bool(has_unknown_fields(protos, record))
        if single_entry_maps and has_multiple_entry_map(message):
            continue
        compared += 1
        if message.SerializeToString(deterministic=True) != record:
            mismatches.append(index)
    for index in mismatches[:2]:
        print(f"mismatch={index} swift={records[index].hex()}", file=sys.stderr)
    print(f"check=swift-to-python messages={compared} with_unknown_fields={with_unknown} "
          f"mismatches={len(mismatches)}")
    return len(records) == count and not mismatches and with_unknown > count // 5


def is_repeated(field):
    """protobuf 7 has `is_repeated`; older releases only `label`."""
    if hasattr(field, "is_repeated"):
        return field.is_repeated
    return field.label == field.LABEL_REPEATED


def has_multiple_entry_map(message):
    """Whether a map with two or more entries occurs anywhere in `message`."""
    for field, value in message.ListFields():
        if field.message_type is None:
            continue
        if field.message_type.GetOptions().map_entry:
            if len(value) > 1:
                return True
            entries = value.values()
            if field.message_type.fields_by_name["value"].message_type is None:
                continue
        elif is_repeated(field):
            entries = value
        else:
            entries = [value]
        if any(has_multiple_entry_map(entry) for entry in entries):
            return True
    return False


def corrupted_inputs(protos, peer, count, single_entry_maps):
    """Damaged messages must be accepted by both, with equal re-encodings, or refused by both."""
    samples = Samples(protos, seed=99, single_entry_maps=single_entry_maps)
    generator = random.Random(5)
    originals = [samples.message().SerializeToString(deterministic=True) for _ in range(count)]
    corrupted = [corrupt(generator, original) for original in originals]
    results = swift_round_trip(peer, corrupted)
    disagreements, accepted = [], 0
    for index, (record, (status, output)) in enumerate(zip(corrupted, results)):
        try:
            message = protos.conformance_pb2.AllFieldKinds.FromString(record)
            python = message.SerializeToString(deterministic=True)
        except Exception:
            python = None
        accepted += python is not None
        if python is None:
            agree = status == 1
        elif single_entry_maps and has_multiple_entry_map(message):
            agree = status == 0 and len(output) == len(python)
        else:
            agree = status == 0 and output == python
        if not agree:
            disagreements.append(index)
    for index in disagreements[:2]:
        print(f"disagreement={index} input={corrupted[index].hex()} swift_status={results[index][0]}",
              file=sys.stderr)
    print(f"check=corrupted inputs={count} accepted_by_both={accepted - len(disagreements)} "
          f"refused_by_both={count - accepted} disagreements={len(disagreements)}")
    return not disagreements and 0 < accepted < count


def corrupt(generator, data):
    data = bytearray(data)
    action = generator.randrange(4)
    if action == 0 and data:
        del data[generator.randrange(len(data)):]
    elif action == 1 and data:
        data[generator.randrange(len(data))] ^= 1 << generator.randrange(8)
    elif action == 2:
        data.insert(generator.randint(0, len(data)), generator.randrange(256))
    else:
        for _ in range(3):
            if data:
                data[generator.randrange(len(data))] = generator.randrange(256)
    return bytes(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peer", required=True)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--single-entry-maps", action="store_true")
    arguments = parser.parse_args()
    protos = generated_protos.load_from_environment()
    from google.protobuf.internal import api_implementation

    print(f"backend={api_implementation.Type()}")
    backend = api_implementation.Type()
    passed = [
        python_to_swift(protos, arguments.peer, arguments.messages, arguments.single_entry_maps),
        swift_to_python(protos, arguments.peer, arguments.messages, arguments.single_entry_maps,
                        canonical_nan=backend == "python"),
    ]
    # Which inputs to refuse is judged against upb, the backend grpcio runs on: the pure-Python
    # backend accepts some that upb and this codec refuse, such as field numbers above 2^29 - 1.
    if backend == "upb":
        passed.append(corrupted_inputs(protos, arguments.peer, arguments.messages, arguments.single_entry_maps))
    return 0 if all(passed) else 1


if __name__ == "__main__":
    sys.exit(main())
