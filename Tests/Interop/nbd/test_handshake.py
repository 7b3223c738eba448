"""The handshake phase spoken byte by byte over raw sockets (see nbdwire.py)."""

import os
import struct
import time

import pytest

import interop
import nbdwire as w
from conftest import Export

MiB = 1 << 20
KiB = 1 << 10


@pytest.fixture
def server(start_server, workdir, transport):
    ro_path = os.path.join(workdir, "ro.img")
    with open(ro_path, "wb") as backing:
        backing.truncate(4 * MiB)
    return start_server(
        [Export("disk", size="16MiB", description="handshake disk"), Export("ro", path=ro_path, read_only=True)],
        transport=transport)


def assert_transmission_works(client, size=16 * MiB):
    """After a successful GO or EXPORT_NAME: a write and a read round trip."""
    assert client.export_size == size
    reply = client.command(w.CMD_WRITE, 0, 5, payload=b"hello")
    assert reply.error == 0, reply
    reply = client.command(w.CMD_READ, 0, 5)
    assert reply.error == 0 and reply.data == b"hello", reply


def go_and_check(client, name="disk"):
    final = client.go(name)[-1]
    assert final.type == w.REP_ACK, final
    assert_transmission_works(client)


def test_greeting_offers_fixed_newstyle_and_no_zeroes(server):
    with server.wire() as client:
        flags = client.read_greeting()
        assert flags & w.FLAG_FIXED_NEWSTYLE
        assert flags & w.FLAG_NO_ZEROES
        assert flags & ~(w.FLAG_FIXED_NEWSTYLE | w.FLAG_NO_ZEROES) == 0, "unknown handshake flags 0x%x" % flags


@pytest.mark.parametrize("flags", [1 << 2, 1 << 31, 0xFFFFFFFF, w.CLIENT_FIXED_NEWSTYLE | (1 << 5)])
def test_unknown_client_flags_close_the_connection(server, flags):
    with server.wire() as client:
        client.read_greeting()
        client.send_client_flags(flags)
        # Whatever comes next, the server must not negotiate with this client.
        try:
            client.send_option(w.OPT_LIST)
        except OSError:
            pass
        assert client.closed_by_server(5), "server kept a client with flags 0x%x" % flags
    server.assert_healthy()


@pytest.mark.parametrize("no_zeroes", [True, False])
def test_export_name_reply_padding(server, no_zeroes):
    with server.wire() as client:
        client.read_greeting()
        client.send_client_flags(w.CLIENT_FIXED_NEWSTYLE | (w.CLIENT_NO_ZEROES if no_zeroes else 0))
        client.export_name("disk", no_zeroes=no_zeroes)
        assert client.transmission_flags & w.TF_HAS_FLAGS
        assert_transmission_works(client)


def test_export_name_with_empty_name_selects_default_export(server):
    with server.wire() as client:
        client.start()
        client.export_name("")
        assert_transmission_works(client)


def test_export_name_unknown_disconnects(server):
    with server.wire() as client:
        client.start()
        client.send_option(w.OPT_EXPORT_NAME, b"no-such-export")
        assert client.closed_by_server(5), "EXPORT_NAME for an unknown export must end the session"
    server.assert_healthy()


def test_bad_option_magic_closes(server):
    with server.wire() as client:
        client.start()
        client.send_option(w.OPT_LIST, magic=0x1122334455667788)
        assert client.closed_by_server(5)
    server.assert_healthy()


@pytest.mark.parametrize("option", [0, 4, 11, 12, 0x1234, 0x7FFFFFFF, 0xFFFFFFFF])
def test_unknown_option_gets_unsup_and_negotiation_goes_on(server, option):
    with server.wire() as client:
        client.start()
        replies = client.option(option, b"some option data")
        assert [reply.type for reply in replies] == [w.REP_ERR_UNSUP], replies
        assert replies[0].option == option
        go_and_check(client)


def test_starttls_is_unsupported(server):
    with server.wire() as client:
        client.start()
        (reply,) = client.option(w.OPT_STARTTLS)
        assert reply.type in (w.REP_ERR_UNSUP, w.REP_ERR_POLICY), reply
        go_and_check(client)


def test_option_of_exactly_64_kib_is_read(server):
    with server.wire() as client:
        client.start()
        (reply,) = client.option(0x4242, bytes(64 * KiB))
        assert reply.type == w.REP_ERR_UNSUP, reply
        go_and_check(client)


@pytest.mark.parametrize("length", [64 * KiB + 1, 1 * MiB, 16 * MiB])
def test_oversized_option_is_drained_and_refused_too_big(server, length):
    with server.wire(timeout=30) as client:
        client.start()
        client.send_option(w.OPT_GO, bytes(length))
        reply = client.read_option_reply()
        assert reply.type == w.REP_ERR_TOO_BIG, reply
        assert reply.option == w.OPT_GO
        # The stream is still in step: the next option is understood.
        go_and_check(client)


@pytest.mark.parametrize("length", [16 * MiB + 1, 0xFFFFFFFF])
def test_absurd_option_length_disconnects(server, length):
    with server.wire() as client:
        client.start()
        client.send_option(w.OPT_INFO, b"", length=length)
        assert client.closed_by_server(5), "server waited for %d bytes of option data" % length
    server.assert_healthy()


def test_oversized_export_name_disconnects(server):
    with server.wire(timeout=30) as client:
        client.start()
        try:
            client.send_option(w.OPT_EXPORT_NAME, b"a" * (64 * KiB + 1))
        except OSError:
            pass
        assert client.closed_by_server(5)
    server.assert_healthy()


TRUNCATED_INFO_DATA = {
    "empty": b"",
    "half a name length": b"\x00\x00",
    "name shorter than its length": struct.pack(">I", 100) + b"disk",
    "no request count": w.nbd_string("disk"),
    "half a request count": w.nbd_string("disk") + b"\x00",
    "fewer requests than counted": w.nbd_string("disk") + struct.pack(">HH", 3, w.INFO_NAME),
    "odd trailing byte": w.nbd_string("disk") + struct.pack(">H", 0) + b"\x00",
    "name length beyond 4096": struct.pack(">I", 5000) + b"x" * 5000 + struct.pack(">H", 0),
    "name with NUL": w.nbd_string(b"di\x00sk") + struct.pack(">H", 0),
    "name not UTF-8": w.nbd_string(b"\xff\xfe") + struct.pack(">H", 0),
}


@pytest.mark.parametrize("option", [w.OPT_INFO, w.OPT_GO], ids=["INFO", "GO"])
@pytest.mark.parametrize("case", sorted(TRUNCATED_INFO_DATA))
def test_malformed_info_and_go_get_invalid(server, option, case):
    with server.wire() as client:
        client.start()
        replies = client.option(option, TRUNCATED_INFO_DATA[case])
        assert replies[-1].type == w.REP_ERR_INVALID, replies
        assert all(reply.type != w.REP_INFO for reply in replies), "INFO replies before an error: %r" % replies
        go_and_check(client)


def test_list_names_every_export(server):
    with server.wire() as client:
        client.start()
        replies = client.option(w.OPT_LIST)
        assert replies[-1].type == w.REP_ACK
        servers = []
        for reply in replies[:-1]:
            assert reply.type == w.REP_SERVER, reply
            (length,) = struct.unpack(">I", reply.data[:4])
            assert length <= len(reply.data) - 4
            servers.append((reply.data[4:4 + length].decode(), reply.data[4 + length:].decode()))
        assert servers == [("disk", "handshake disk"), ("ro", "")]
        go_and_check(client)


def test_list_with_data_is_invalid(server):
    with server.wire() as client:
        client.start()
        (reply,) = client.option(w.OPT_LIST, b"unexpected")
        assert reply.type == w.REP_ERR_INVALID, reply
        go_and_check(client)


def parse_infos(replies):
    infos = {}
    for reply in replies:
        if reply.type == w.REP_INFO:
            (info_type,) = struct.unpack(">H", reply.data[:2])
            assert info_type not in infos, "information type %d sent twice" % info_type
            infos[info_type] = reply.data[2:]
    return infos


def test_info_describes_export_and_negotiation_continues(server):
    with server.wire() as client:
        client.start()
        client.structured_reply()
        replies = client.go("disk", [w.INFO_NAME, w.INFO_DESCRIPTION, w.INFO_BLOCK_SIZE], option=w.OPT_INFO)
        assert replies[-1].type == w.REP_ACK, replies
        infos = parse_infos(replies)
        size, flags = struct.unpack(">QH", infos[w.INFO_EXPORT])
        assert size == 16 * MiB
        assert flags & w.TF_HAS_FLAGS and not flags & w.TF_READ_ONLY
        assert infos[w.INFO_NAME] == b"disk"
        assert infos[w.INFO_DESCRIPTION] == b"handshake disk"
        assert struct.unpack(">III", infos[w.INFO_BLOCK_SIZE]) == (1, 4096, 32 * MiB)
        # INFO does not enter transmission; GO with the same parameters reports the same.
        go_replies = client.go("disk", [w.INFO_NAME, w.INFO_DESCRIPTION, w.INFO_BLOCK_SIZE])
        assert go_replies[-1].type == w.REP_ACK
        assert parse_infos(go_replies) == infos
        assert_transmission_works(client)


def test_info_for_read_only_export(server):
    with server.wire() as client:
        client.start()
        replies = client.go("ro", [w.INFO_BLOCK_SIZE], option=w.OPT_INFO)
        assert replies[-1].type == w.REP_ACK
        size, flags = struct.unpack(">QH", parse_infos(replies)[w.INFO_EXPORT])
        assert size == 4 * MiB
        assert flags & w.TF_READ_ONLY
        assert not flags & (w.TF_SEND_FUA | w.TF_SEND_TRIM | w.TF_SEND_WRITE_ZEROES | w.TF_SEND_FAST_ZERO)


@pytest.mark.parametrize("option", [w.OPT_INFO, w.OPT_GO], ids=["INFO", "GO"])
def test_unknown_export_in_info_or_go(server, option):
    with server.wire() as client:
        client.start()
        replies = client.go("nonexistent", [w.INFO_NAME], option=option)
        assert [reply.type for reply in replies] == [w.REP_ERR_UNKNOWN], replies
        go_and_check(client)


def test_abort_is_acknowledged_then_closed(server):
    with server.wire() as client:
        client.start()
        (reply,) = client.option(w.OPT_ABORT)
        assert reply.type == w.REP_ACK and reply.option == w.OPT_ABORT
        assert client.closed_by_server(5)
    server.assert_healthy()


def test_abort_with_data_is_still_acknowledged(server):
    with server.wire() as client:
        client.start()
        (reply,) = client.option(w.OPT_ABORT, b"ignored")
        assert reply.type == w.REP_ACK
    server.assert_healthy()


def test_abort_then_client_closes_at_once(server):
    for _ in range(10):
        with server.wire() as client:
            client.start()
            client.send_option(w.OPT_ABORT)
    with server.wire() as client:
        client.start()
        go_and_check(client)


@pytest.mark.parametrize("option", [w.OPT_LIST_META_CONTEXT, w.OPT_SET_META_CONTEXT], ids=["LIST", "SET"])
def test_meta_context_before_structured_reply_is_invalid(server, option):
    with server.wire() as client:
        client.start()
        replies = client.option(option, w.meta_context_request("disk", ["base:allocation"]))
        assert [reply.type for reply in replies] == [w.REP_ERR_INVALID], replies
        go_and_check(client)


def meta_names(replies):
    return [reply.data[4:].decode() for reply in replies if reply.type == w.REP_META_CONTEXT]


def test_meta_context_listing_and_selection(server):
    with server.wire() as client:
        client.start()
        assert client.structured_reply().type == w.REP_ACK
        listed = client.option(w.OPT_LIST_META_CONTEXT, w.meta_context_request("disk", []))
        assert listed[-1].type == w.REP_ACK and "base:allocation" in meta_names(listed)
        listed = client.option(w.OPT_LIST_META_CONTEXT, w.meta_context_request("disk", ["base:"]))
        assert meta_names(listed) == ["base:allocation"]
        # Unknown namespaces and leaf names are ignored, not errors.
        listed = client.option(w.OPT_LIST_META_CONTEXT,
                               w.meta_context_request("disk", ["x-nothing:here", "base:nothing"]))
        assert [reply.type for reply in listed] == [w.REP_ACK]
        selected = client.set_meta_context("disk", ["base:allocation", "x-unknown:thing"])
        assert selected[-1].type == w.REP_ACK
        assert meta_names(selected) == ["base:allocation"]
        (context_id,) = struct.unpack(">I", selected[0].data[:4])
        go_and_check(client)
        reply = client.command(w.CMD_BLOCK_STATUS, 0, 1 * MiB)
        assert reply.error == 0 and list(reply.extents) == [context_id], reply
        extents = reply.extents[context_id]
        assert extents[0] == (4096, 0), extents  # the 5 bytes written by go_and_check
        assert 0 < sum(length for length, _ in extents)


def test_meta_context_for_unknown_export(server):
    with server.wire() as client:
        client.start()
        client.structured_reply()
        replies = client.set_meta_context("nonexistent")
        assert replies[-1].is_error and replies[-1].type in (w.REP_ERR_UNKNOWN, w.REP_ERR_INVALID), replies
        go_and_check(client)


def test_structured_reply_with_data_is_invalid(server):
    with server.wire() as client:
        client.start()
        (reply,) = client.option(w.OPT_STRUCTURED_REPLY, b"x")
        assert reply.type == w.REP_ERR_INVALID, reply
        go_and_check(client)


def test_structured_reply_refused_when_disabled(start_server, transport):
    server = start_server([Export("disk", size="16MiB")], transport=transport, options=["--no-structured-replies"])
    with server.wire() as client:
        client.start()
        reply = client.structured_reply()
        assert reply.is_error, reply
        assert not client.structured
        replies = client.option(w.OPT_SET_META_CONTEXT, w.meta_context_request("disk", ["base:allocation"]))
        assert replies[-1].type == w.REP_ERR_INVALID
        go_and_check(client)
        assert not client.transmission_flags & w.TF_SEND_DF


def test_silent_client_is_dropped_at_the_handshake_deadline(start_server, transport):
    server = start_server(["disk"], transport=transport, options=["--handshake-timeout", "1"])
    with server.wire(timeout=10) as client:
        started = time.monotonic()
        client.read_greeting()
        assert client.closed_by_server(6), "a client that never negotiated was kept past the deadline"
        elapsed = time.monotonic() - started
        assert 0.5 <= elapsed <= 5, "dropped after %.2fs with a 1s deadline" % elapsed
    with server.wire() as client:
        client.negotiate("disk")
        assert_transmission_works(client, 64 * MiB)


def test_dribbling_client_is_dropped_at_the_handshake_deadline(start_server, transport):
    """The deadline covers the whole negotiation, not each read."""
    server = start_server(["disk"], transport=transport, options=["--handshake-timeout", "1"])
    with server.wire(timeout=10) as client:
        started = time.monotonic()
        client.start()
        message = struct.pack(">QII", w.OPTION_MAGIC, w.OPT_LIST, 0) * 20
        closed = False
        for byte in message:
            try:
                client.send(bytes([byte]))
            except OSError:
                closed = True
                break
            if client.closed_by_server(0.2):
                closed = True
                break
            if time.monotonic() - started > 6:
                break
        assert closed, "a client dribbling option bytes was kept past the handshake deadline"
        assert time.monotonic() - started <= 5


def test_idle_connections_beyond_max_handshakes_are_closed(start_server, transport):
    interop.require_tool("nbdinfo")
    server = start_server(["disk"], transport=transport, options=["--max-handshakes", "4", "--handshake-timeout", "2"])
    admitted = []
    for _ in range(4):
        client = server.wire(timeout=5)
        client.read_greeting()
        admitted.append(client)
    refused = [server.wire(timeout=5) for _ in range(12)]
    try:
        for client in refused:
            assert client.closed_by_server(3), "a connection beyond --max-handshakes was kept"
        # The admitted ones are still waiting for options.
        for client in admitted:
            assert not client.closed_by_server(0.1)
        # Once the idle clients go (here: the deadline drops them), a real client gets in.
        for client in admitted:
            assert client.closed_by_server(6)
        assert interop.wait_until(lambda: interop.run(
            ["nbdinfo", "--size", server.uri("disk")], check=False).returncode == 0, 5)
    finally:
        for client in admitted + refused:
            client.close()
    server.assert_healthy()


def test_many_idle_connections_do_not_block_service(start_server, transport):
    server = start_server(["disk"], transport=transport, options=["--max-handshakes", "8"])
    idle = []
    try:
        for _ in range(40):
            try:
                idle.append(w.open_socket(server.address, timeout=5))
            except OSError:
                pass
        for sock in idle:
            sock.close()
        idle = []

        def normal_client_works():
            try:
                with server.wire(timeout=5) as client:
                    client.negotiate("disk")
                    return client.command(w.CMD_READ, 0, 512).error == 0
            except (OSError, w.ConnectionClosed, w.ProtocolError):
                return False

        assert interop.wait_until(normal_client_works, 5), "no client could negotiate after the idle ones left"
    finally:
        for sock in idle:
            sock.close()
    server.assert_healthy()


def test_max_connections_bounds_transmitting_clients(start_server, transport):
    server = start_server(["disk"], transport=transport, options=["--max-connections", "2"])
    first = server.wire()
    second = server.wire()
    try:
        first.negotiate("disk")
        second.negotiate("disk")
        with server.wire() as third:
            assert third.closed_by_server(3), "a third connection was served with --max-connections 2"
        first.disconnect()
        assert first.closed_by_server(3)

        def another_fits():
            try:
                with server.wire(timeout=3) as client:
                    client.negotiate("disk")
                    return client.command(w.CMD_READ, 0, 512).error == 0
            except (OSError, w.ConnectionClosed, w.ProtocolError):
                return False

        assert interop.wait_until(another_fits, 5)
        assert second.command(w.CMD_READ, 0, 512).error == 0
    finally:
        first.close()
        second.close()
    server.assert_healthy()


def test_go_sends_no_padding_without_no_zeroes(server):
    """The 124 zero bytes belong to EXPORT_NAME only; after GO's ACK transmission starts at once."""
    with server.wire() as client:
        client.read_greeting()
        client.send_client_flags(w.CLIENT_FIXED_NEWSTYLE)
        go_and_check(client)


def test_set_meta_context_with_namespace_only_selects_nothing(server):
    """"base:" alone is a wildcard for LIST only; SET MUST ignore it."""
    with server.wire() as client:
        client.start()
        client.structured_reply()
        replies = client.set_meta_context("disk", ["base:"])
        assert [reply.type for reply in replies] == [w.REP_ACK], replies
        go_and_check(client)
        assert client.command(w.CMD_BLOCK_STATUS, 0, 4096).error == w.EINVAL


def test_long_strings_stay_valid_utf8(start_server, transport):
    """NBD strings are UTF-8 of at most 4096 bytes: a server that shortens one must cut between
    characters. Here a 4097-byte description and an error message quoting a long client-supplied
    export name both need shortening."""
    description = "d" * 4095 + "\u00e9"  # 4097 bytes; the last character is two bytes
    server = start_server([Export("disk", size="1MiB", description=description)], transport=transport)
    problems = []

    def check(label, data):
        if len(data) > 4096:
            problems.append("%s is %d bytes, more than 4096" % (label, len(data)))
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append("%s is not valid UTF-8: %s" % (label, error))

    with server.wire() as client:
        client.start()
        (entry, _ack) = client.option(w.OPT_LIST)
        (name_length,) = struct.unpack(">I", entry.data[:4])
        check("the NBD_REP_SERVER description", entry.data[4 + name_length:])

        replies = client.go("disk", [w.INFO_DESCRIPTION], option=w.OPT_INFO)
        check("NBD_INFO_DESCRIPTION", parse_infos(replies)[w.INFO_DESCRIPTION])

        long_name = "a" + "\u00e9" * 2047  # 4095 bytes, a valid name length
        (error,) = client.go(long_name, option=w.OPT_GO)
        assert error.type == w.REP_ERR_UNKNOWN, error
        check("the NBD_REP_ERR_UNKNOWN message", error.data)
    assert not problems, "\n".join(problems)


def process_resources(pid):
    with open("/proc/%d/status" % pid) as handle:
        threads = next(int(line.split()[1]) for line in handle if line.startswith("Threads:"))
    return threads, len(os.listdir("/proc/%d/fd" % pid))


def settled_resources(pid, timeout=5):
    """Thread and descriptor counts once they stop changing for a moment."""
    deadline = time.monotonic() + timeout
    previous = process_resources(pid)
    while time.monotonic() < deadline:
        time.sleep(0.2)
        current = process_resources(pid)
        if current == previous:
            return current
        previous = current
    return previous


def test_idle_and_finished_clients_leave_nothing_behind(start_server, transport, nbd_module):
    """A client that never negotiates costs nothing lasting: after the deadline its thread and
    descriptor are gone, as are those of clients that came, worked and left."""
    server = start_server(["disk"], transport=transport, options=["--handshake-timeout", "1"])
    # One full session first, so lazily created resources exist before the baseline.
    handle = server.nbd_handle("disk")
    handle.pwrite(b"warm", 0, nbd_module.CMD_FLAG_FUA)
    handle.shutdown()
    baseline = settled_resources(server.pid)

    idle = [server.wire(timeout=5) for _ in range(20)]
    for _ in range(30):
        handle = server.nbd_handle("disk")
        handle.pwrite(b"x" * 4096, 0, nbd_module.CMD_FLAG_FUA)
        handle.flush()
        handle.shutdown()
    for client in idle:
        assert client.closed_by_server(6)
        client.close()
    assert interop.wait_until(lambda: process_resources(server.pid) == baseline, 5), (
        "threads and descriptors: %r before, %r after" % (baseline, process_resources(server.pid)))
