"""Bad command lines: exit 2 for usage mistakes, 1 for runtime failures, a message that names the
problem, and never a crash or a server left running."""

import os
import socket

import pytest

import interop

MiB = 1 << 20


def run_blockfence(binary, arguments, timeout=15):
    return interop.run([binary, *arguments], timeout=timeout, check=False)


def short(text, lines=12):
    kept = text.splitlines()
    return "\n".join(kept[:lines] + (["... (%d more lines)" % (len(kept) - lines)] if len(kept) > lines else []))


def assert_clean_failure(result, status, *needles):
    output = "exit %s\nstdout:\n%s\nstderr:\n%s" % (result.returncode, short(result.stdout), short(result.stderr))
    assert not any(marker in result.stdout + result.stderr for marker in interop.CRASH_MARKERS), (
        "blockfence crashed:\n" + output)
    assert result.returncode >= 0, "killed by signal %d:\n%s" % (-result.returncode, output)
    assert result.returncode == status, output
    # Log lines may come first; the error itself is the line starting "blockfence: ".
    lines = result.stderr.splitlines()
    starts = [index for index, line in enumerate(lines) if line.startswith("blockfence: ")]
    assert starts, "no 'blockfence: ...' error line on stderr:\n" + output
    message = "\n".join(lines[starts[0]:])
    for needle in needles:
        assert needle in message, "%r missing from the message:\n%s" % (needle, output)


# (arguments after "nbd" with X standing for a fresh file path, text the message must contain)
USAGE_ERRORS = {
    "size with unknown unit": (["--export", "a=X", "--size", "12QB"], ["--size", "QB".lower()]),
    "size not a number": (["--export", "a=X", "--size", "abc"], ["--size"]),
    "negative size": (["--export", "a=X", "--size", "-5"], ["--size"]),
    "fractional bytes": (["--export", "a=X", "--size", "1.3B"], ["--size"]),
    "size beyond 64 bits": (["--export", "a=X", "--size", "20000000T"], ["--size"]),
    "size without value": (["--export", "a=X", "--size"], ["--size"]),
    "size given twice": (["--export", "a=X", "--size", "1M", "--size", "2M"], ["--size"]),
    "export without equals": (["--export", "a"], ["--export"]),
    "export without name": (["--export", "=X", "--size", "1M"], ["--export"]),
    "export without path": (["--export", "a=", "--size", "1M"], ["--export"]),
    "export given twice": (["--export", "a=X", "--size", "1M", "--export", "a=X"], ["twice"]),
    "no export": ([], ["--export"]),
    "listen without port": (["--export", "a=X", "--size", "1M", "--listen", "nohost"], ["--listen"]),
    "listen port too large": (["--export", "a=X", "--size", "1M", "--listen", "127.0.0.1:99999"], ["--listen"]),
    "listen port not a number": (["--export", "a=X", "--size", "1M", "--listen", "127.0.0.1:abc"], ["--listen"]),
    "listen empty": (["--export", "a=X", "--size", "1M", "--listen", ""], ["--listen"]),
    "listen unix without path": (["--export", "a=X", "--size", "1M", "--listen", "unix:"], ["--listen"]),
    "listen unclosed bracket": (["--export", "a=X", "--size", "1M", "--listen", "[::1"], ["--listen"]),
    "unknown option": (["--export", "a=X", "--size", "1M", "--bogus"], ["--bogus"]),
    "unexpected argument": (["--export", "a=X", "--size", "1M", "stray"], ["stray"]),
    "flag with a value": (["--export", "a=X", "--size", "1M", "--read-only=yes"], ["--read-only"]),
    "handshake timeout zero": (["--export", "a=X", "--size", "1M", "--handshake-timeout", "0"],
                               ["--handshake-timeout"]),
    "handshake timeout text": (["--export", "a=X", "--size", "1M", "--handshake-timeout", "soon"],
                               ["--handshake-timeout"]),
    "handshake timeout huge": (["--export", "a=X", "--size", "1M", "--handshake-timeout", "1e9"],
                               ["--handshake-timeout"]),
    "max connections zero": (["--export", "a=X", "--size", "1M", "--max-connections", "0"], ["--max-connections"]),
    "max handshakes text": (["--export", "a=X", "--size", "1M", "--max-handshakes", "many"], ["--max-handshakes"]),
    "unknown log level": (["--export", "a=X", "--size", "1M", "--log-level", "loud"], ["--log-level"]),
    "description given twice": (["--export", "a=X", "--size", "1M", "--description", "one", "--description",
                                 "two"], ["--description", "twice"]),
    "description given twice before exports": (["--description", "one", "--description", "two", "--export", "a=X",
                                                "--size", "1M"], ["--description", "twice"]),
    "listen IPv6 without brackets": (["--export", "a=X", "--size", "1M", "--listen", "::1:10809"],
                                     ["--listen", "brackets"]),
    "listen with a URL scheme": (["--export", "a=X", "--size", "1M", "--listen", "tcp://127.0.0.1:10809"],
                                 ["--listen"]),
}


@pytest.mark.parametrize("case", sorted(USAGE_ERRORS))
def test_usage_errors_exit_2(blockfence_bin, workdir, case):
    arguments, needles = USAGE_ERRORS[case]
    path = os.path.join(workdir, "x.img")
    arguments = [word.replace("X", path) if word.startswith("a=") or word == "=X" else word for word in arguments]
    result = run_blockfence(blockfence_bin, ["nbd", *arguments])
    assert_clean_failure(result, 2, *needles)
    assert "--help" in result.stderr, "a usage error should point to --help"
    assert not os.path.exists(path), "a rejected command line created the export file"


def test_missing_file_without_size(blockfence_bin, workdir):
    path = os.path.join(workdir, "missing.img")
    result = run_blockfence(blockfence_bin, ["nbd", "--listen", "127.0.0.1:0", "--export", "a=%s" % path])
    assert_clean_failure(result, 1, path, "--size")
    assert not os.path.exists(path)


def test_missing_file_for_read_only_export(blockfence_bin, workdir):
    path = os.path.join(workdir, "missing.img")
    result = run_blockfence(blockfence_bin, ["nbd", "--listen", "127.0.0.1:0", "--export", "a=%s" % path,
                                             "--size", "1M", "--read-only"])
    assert_clean_failure(result, 1, path)
    assert not os.path.exists(path)


def test_size_mismatching_existing_file(blockfence_bin, workdir):
    path = os.path.join(workdir, "existing.img")
    with open(path, "wb") as handle:
        handle.truncate(1 * MiB)
    result = run_blockfence(blockfence_bin, ["nbd", "--listen", "127.0.0.1:0", "--export", "a=%s" % path,
                                             "--size", "2MiB"])
    assert_clean_failure(result, 1, path, str(1 * MiB), str(2 * MiB))
    assert os.path.getsize(path) == 1 * MiB, "a refused --size changed the file"


def test_export_path_is_a_directory(blockfence_bin, workdir):
    result = run_blockfence(blockfence_bin, ["nbd", "--listen", "127.0.0.1:0", "--export", "a=%s" % workdir,
                                             "--size", "1M"])
    assert_clean_failure(result, 1, workdir)


def test_export_file_in_a_missing_directory(blockfence_bin, workdir):
    path = os.path.join(workdir, "no", "such", "dir", "disk.img")
    result = run_blockfence(blockfence_bin, ["nbd", "--listen", "127.0.0.1:0", "--export", "a=%s" % path,
                                             "--size", "1M"])
    assert_clean_failure(result, 1, path)


@pytest.mark.parametrize("size", ["8388608T", "9223372036854775808", "18446744073709551615", "16383P"])
def test_size_too_large_for_a_file_fails_without_crash(blockfence_bin, workdir, size):
    """Sizes that fit in 64 bits but not in a file offset (off_t is signed)."""
    path = os.path.join(workdir, "huge.img")
    result = run_blockfence(blockfence_bin, ["nbd", "--listen", "127.0.0.1:0", "--export", "a=%s" % path,
                                             "--size", size])
    assert result.returncode in (1, 2), "exit %s for --size %s:\n%s%s" % (
        result.returncode, size, short(result.stdout), short(result.stderr))
    assert_clean_failure(result, result.returncode, "a")


def test_port_in_use(blockfence_bin, workdir):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen(1)
        port = squatter.getsockname()[1]
        result = run_blockfence(blockfence_bin, [
            "nbd", "--listen", "127.0.0.1:%d" % port, "--export", "a=%s" % os.path.join(workdir, "a.img"),
            "--size", "1M"])
    assert_clean_failure(result, 1, "127.0.0.1:%d" % port)


def test_unix_socket_in_missing_directory(blockfence_bin, workdir):
    socket_path = os.path.join(workdir, "absent", "nbd.sock")
    result = run_blockfence(blockfence_bin, [
        "nbd", "--listen", "unix:%s" % socket_path, "--export", "a=%s" % os.path.join(workdir, "a.img"),
        "--size", "1M"])
    assert_clean_failure(result, 1, socket_path)


def test_file_already_served_by_another_server(start_server, blockfence_bin, workdir):
    server = start_server(["disk"])
    result = run_blockfence(blockfence_bin, [
        "nbd", "--listen", "127.0.0.1:0", "--export", "other=%s" % server.exports[0].path])
    assert_clean_failure(result, 1, server.exports[0].path)
    server.assert_healthy()


@pytest.mark.parametrize("arguments, needle", [
    (["--port", "70000"], "--port"),
    (["--port", "http"], "--port"),
    (["--bogus"], "--bogus"),
    (["--log-level", "loud"], "--log-level"),
])
def test_up_usage_errors(blockfence_bin, workdir, arguments, needle):
    result = run_blockfence(blockfence_bin, ["up", "--data-dir", os.path.join(workdir, "data"), *arguments])
    assert_clean_failure(result, 2, needle)


@pytest.mark.parametrize("command", [["up"], ["control"], ["server", "--name", "n1"]])
def test_an_empty_data_dir_is_refused(blockfence_bin, workdir, command):
    result = run_blockfence(blockfence_bin, [*command, "--data-dir", ""], timeout=30)
    assert_clean_failure(result, 2, "--data-dir")


def test_a_bad_log_level_from_the_environment_names_the_variable(blockfence_bin):
    result = interop.run([blockfence_bin, "nbd", "--export", "a=/nonexistent/a.img", "--size", "1M"],
                         timeout=15, check=False, env={**os.environ, "BLOCKFENCE_LOG_LEVEL": "loud"})
    assert_clean_failure(result, 2, "BLOCKFENCE_LOG_LEVEL", "loud")


@pytest.mark.parametrize("arguments, needle", [
    (["help", "bogus"], "bogus"),
    (["version", "extra"], "extra"),
])
def test_help_and_version_refuse_stray_words(blockfence_bin, arguments, needle):
    assert_clean_failure(run_blockfence(blockfence_bin, arguments), 2, needle)


def test_unknown_command(blockfence_bin):
    result = run_blockfence(blockfence_bin, ["frobnicate"])
    assert_clean_failure(result, 2, "frobnicate")
    # The hint must lead somewhere that exists.
    assert "blockfence frobnicate --help" not in result.stderr, (
        "the usage hint points to the help of a command that does not exist:\n%s" % result.stderr)


def test_help_and_version(blockfence_bin):
    result = run_blockfence(blockfence_bin, ["nbd", "--help"])
    assert result.returncode == 0 and "Usage: blockfence nbd" in result.stdout
    result = run_blockfence(blockfence_bin, ["up", "--help"])
    assert result.returncode == 0 and "Usage: blockfence up" in result.stdout
    result = run_blockfence(blockfence_bin, ["version"])
    assert result.returncode == 0 and result.stdout.startswith("blockfence ")


def test_a_relative_xdg_data_home_is_ignored(blockfence_bin, workdir):
    """The XDG base directory specification says a relative XDG_DATA_HOME is invalid and must be
    ignored: the data goes under $HOME/.local/share instead of somewhere below the current
    directory."""
    import signal
    import subprocess
    import time

    home = os.path.join(workdir, "home")
    elsewhere = os.path.join(workdir, "cwd")
    os.makedirs(home)
    os.makedirs(elsewhere)
    environment = {key: value for key, value in os.environ.items() if key != "BLOCKFENCE_DATA_DIR"}
    environment.update(HOME=home, XDG_DATA_HOME="relative/data")
    log_path = os.path.join(workdir, "control.log")
    with open(log_path, "wb") as log:
        control = subprocess.Popen([blockfence_bin, "control", "--listen", "127.0.0.1:0"], cwd=elsewhere,
                                   env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and "ready" not in open(log_path).read():
            assert control.poll() is None, open(log_path).read()
            time.sleep(0.05)
        output = open(log_path).read()
        assert "ready" in output, output
        assert os.path.join(home, ".local/share/blockfence") in output, output
        assert not os.path.exists(os.path.join(elsewhere, "relative")), output
    finally:
        control.send_signal(signal.SIGTERM)
        control.wait(20)
