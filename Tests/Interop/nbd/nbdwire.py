"""A small NBD client that speaks the wire format byte by byte.

libnbd refuses to send most malformed messages, so the handshake and protocol edge cases are
driven through this module instead. It knows fixed newstyle negotiation, simple replies and
structured reply chunks, and nothing else: it exists to provoke the server, not to be a client.
All numbers travel big-endian, as the NBD protocol defines.
"""

import select
import socket
import struct
import time

# Magic numbers.
INIT_PASSWORD = 0x4E42444D41474943  # "NBDMAGIC"
OPTION_MAGIC = 0x49484156454F5054  # "IHAVEOPT"
OPTION_REPLY_MAGIC = 0x0003E889045565A9
REQUEST_MAGIC = 0x25609513
SIMPLE_REPLY_MAGIC = 0x67446698
STRUCTURED_REPLY_MAGIC = 0x668E33EF

# Handshake flags (server) and client flags.
FLAG_FIXED_NEWSTYLE = 1 << 0
FLAG_NO_ZEROES = 1 << 1
CLIENT_FIXED_NEWSTYLE = 1 << 0
CLIENT_NO_ZEROES = 1 << 1

# Transmission flags.
TF_HAS_FLAGS = 1 << 0
TF_READ_ONLY = 1 << 1
TF_SEND_FLUSH = 1 << 2
TF_SEND_FUA = 1 << 3
TF_ROTATIONAL = 1 << 4
TF_SEND_TRIM = 1 << 5
TF_SEND_WRITE_ZEROES = 1 << 6
TF_SEND_DF = 1 << 7
TF_CAN_MULTI_CONN = 1 << 8
TF_SEND_RESIZE = 1 << 9
TF_SEND_CACHE = 1 << 10
TF_SEND_FAST_ZERO = 1 << 11

# Options.
OPT_EXPORT_NAME = 1
OPT_ABORT = 2
OPT_LIST = 3
OPT_PEEK_EXPORT = 4
OPT_STARTTLS = 5
OPT_INFO = 6
OPT_GO = 7
OPT_STRUCTURED_REPLY = 8
OPT_LIST_META_CONTEXT = 9
OPT_SET_META_CONTEXT = 10

# Option reply types.
REP_ACK = 1
REP_SERVER = 2
REP_INFO = 3
REP_META_CONTEXT = 4
REP_ERR_UNSUP = 0x80000001
REP_ERR_POLICY = 0x80000002
REP_ERR_INVALID = 0x80000003
REP_ERR_PLATFORM = 0x80000004
REP_ERR_TLS_REQD = 0x80000005
REP_ERR_UNKNOWN = 0x80000006
REP_ERR_SHUTDOWN = 0x80000007
REP_ERR_BLOCK_SIZE_REQD = 0x80000008
REP_ERR_TOO_BIG = 0x80000009

# Information types for OPT_INFO and OPT_GO.
INFO_EXPORT = 0
INFO_NAME = 1
INFO_DESCRIPTION = 2
INFO_BLOCK_SIZE = 3

# Commands.
CMD_READ = 0
CMD_WRITE = 1
CMD_DISC = 2
CMD_FLUSH = 3
CMD_TRIM = 4
CMD_CACHE = 5
CMD_WRITE_ZEROES = 6
CMD_BLOCK_STATUS = 7

# Command flags.
CMD_FLAG_FUA = 1 << 0
CMD_FLAG_NO_HOLE = 1 << 1
CMD_FLAG_DF = 1 << 2
CMD_FLAG_REQ_ONE = 1 << 3
CMD_FLAG_FAST_ZERO = 1 << 4

# Structured reply chunk flags and types.
REPLY_FLAG_DONE = 1 << 0
REPLY_TYPE_NONE = 0
REPLY_TYPE_OFFSET_DATA = 1
REPLY_TYPE_OFFSET_HOLE = 2
REPLY_TYPE_BLOCK_STATUS = 5
REPLY_TYPE_ERROR = (1 << 15) + 1
REPLY_TYPE_ERROR_OFFSET = (1 << 15) + 2

# Error values of the transmission phase.
EPERM = 1
EIO = 5
ENOMEM = 12
EINVAL = 22
ENOSPC = 28
EOVERFLOW = 75
ENOTSUP = 95
ESHUTDOWN = 108

ERROR_NAMES = {
    0: "OK", EPERM: "EPERM", EIO: "EIO", ENOMEM: "ENOMEM", EINVAL: "EINVAL", ENOSPC: "ENOSPC",
    EOVERFLOW: "EOVERFLOW", ENOTSUP: "ENOTSUP", ESHUTDOWN: "ESHUTDOWN",
}

REPLY_TYPE_NAMES = {
    REP_ACK: "ACK", REP_SERVER: "SERVER", REP_INFO: "INFO", REP_META_CONTEXT: "META_CONTEXT",
    REP_ERR_UNSUP: "ERR_UNSUP", REP_ERR_POLICY: "ERR_POLICY", REP_ERR_INVALID: "ERR_INVALID",
    REP_ERR_PLATFORM: "ERR_PLATFORM", REP_ERR_TLS_REQD: "ERR_TLS_REQD", REP_ERR_UNKNOWN: "ERR_UNKNOWN",
    REP_ERR_SHUTDOWN: "ERR_SHUTDOWN", REP_ERR_BLOCK_SIZE_REQD: "ERR_BLOCK_SIZE_REQD",
    REP_ERR_TOO_BIG: "ERR_TOO_BIG",
}


def reply_type_name(value):
    return REPLY_TYPE_NAMES.get(value, "0x%08x" % value)


class ConnectionClosed(Exception):
    """The server closed the connection (EOF or reset) while we expected bytes."""


class ProtocolError(Exception):
    """The server sent something this client cannot parse."""


def open_socket(address, timeout=10.0):
    """Connects to ("tcp", host, port) or ("unix", path)."""
    kind = address[0]
    if kind == "tcp":
        sock = socket.create_connection((address[1], address[2]), timeout=timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    elif kind == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(address[1])
    else:
        raise ValueError("unknown address kind %r" % (kind,))
    sock.settimeout(timeout)
    return sock


def nbd_string(text):
    data = text.encode() if isinstance(text, str) else bytes(text)
    return struct.pack(">I", len(data)) + data


def info_request(name, info_types=()):
    """Data of NBD_OPT_INFO and NBD_OPT_GO."""
    data = nbd_string(name)
    data += struct.pack(">H", len(info_types))
    for info_type in info_types:
        data += struct.pack(">H", info_type)
    return data


def meta_context_request(name, queries):
    """Data of NBD_OPT_LIST_META_CONTEXT and NBD_OPT_SET_META_CONTEXT."""
    data = nbd_string(name) + struct.pack(">I", len(queries))
    for query in queries:
        data += nbd_string(query)
    return data


class OptionReply:
    def __init__(self, option, reply_type, data):
        self.option = option
        self.type = reply_type
        self.data = data

    @property
    def is_error(self):
        return bool(self.type & 0x80000000)

    @property
    def is_final(self):
        return self.type == REP_ACK or self.is_error

    def __repr__(self):
        return "OptionReply(option=%d, type=%s, data=%r)" % (
            self.option, reply_type_name(self.type), self.data[:80])


class Reply:
    """One complete reply: a simple reply, or every chunk of a structured one."""

    def __init__(self, handle):
        self.handle = handle
        self.structured = False
        self.error = 0
        self.message = b""
        self.data = b""
        self.chunks = []  # (flags, type, payload)
        self.extents = {}  # context id -> [(length, flags)]

    @property
    def error_name(self):
        return ERROR_NAMES.get(self.error, str(self.error))

    def __repr__(self):
        return "Reply(handle=%d, structured=%s, error=%s, message=%r, data=%d bytes, chunks=%s)" % (
            self.handle, self.structured, self.error_name, self.message, len(self.data),
            [(f, t, len(p)) for f, t, p in self.chunks])


class WireClient:
    """One connection to the server, driven message by message."""

    def __init__(self, address, timeout=10.0):
        self.address = address
        self.sock = open_socket(address, timeout)
        self.handshake_flags = None
        self.export_size = None
        self.transmission_flags = None
        self.structured = False
        self._next_handle = 1
        self._read_lengths = {}  # handle -> length, for simple replies to reads
        self._partial = {}  # handle -> Reply being assembled from chunks

    # Plumbing.

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, data):
        self.sock.sendall(data)

    def recv_exactly(self, count):
        chunks = []
        left = count
        while left > 0:
            try:
                chunk = self.sock.recv(min(left, 1 << 20))
            except (ConnectionResetError, BrokenPipeError) as error:
                raise ConnectionClosed(str(error))
            if not chunk:
                raise ConnectionClosed("EOF after %d of %d bytes" % (count - left, count))
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def closed_by_server(self, timeout=5.0):
        """True when the server closes the connection within `timeout` seconds, False when the
        connection is still open then. Bytes that arrive meanwhile are discarded."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            readable, _, _ = select.select([self.sock], [], [], left)
            if not readable:
                return False
            try:
                chunk = self.sock.recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                return True
            except socket.timeout:
                return False
            if not chunk:
                return True

    # Handshake.

    def read_greeting(self):
        data = self.recv_exactly(18)
        password, magic, flags = struct.unpack(">QQH", data)
        if password != INIT_PASSWORD or magic != OPTION_MAGIC:
            raise ProtocolError("bad greeting %r" % data)
        self.handshake_flags = flags
        return flags

    def send_client_flags(self, flags=CLIENT_FIXED_NEWSTYLE | CLIENT_NO_ZEROES):
        self.send(struct.pack(">I", flags))

    def start(self, flags=CLIENT_FIXED_NEWSTYLE | CLIENT_NO_ZEROES):
        self.read_greeting()
        self.send_client_flags(flags)

    def send_option(self, option, data=b"", magic=OPTION_MAGIC, length=None):
        declared = len(data) if length is None else length
        self.send(struct.pack(">QII", magic, option, declared) + data)

    def read_option_reply(self):
        magic, option, reply_type, length = struct.unpack(">QIII", self.recv_exactly(20))
        if magic != OPTION_REPLY_MAGIC:
            raise ProtocolError("bad option reply magic 0x%x" % magic)
        return OptionReply(option, reply_type, self.recv_exactly(length))

    def option(self, option, data=b""):
        """Sends an option and returns all its replies, the final one last."""
        self.send_option(option, data)
        replies = []
        while True:
            reply = self.read_option_reply()
            if reply.option != option:
                raise ProtocolError("reply for option %d while waiting for %d" % (reply.option, option))
            replies.append(reply)
            if reply.is_final:
                return replies

    def structured_reply(self):
        final = self.option(OPT_STRUCTURED_REPLY)[-1]
        self.structured = final.type == REP_ACK
        return final

    def set_meta_context(self, name, queries=("base:allocation",)):
        return self.option(OPT_SET_META_CONTEXT, meta_context_request(name, list(queries)))

    def go(self, name, info_types=(), option=OPT_GO):
        """NBD_OPT_GO (or INFO); on success records the export size and flags."""
        replies = self.option(option, info_request(name, info_types))
        for reply in replies:
            if reply.type == REP_INFO and len(reply.data) >= 2:
                (info_type,) = struct.unpack(">H", reply.data[:2])
                if info_type == INFO_EXPORT:
                    self.export_size, self.transmission_flags = struct.unpack(">QH", reply.data[2:12])
        return replies

    def export_name(self, name, no_zeroes=True):
        self.send_option(OPT_EXPORT_NAME, name.encode())
        self.export_size, self.transmission_flags = struct.unpack(">QH", self.recv_exactly(10))
        if not no_zeroes:
            zeroes = self.recv_exactly(124)
            if zeroes != bytes(124):
                raise ProtocolError("EXPORT_NAME padding is not zero")

    def negotiate(self, name, structured=True, meta=True):
        """The usual way in: flags, STRUCTURED_REPLY, SET_META_CONTEXT, then GO."""
        self.start()
        if structured:
            assert self.structured_reply().type == REP_ACK
            if meta:
                assert self.set_meta_context(name)[-1].type == REP_ACK
        final = self.go(name)[-1]
        if final.type != REP_ACK:
            raise ProtocolError("GO failed: %r" % final)
        return self.export_size, self.transmission_flags

    # Transmission.

    def send_request(self, command, offset=0, length=0, flags=0, payload=b"", handle=None,
                     magic=REQUEST_MAGIC, send_payload=True):
        if handle is None:
            handle = self._next_handle
            self._next_handle += 1
        header = struct.pack(">IHHQQI", magic, flags, command, handle, offset, length)
        if command == CMD_READ:
            self._read_lengths[handle] = length
        self.send(header + (payload if send_payload else b""))
        return handle

    def expect_read(self, handle, length):
        """Records a READ sent by hand, so that a simple reply knows its payload length."""
        self._read_lengths[handle] = length

    def read_reply(self):
        """Reads until one request's reply is complete and returns it."""
        while True:
            (magic,) = struct.unpack(">I", self.recv_exactly(4))
            if magic == SIMPLE_REPLY_MAGIC:
                error, handle = struct.unpack(">IQ", self.recv_exactly(12))
                reply = Reply(handle)
                reply.error = error
                length = self._read_lengths.pop(handle, None)
                if length is not None and error == 0 and not self.structured:
                    reply.data = self.recv_exactly(length)
                return reply
            if magic != STRUCTURED_REPLY_MAGIC:
                raise ProtocolError("bad reply magic 0x%08x" % magic)
            flags, chunk_type, handle, length = struct.unpack(">HHQI", self.recv_exactly(16))
            payload = self.recv_exactly(length)
            reply = self._partial.setdefault(handle, Reply(handle))
            reply.structured = True
            reply.chunks.append((flags, chunk_type, payload))
            self._absorb_chunk(reply, chunk_type, payload)
            if flags & REPLY_FLAG_DONE:
                del self._partial[handle]
                self._read_lengths.pop(handle, None)
                return reply

    def _absorb_chunk(self, reply, chunk_type, payload):
        if chunk_type == REPLY_TYPE_OFFSET_DATA:
            (offset,) = struct.unpack(">Q", payload[:8])
            reply.data += payload[8:]
        elif chunk_type == REPLY_TYPE_OFFSET_HOLE:
            _offset, size = struct.unpack(">QI", payload)
            reply.data += bytes(size)
        elif chunk_type == REPLY_TYPE_BLOCK_STATUS:
            (context,) = struct.unpack(">I", payload[:4])
            extents = []
            for position in range(4, len(payload), 8):
                extents.append(struct.unpack(">II", payload[position:position + 8]))
            reply.extents[context] = extents
        elif chunk_type & 0x8000:
            error, message_length = struct.unpack(">IH", payload[:6])
            reply.error = reply.error or error
            reply.message = payload[6:6 + message_length]

    def command(self, command, offset=0, length=0, flags=0, payload=b""):
        """Sends one request and waits for its reply."""
        handle = self.send_request(command, offset, length, flags, payload)
        reply = self.read_reply()
        if reply.handle != handle:
            raise ProtocolError("reply for handle %d while waiting for %d" % (reply.handle, handle))
        return reply

    def disconnect(self):
        self.send_request(CMD_DISC)

