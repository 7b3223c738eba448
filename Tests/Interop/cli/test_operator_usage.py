"""Command lines the operator commands refuse before sending anything, and the help they give.

Every refusal exits 2, names the problem on stderr with a pointer to the right --help, prints
nothing on stdout, and leaves the control core untouched.
"""

import re
import subprocess

import pytest

from cli_support import Result, assert_usage_error, check_clean

LONG_NAME = "a" * 129

# (arguments, text the message must contain, the command whose --help the hint names)
REFUSED = [
    # Volume names, as the control API defines them.
    (["volume", "create", "PG", "--size", "1GiB"], ["volume name 'PG' contains 'P'"], "volume create"),
    (["volume", "create", "pg data", "--size", "1GiB"], ["contains a space"], "volume create"),
    (["volume", "create", "bücher", "--size", "1GiB"], ["contains 'ü'"], "volume create"),
    (["volume", "create", "pg/data", "--size", "1GiB"], ["contains '/'"], "volume create"),
    (["volume", "create", ".hidden", "--size", "1GiB"], ["must start with a lower-case letter or a digit"],
     "volume create"),
    (["volume", "create", "--size", "1GiB", "--", "-data"], ["must start with a lower-case letter or a digit"],
     "volume create"),
    (["volume", "create", LONG_NAME, "--size", "1GiB"], ["129 characters long; at most 128"], "volume create"),
    (["volume", "create", "", "--size", "1GiB"], ["a volume name is required"], "volume create"),
    # Sizes.
    (["volume", "create", "a", "--size", "512KiB"], ["below the smallest volume size, 1 MiB"], "volume create"),
    (["volume", "create", "a", "--size", "1049000"], ["not a multiple of 4096 bytes; 1052672 would be"],
     "volume create"),
    (["volume", "create", "a", "--size", "abc"], ["--size: 'abc' is not a size"], "volume create"),
    (["volume", "create", "a", "--size", "-5"], ["--size: '-5' is not a size"], "volume create"),
    (["volume", "create", "a", "--size", "12QB"], ["unknown size unit 'qb'"], "volume create"),
    (["volume", "create", "a", "--size", "20000PiB"], ["does not fit in 64 bits"], "volume create"),
    (["volume", "create", "a", "--size", ""], ["--size: a size is required"], "volume create"),
    (["volume", "create", "a", "--size"], ["--size needs a value"], "volume create"),
    (["volume", "create", "a"], ["--size is required"], "volume create"),
    (["volume", "create", "a", "--size", "1GiB", "--size", "2GiB"], ["--size was given 2 times"], "volume create"),
    # Replicas and parameters.
    (["volume", "create", "a", "--size", "1GiB", "--replicas", "0"], ["--replicas must be 1, 2 or 3; got '0'"],
     "volume create"),
    (["volume", "create", "a", "--size", "1GiB", "--replicas", "4"], ["got '4'"], "volume create"),
    (["volume", "create", "a", "--size", "1GiB", "--replicas", "two"], ["got 'two'"], "volume create"),
    (["volume", "create", "a", "--size", "1GiB", "--param", "novalue"], ["--param needs KEY=VALUE; got 'novalue'"],
     "volume create"),
    (["volume", "create", "a", "--size", "1GiB", "--param", "=x"], ["--param needs a KEY"], "volume create"),
    (["volume", "create", "a", "--size", "1GiB", "--param", "k=1", "--param", "k=2"], ["--param k is given twice"],
     "volume create"),
    # Operands and options.
    (["volume", "create", "--size", "1GiB"], ["NAME is missing"], "volume create"),
    (["volume", "create", "a", "b", "--size", "1GiB"], ["unexpected argument 'b'"], "volume create"),
    (["volume", "create", "a", "--size", "1GiB", "--bogus"], ["unknown option --bogus"], "volume create"),
    (["volume", "create", "--bogus"], ["unknown option --bogus"], "volume create"),
    (["volume", "create", "a", "--size", "1GiB", "--to", "n"], ["unknown option --to"], "volume create"),
    (["volume", "list", "extra"], ["unexpected argument 'extra'"], "volume list"),
    (["volume", "list", "--force"], ["unknown option --force"], "volume list"),
    (["volume", "inspect"], ["NAME is missing"], "volume inspect"),
    (["volume", "inspect", "a b"], ["'a b' is not a volume name or id: it contains a space"], "volume inspect"),
    (["volume", "inspect", "a", "b"], ["unexpected argument 'b'"], "volume inspect"),
    (["volume", "expand", "a"], ["--size is required"], "volume expand"),
    (["volume", "expand", "a", "--size", "100"], ["below the smallest volume size"], "volume expand"),
    (["volume", "expand", "--size", "2GiB"], ["NAME is missing"], "volume expand"),
    (["volume", "attach", "a"], ["--node is required"], "volume attach"),
    (["volume", "attach", "a", "--node", ""], ["--node needs a node name"], "volume attach"),
    (["volume", "attach", "a", "--node", "w 1"], ["'w 1' is not a node name"], "volume attach"),
    (["volume", "attach", "a", "--node", "w1", "--read-only=yes"], ["--read-only takes no value"], "volume attach"),
    (["volume", "attach", "a", "--node", "w1", "--node", "w2"], ["--node was given 2 times"], "volume attach"),
    (["volume", "detach", "a"], ["--node is required"], "volume detach"),
    (["volume", "delete"], ["NAME is missing"], "volume delete"),
    (["volume", "delete", "a", "--force=yes"], ["--force takes no value"], "volume delete"),
    (["volume", "frob"], ["unknown volume command 'frob'"], "volume"),
    (["node", "frob"], ["unknown node command 'frob'"], "node"),
    (["node", "list", "extra"], ["unexpected argument 'extra'"], "node list"),
    (["failover"], ["VOLUME is missing"], "failover"),
    (["failover", "a", "--to"], ["--to needs a value"], "failover"),
    (["failover", "a", "--to", ""], ["--to needs a node name"], "failover"),
    (["status", "extra"], ["unexpected argument 'extra'"], "status"),
    (["status", "--verbose"], ["unknown option --verbose"], "status"),
    # Common options.
    (["status", "--output", "yaml"], ["--output must be table or json; got 'yaml'"], "status"),
    (["status", "--output"], ["--output needs a value"], "status"),
    (["status", "--timeout", "0"], ["--timeout must be a number of seconds above 0 and at most 3600; got '0'"],
     "status"),
    (["status", "--timeout", "abc"], ["got 'abc'"], "status"),
    (["status", "--timeout", "3601"], ["got '3601'"], "status"),
    (["volume", "list", "--timeout", "-1"], ["got '-1'"], "volume list"),
]


@pytest.mark.parametrize("arguments, needles, command", REFUSED, ids=[" ".join(a)[:60] for a, _, _ in REFUSED])
def test_refused_before_anything_is_sent(run_cli, fake_control, arguments, needles, command):
    result = run_cli(*arguments)
    assert_usage_error(result, *needles)
    assert result.error_lines[-1] == f"Run 'blockfence {command} --help' for usage.", result
    assert fake_control.methods_called() == [], "a refused command reached the control core"


BAD_ADDRESSES = [
    ("", "an address is required"),
    ("nohost", "has no port"),
    ("127.0.0.1:99999", "not a port number"),
    ("127.0.0.1:port", "not a port number"),
    ("unix:", "needs a path"),
    ("[::1", "has no port"),
]


@pytest.mark.parametrize("address, needle", BAD_ADDRESSES, ids=[address or "empty" for address, _ in BAD_ADDRESSES])
def test_bad_control_addresses_are_usage_errors(run_cli, fake_control, address, needle):
    result = run_cli("status", control=address)
    assert_usage_error(result, f"--control '{address}' is not a control core address", needle)
    assert fake_control.methods_called() == []


def test_a_bad_address_in_the_environment_is_blamed_on_the_environment(run_cli):
    result = run_cli("volume", "list", control=None, environment={"BLOCKFENCE_CONTROL": "nowhere"})
    assert_usage_error(result, "BLOCKFENCE_CONTROL 'nowhere' is not a control core address")


def test_a_group_without_a_command_prints_its_help_and_exits_2(run_cli):
    for group in ["volume", "node"]:
        result = run_cli(group, control=None)
        assert result.returncode == 2, result
        assert result.stdout.startswith(f"Usage: blockfence {group} COMMAND"), result


def test_options_may_come_before_the_command_word(run_cli, fake_control):
    result = run_cli("volume", "--output=json", "list")
    assert result.returncode == 0, result
    assert "volumes" in result.json()


# Help.

HELP_PATHS = [
    "volume", "volume create", "volume list", "volume inspect", "volume expand", "volume attach", "volume detach",
    "volume delete", "node", "node list", "failover", "status",
]


def help_text(blockfence_bin, *words):
    completed = subprocess.run([blockfence_bin, *words], capture_output=True, text=True, timeout=30)
    result = Result([blockfence_bin, *words], completed)
    check_clean(result)
    assert result.returncode == 0, result
    return result.stdout


@pytest.mark.parametrize("path", HELP_PATHS)
def test_every_command_has_help(blockfence_bin, path):
    words = path.split()
    text = help_text(blockfence_bin, *words, "--help")
    assert text.startswith(f"Usage: blockfence {path} "), text
    assert help_text(blockfence_bin, *words, "-h") == text
    assert help_text(blockfence_bin, "help", *words) == text
    for option in ["--control ADDR", "--output FORMAT", "--timeout SECONDS", "-h, --help", "BLOCKFENCE_CONTROL",
                   "127.0.0.1:7400", "docs/cli.md"]:
        assert option in text, f"{option!r} missing from the help of {path}"
    assert "Exit status: 0 done; 1 the operation failed; 2 usage error" in text
    assert "\nExamples:\n  blockfence " in text
    assert max(len(line) for line in text.splitlines()) <= 100, "help lines should fit a terminal"


def test_help_wins_over_other_mistakes(blockfence_bin):
    assert help_text(blockfence_bin, "volume", "create", "BAD NAME", "--help").startswith(
        "Usage: blockfence volume create")
    assert help_text(blockfence_bin, "volume", "frob", "--help").startswith("Usage: blockfence volume COMMAND")


def test_the_top_level_help_lists_the_operator_commands(blockfence_bin):
    text = help_text(blockfence_bin, "--help")
    for command in ["volume", "node", "failover", "status"]:
        assert re.search(rf"^  {command} +\S", text, re.MULTILINE), f"{command} missing:\n{text}"


def examples(text):
    """The command lines of a help's Examples section."""
    section = text.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in section.splitlines() if line.strip()]


@pytest.mark.parametrize("path", HELP_PATHS)
def test_every_example_in_the_help_runs(blockfence_bin, run_cli, fake_control, path):
    lines = examples(help_text(blockfence_bin, *path.split(), "--help"))
    assert lines, f"the help of {path} has no examples"
    for line in lines:
        words = line.split()
        # An example may set the address in the environment; --control, given here, overrides it.
        while "=" in words[0]:
            words.pop(0)
        assert words[0] == "blockfence", line
        control = "tcp"
        if "--control" in words:
            # The example's own address, on a Unix socket, becomes the fake's.
            words[words.index("--control") + 1] = fake_control.addresses["unix"]
            control = None
        result = run_cli(*words[1:], control=control)
        assert result.returncode == 0, f"example {line!r} failed:\n{result}"


# (command, arguments) whose JSON output's every field name must appear in the command's help.
JSON_COMMANDS = [
    ("volume create", ["pg-data", "--size", "10GiB"]),
    ("volume list", []),
    ("volume inspect", ["pg-data"]),
    ("volume expand", ["pg-data", "--size", "20GiB"]),
    ("volume attach", ["pg-data", "--node", "w1"]),
    ("volume detach", ["pg-data", "--node", "w1"]),
    ("volume delete", ["pg-data"]),
    ("node list", []),
    ("failover", ["pg-data"]),
    ("status", []),
]


def field_names(value, inside=None):
    """Every object key of a JSON document, leaving out the keys of `parameters`, which are data."""
    names = set()
    if isinstance(value, dict):
        for key, child in value.items():
            if inside != "parameters":
                names.add(key)
            names |= field_names(child, key)
    elif isinstance(value, list):
        for child in value:
            names |= field_names(child, inside)
    return names


@pytest.mark.parametrize("path, arguments", JSON_COMMANDS, ids=[path for path, _ in JSON_COMMANDS])
def test_every_json_field_is_named_in_the_help(blockfence_bin, run_cli, path, arguments):
    document = run_cli(*path.split(), *arguments, "--output", "json").json()
    text = help_text(blockfence_bin, *path.split(), "--help")
    undocumented = [name for name in sorted(field_names(document)) if not re.search(rf"\b{name}\b", text)]
    assert undocumented == [], f"the help of {path} does not name {undocumented}"
