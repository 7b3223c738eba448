"""docs/cli.md promises the JSON field names; its examples must have the fields the commands print."""

import json
import pathlib
import re

import pytest

DOCUMENT = pathlib.Path(__file__).resolve().parents[3] / "docs" / "cli.md"


def json_examples():
    """(command words, parsed JSON) for every `$ blockfence … --output json` example."""
    examples = []
    for block in re.findall(r"^```\n(.*?)^```", DOCUMENT.read_text(), re.MULTILINE | re.DOTALL):
        for command, output in re.findall(r"^\$ blockfence (.*?)\n(.*?)(?=^\$ |\Z)", block, re.MULTILINE | re.DOTALL):
            if command.endswith("--output json"):
                examples.append((command.split(), json.loads(output)))
    return examples


def key_paths(value, path=""):
    """Every key of a document as a dotted path, list elements as `[]`, leaving out the keys of
    `parameters`, which are data rather than fields."""
    paths = set()
    if isinstance(value, dict):
        for key, child in value.items():
            if path.endswith("parameters"):
                continue
            paths.add(f"{path}.{key}")
            paths |= key_paths(child, f"{path}.{key}")
    elif isinstance(value, list):
        for child in value:
            paths |= key_paths(child, f"{path}[]")
    return paths


EXAMPLES = json_examples()


def test_every_command_has_a_json_example():
    documented = {" ".join(words[:2]) if words[0] in ("volume", "node") else words[0] for words, _ in EXAMPLES}
    assert documented == {
        "volume create", "volume list", "volume inspect", "volume expand", "volume attach", "volume detach",
        "volume delete", "node list", "failover", "status",
    }


@pytest.mark.parametrize("words, documented", EXAMPLES, ids=[" ".join(words) for words, _ in EXAMPLES])
def test_the_example_has_the_fields_the_command_prints(run_cli, words, documented):
    printed = run_cli(*words).json()
    assert key_paths(documented) == key_paths(printed)
