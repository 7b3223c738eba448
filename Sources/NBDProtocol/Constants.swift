// Protocol constants, named and numbered as the NBD specification (doc/proto.md) defines them.
// Every multi-byte value travels in network byte order.

/// Magic numbers that open each message kind.
public enum NBDMagic {
    /// `NBDMAGIC`, the first 8 bytes a server sends (also called INIT_PASSWD).
    public static let initialPassword: UInt64 = 0x4e42_444d_4147_4943
    /// `IHAVEOPT`: the newstyle server greeting, and the start of every option request.
    public static let optionRequest: UInt64 = 0x4948_4156_454f_5054
    /// The start of every option reply in fixed newstyle negotiation.
    public static let optionReply: UInt64 = 0x0003_e889_0455_65a9
    /// NBD_REQUEST_MAGIC, the start of every transmission request.
    public static let request: UInt32 = 0x2560_9513
    /// NBD_SIMPLE_REPLY_MAGIC.
    public static let simpleReply: UInt32 = 0x6744_6698
    /// NBD_STRUCTURED_REPLY_MAGIC.
    public static let structuredReply: UInt32 = 0x668e_33ef
}

/// Handshake flags, 16 bits, sent by the server after the greeting.
public struct HandshakeFlags: OptionSet, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// NBD_FLAG_FIXED_NEWSTYLE (bit 0).
    public static let fixedNewstyle = HandshakeFlags(rawValue: 1 << 0)
    /// NBD_FLAG_NO_ZEROES (bit 1).
    public static let noZeroes = HandshakeFlags(rawValue: 1 << 1)
}

/// Client flags, 32 bits, the client's answer to the handshake flags.
public struct ClientFlags: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// NBD_FLAG_C_FIXED_NEWSTYLE (bit 0).
    public static let fixedNewstyle = ClientFlags(rawValue: 1 << 0)
    /// NBD_FLAG_C_NO_ZEROES (bit 1).
    public static let noZeroes = ClientFlags(rawValue: 1 << 1)
}

/// Transmission flags, 16 bits, describing an export to the client.
public struct TransmissionFlags: OptionSet, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// NBD_FLAG_HAS_FLAGS (bit 0), always set.
    public static let hasFlags = TransmissionFlags(rawValue: 1 << 0)
    /// NBD_FLAG_READ_ONLY (bit 1).
    public static let readOnly = TransmissionFlags(rawValue: 1 << 1)
    /// NBD_FLAG_SEND_FLUSH (bit 2).
    public static let sendFlush = TransmissionFlags(rawValue: 1 << 2)
    /// NBD_FLAG_SEND_FUA (bit 3).
    public static let sendFUA = TransmissionFlags(rawValue: 1 << 3)
    /// NBD_FLAG_ROTATIONAL (bit 4).
    public static let rotational = TransmissionFlags(rawValue: 1 << 4)
    /// NBD_FLAG_SEND_TRIM (bit 5).
    public static let sendTrim = TransmissionFlags(rawValue: 1 << 5)
    /// NBD_FLAG_SEND_WRITE_ZEROES (bit 6).
    public static let sendWriteZeroes = TransmissionFlags(rawValue: 1 << 6)
    /// NBD_FLAG_SEND_DF (bit 7); only with structured replies.
    public static let sendDF = TransmissionFlags(rawValue: 1 << 7)
    /// NBD_FLAG_CAN_MULTI_CONN (bit 8).
    public static let canMultiConnection = TransmissionFlags(rawValue: 1 << 8)
    /// NBD_FLAG_SEND_RESIZE (bit 9).
    public static let sendResize = TransmissionFlags(rawValue: 1 << 9)
    /// NBD_FLAG_SEND_CACHE (bit 10).
    public static let sendCache = TransmissionFlags(rawValue: 1 << 10)
    /// NBD_FLAG_SEND_FAST_ZERO (bit 11).
    public static let sendFastZero = TransmissionFlags(rawValue: 1 << 11)
}

/// Option codes sent by the client during option haggling.
public enum OptionCode {
    /// NBD_OPT_EXPORT_NAME (1).
    public static let exportName: UInt32 = 1
    /// NBD_OPT_ABORT (2).
    public static let abort: UInt32 = 2
    /// NBD_OPT_LIST (3).
    public static let list: UInt32 = 3
    /// NBD_OPT_PEEK_EXPORT (4), withdrawn.
    public static let peekExport: UInt32 = 4
    /// NBD_OPT_STARTTLS (5).
    public static let startTLS: UInt32 = 5
    /// NBD_OPT_INFO (6).
    public static let info: UInt32 = 6
    /// NBD_OPT_GO (7).
    public static let go: UInt32 = 7
    /// NBD_OPT_STRUCTURED_REPLY (8).
    public static let structuredReply: UInt32 = 8
    /// NBD_OPT_LIST_META_CONTEXT (9).
    public static let listMetaContext: UInt32 = 9
    /// NBD_OPT_SET_META_CONTEXT (10).
    public static let setMetaContext: UInt32 = 10
    /// NBD_OPT_EXTENDED_HEADERS (11).
    public static let extendedHeaders: UInt32 = 11

    public static func name(_ code: UInt32) -> String {
        switch code {
        case exportName: "EXPORT_NAME"
        case abort: "ABORT"
        case list: "LIST"
        case peekExport: "PEEK_EXPORT"
        case startTLS: "STARTTLS"
        case info: "INFO"
        case go: "GO"
        case structuredReply: "STRUCTURED_REPLY"
        case listMetaContext: "LIST_META_CONTEXT"
        case setMetaContext: "SET_META_CONTEXT"
        case extendedHeaders: "EXTENDED_HEADERS"
        default: "unknown(\(code))"
        }
    }
}

/// Option reply types. Error replies have bit 31 set.
public enum OptionReplyType {
    /// NBD_REP_ACK (1).
    public static let acknowledge: UInt32 = 1
    /// NBD_REP_SERVER (2).
    public static let server: UInt32 = 2
    /// NBD_REP_INFO (3).
    public static let info: UInt32 = 3
    /// NBD_REP_META_CONTEXT (4).
    public static let metaContext: UInt32 = 4
    /// NBD_REP_ERR_UNSUP (2^31 + 1): the option is unknown to this server.
    public static let errorUnsupported: UInt32 = 0x8000_0001
    /// NBD_REP_ERR_POLICY (2^31 + 2): known and valid, but refused by policy.
    public static let errorPolicy: UInt32 = 0x8000_0002
    /// NBD_REP_ERR_INVALID (2^31 + 3): known, but syntactically invalid.
    public static let errorInvalid: UInt32 = 0x8000_0003
    /// NBD_REP_ERR_PLATFORM (2^31 + 4).
    public static let errorPlatform: UInt32 = 0x8000_0004
    /// NBD_REP_ERR_TLS_REQD (2^31 + 5).
    public static let errorTLSRequired: UInt32 = 0x8000_0005
    /// NBD_REP_ERR_UNKNOWN (2^31 + 6): the requested export is not available.
    public static let errorUnknownExport: UInt32 = 0x8000_0006
    /// NBD_REP_ERR_SHUTDOWN (2^31 + 7): the server is shutting down.
    public static let errorShutdown: UInt32 = 0x8000_0007
    /// NBD_REP_ERR_BLOCK_SIZE_REQD (2^31 + 8).
    public static let errorBlockSizeRequired: UInt32 = 0x8000_0008
    /// NBD_REP_ERR_TOO_BIG (2^31 + 9): the request or its reply is too large to process.
    public static let errorTooBig: UInt32 = 0x8000_0009
}

/// Information types requested with NBD_OPT_INFO and NBD_OPT_GO and sent in NBD_REP_INFO.
public enum InfoType {
    /// NBD_INFO_EXPORT (0): size and transmission flags; always sent.
    public static let export: UInt16 = 0
    /// NBD_INFO_NAME (1).
    public static let name: UInt16 = 1
    /// NBD_INFO_DESCRIPTION (2).
    public static let description: UInt16 = 2
    /// NBD_INFO_BLOCK_SIZE (3).
    public static let blockSize: UInt16 = 3
}

/// Request types of the transmission phase.
public enum CommandType: UInt16, Sendable, CaseIterable {
    /// NBD_CMD_READ (0).
    case read = 0
    /// NBD_CMD_WRITE (1).
    case write = 1
    /// NBD_CMD_DISC (2).
    case disconnect = 2
    /// NBD_CMD_FLUSH (3).
    case flush = 3
    /// NBD_CMD_TRIM (4).
    case trim = 4
    /// NBD_CMD_CACHE (5).
    case cache = 5
    /// NBD_CMD_WRITE_ZEROES (6).
    case writeZeroes = 6
    /// NBD_CMD_BLOCK_STATUS (7).
    case blockStatus = 7

    public var name: String {
        switch self {
        case .read: "READ"
        case .write: "WRITE"
        case .disconnect: "DISC"
        case .flush: "FLUSH"
        case .trim: "TRIM"
        case .cache: "CACHE"
        case .writeZeroes: "WRITE_ZEROES"
        case .blockStatus: "BLOCK_STATUS"
        }
    }
}

/// Command flags, 16 bits, sent with every request.
public struct CommandFlags: OptionSet, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// NBD_CMD_FLAG_FUA (bit 0).
    public static let fua = CommandFlags(rawValue: 1 << 0)
    /// NBD_CMD_FLAG_NO_HOLE (bit 1), for WRITE_ZEROES.
    public static let noHole = CommandFlags(rawValue: 1 << 1)
    /// NBD_CMD_FLAG_DF (bit 2), for READ with structured replies.
    public static let dontFragment = CommandFlags(rawValue: 1 << 2)
    /// NBD_CMD_FLAG_REQ_ONE (bit 3), for BLOCK_STATUS.
    public static let requestOne = CommandFlags(rawValue: 1 << 3)
    /// NBD_CMD_FLAG_FAST_ZERO (bit 4), for WRITE_ZEROES.
    public static let fastZero = CommandFlags(rawValue: 1 << 4)
    /// NBD_CMD_FLAG_PAYLOAD_LEN (bit 5), only with extended headers, which this server does not offer.
    public static let payloadLength = CommandFlags(rawValue: 1 << 5)
}

/// Structured reply chunk flags.
public enum ReplyFlags {
    /// NBD_REPLY_FLAG_DONE (bit 0): the last chunk of a reply.
    public static let done: UInt16 = 1 << 0
}

/// Structured reply chunk types. Error chunks have bit 15 set.
public enum StructuredReplyType {
    /// NBD_REPLY_TYPE_NONE (0).
    public static let none: UInt16 = 0
    /// NBD_REPLY_TYPE_OFFSET_DATA (1).
    public static let offsetData: UInt16 = 1
    /// NBD_REPLY_TYPE_OFFSET_HOLE (2).
    public static let offsetHole: UInt16 = 2
    /// NBD_REPLY_TYPE_BLOCK_STATUS (5).
    public static let blockStatus: UInt16 = 5
    /// NBD_REPLY_TYPE_ERROR (2^15 + 1).
    public static let error: UInt16 = 0x8001
    /// NBD_REPLY_TYPE_ERROR_OFFSET (2^15 + 2).
    public static let errorOffset: UInt16 = 0x8002
}

/// The error values a reply may carry. The specification restricts replies to exactly these.
public enum NBDError: UInt32, Error, Sendable, CaseIterable {
    /// NBD_EPERM (1): a write to a read-only export.
    case notPermitted = 1
    /// NBD_EIO (5): the storage failed.
    case inputOutput = 5
    /// NBD_ENOMEM (12).
    case noMemory = 12
    /// NBD_EINVAL (22): bad command, bad flags, a read beyond the end.
    case invalid = 22
    /// NBD_ENOSPC (28): a write beyond the end, or no room on the storage.
    case noSpace = 28
    /// NBD_EOVERFLOW (75): a value too large, such as an unfragmentable read.
    case overflow = 75
    /// NBD_ENOTSUP (95): the operation cannot be done as asked, such as a fast zero that would be slow.
    case notSupported = 95
    /// NBD_ESHUTDOWN (108): the server is shutting down or no longer serves this export.
    case shutdown = 108

    public var name: String {
        switch self {
        case .notPermitted: "EPERM"
        case .inputOutput: "EIO"
        case .noMemory: "ENOMEM"
        case .invalid: "EINVAL"
        case .noSpace: "ENOSPC"
        case .overflow: "EOVERFLOW"
        case .notSupported: "ENOTSUP"
        case .shutdown: "ESHUTDOWN"
        }
    }
}

/// State flags of the `base:allocation` metadata context.
public enum AllocationState {
    /// NBD_STATE_HOLE (bit 0): not allocated in the backing storage.
    public static let hole: UInt32 = 1 << 0
    /// NBD_STATE_ZERO (bit 1): reads as zeroes.
    public static let zero: UInt32 = 1 << 1
}

/// Sizes fixed by the specification.
public enum NBDWireSize {
    /// The server greeting: NBDMAGIC, IHAVEOPT, handshake flags.
    public static let greeting = 18
    /// An option request header: magic, option, length.
    public static let optionHeader = 16
    /// An option reply header: magic, option, type, length.
    public static let optionReplyHeader = 20
    /// A transmission request header.
    public static let requestHeader = 28
    /// A simple reply header.
    public static let simpleReplyHeader = 16
    /// A structured reply chunk header.
    public static let structuredReplyHeader = 20
    /// The reserved zeroes after an NBD_OPT_EXPORT_NAME reply.
    public static let exportNameZeroes = 124
    /// The longest string the specification allows (export names, messages).
    public static let maximumString = 4096
}

/// The metadata context this server offers.
public enum MetaContext {
    public static let baseAllocation = "base:allocation"
    /// The context id this server assigns to `base:allocation`.
    public static let baseAllocationID: UInt32 = 1
}
