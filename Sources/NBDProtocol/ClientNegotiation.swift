// The client's side of fixed newstyle negotiation: reading the greeting, asking for an export
// with NBD_OPT_GO, and reading the option replies that answer it.

/// Why a server's side of the negotiation cannot be accepted by a client.
public enum ClientNegotiationError: Error, Equatable, CustomStringConvertible {
    /// The greeting did not start with NBDMAGIC and IHAVEOPT: not an NBD newstyle server.
    case notNewstyleServer
    /// The server does not offer fixed newstyle negotiation, which NBD_OPT_GO needs.
    case fixedNewstyleNotOffered
    /// An option reply did not start with the option reply magic.
    case badReplyMagic(UInt64)
    /// An option reply answered another option than the one asked.
    case unexpectedReplyOption(expected: UInt32, received: UInt32)
    /// An option reply was shorter than its type requires.
    case truncatedReply(type: UInt32)
    /// The server refused the option; `message` is what it said, for people.
    case refused(type: UInt32, message: String)
    /// The server acknowledged NBD_OPT_GO without saying the export's size and flags.
    case exportInformationMissing

    public var description: String {
        switch self {
        case .notNewstyleServer: "the peer did not greet as an NBD newstyle server"
        case .fixedNewstyleNotOffered: "the server does not offer fixed newstyle negotiation"
        case .badReplyMagic(let magic): "option reply has bad magic 0x\(String(magic, radix: 16))"
        case .unexpectedReplyOption(let expected, let received):
            "server answered option \(OptionCode.name(received)) while \(OptionCode.name(expected)) was asked"
        case .truncatedReply(let type): "option reply of type 0x\(String(type, radix: 16)) is truncated"
        case .refused(let type, let message):
            "server refused the export (\(OptionReplyType.errorName(type)))"
                + (message.isEmpty ? "" : ": \(message)")
        case .exportInformationMissing: "server accepted NBD_OPT_GO without sending NBD_INFO_EXPORT"
        }
    }
}

/// An option reply's header, 20 bytes, as a client reads it before the reply's data.
public struct OptionReplyHeader: Equatable, Sendable {
    public let option: UInt32
    public let type: UInt32
    public let length: UInt32

    public init(option: UInt32, type: UInt32, length: UInt32) {
        self.option = option
        self.type = type
        self.length = length
    }

    public static func parse(_ bytes: [UInt8]) throws(ClientNegotiationError) -> OptionReplyHeader {
        var reader = WireReader(bytes)
        guard let magic = reader.readUInt64(), let option = reader.readUInt32(), let type = reader.readUInt32(),
            let length = reader.readUInt32()
        else { throw .truncatedReply(type: 0) }
        guard magic == NBDMagic.optionReply else { throw .badReplyMagic(magic) }
        return OptionReplyHeader(option: option, type: type, length: length)
    }

    /// Error replies have bit 31 set.
    public var isError: Bool { type & 0x8000_0000 != 0 }
}

/// What NBD_OPT_GO established: what the kernel needs to serve the export.
public struct ServedExport: Equatable, Sendable {
    public var sizeBytes: UInt64
    public var flags: TransmissionFlags
    /// The server's preferred block size, when it sent NBD_INFO_BLOCK_SIZE.
    public var preferredBlockBytes: UInt32?
    /// The server's minimum block size, when it sent NBD_INFO_BLOCK_SIZE.
    public var minimumBlockBytes: UInt32?

    public init(
        sizeBytes: UInt64, flags: TransmissionFlags, preferredBlockBytes: UInt32? = nil,
        minimumBlockBytes: UInt32? = nil
    ) {
        self.sizeBytes = sizeBytes
        self.flags = flags
        self.preferredBlockBytes = preferredBlockBytes
        self.minimumBlockBytes = minimumBlockBytes
    }
}

public enum ClientNegotiation {
    /// The client flags this client sends: fixed newstyle, and no zeroes when the server offers it.
    public static func clientFlags(answering offered: HandshakeFlags) -> ClientFlags {
        offered.contains(.noZeroes) ? [.fixedNewstyle, .noZeroes] : [.fixedNewstyle]
    }

    /// Reads the 18-byte greeting and returns the server's handshake flags.
    public static func parseGreeting(_ bytes: [UInt8]) throws(ClientNegotiationError) -> HandshakeFlags {
        var reader = WireReader(bytes)
        guard reader.readUInt64() == NBDMagic.initialPassword, reader.readUInt64() == NBDMagic.optionRequest,
            let raw = reader.readUInt16()
        else { throw .notNewstyleServer }
        let flags = HandshakeFlags(rawValue: raw)
        guard flags.contains(.fixedNewstyle) else { throw .fixedNewstyleNotOffered }
        return flags
    }

    /// The 32-bit client flags, sent once after the greeting.
    public static func encodeClientFlags(_ flags: ClientFlags) -> [UInt8] {
        var writer = WireWriter(capacity: 4)
        writer.append(flags.rawValue)
        return writer.bytes
    }

    /// NBD_OPT_GO for `exportName`, asking for the block size constraints as well.
    public static func encodeGo(exportName: String) -> [UInt8] {
        let name = nbdStringBytes(exportName)
        let requested: [UInt16] = [InfoType.blockSize]
        var writer = WireWriter(capacity: NBDWireSize.optionHeader + 6 + name.count + 2 * requested.count)
        writer.append(NBDMagic.optionRequest)
        writer.append(OptionCode.go)
        writer.append(UInt32(4 + name.count + 2 + 2 * requested.count))
        writer.append(UInt32(name.count))
        writer.append(contentsOf: name)
        writer.append(UInt16(requested.count))
        for info in requested { writer.append(info) }
        return writer.bytes
    }

    /// Folds one reply to NBD_OPT_GO into `replies`. Returns the export once the reply is the
    /// final NBD_REP_ACK, after which transmission begins; nil while more replies follow.
    public static func absorbGoReply(
        _ header: OptionReplyHeader, data: [UInt8], into replies: inout GoReplies
    ) throws(ClientNegotiationError) -> ServedExport? {
        guard header.option == OptionCode.go else {
            throw .unexpectedReplyOption(expected: OptionCode.go, received: header.option)
        }
        if header.isError {
            throw .refused(type: header.type, message: String(decoding: data, as: UTF8.self))
        }
        switch header.type {
        case OptionReplyType.acknowledge:
            guard let sizeBytes = replies.sizeBytes, let flags = replies.flags else {
                throw .exportInformationMissing
            }
            return ServedExport(
                sizeBytes: sizeBytes, flags: flags, preferredBlockBytes: replies.preferredBlockBytes,
                minimumBlockBytes: replies.minimumBlockBytes)
        case OptionReplyType.info:
            try replies.absorbInfo(data)
            return nil
        default:
            // A reply type this client does not know carries nothing it needs.
            return nil
        }
    }
}

/// What the NBD_REP_INFO replies to NBD_OPT_GO said so far; they may come in any order.
public struct GoReplies: Sendable {
    public private(set) var sizeBytes: UInt64?
    public private(set) var flags: TransmissionFlags?
    public private(set) var preferredBlockBytes: UInt32?
    public private(set) var minimumBlockBytes: UInt32?

    public init() {}

    mutating func absorbInfo(_ data: [UInt8]) throws(ClientNegotiationError) {
        var reader = WireReader(data)
        guard let infoType = reader.readUInt16() else { throw .truncatedReply(type: OptionReplyType.info) }
        switch infoType {
        case InfoType.export:
            guard let size = reader.readUInt64(), let raw = reader.readUInt16() else {
                throw .truncatedReply(type: OptionReplyType.info)
            }
            sizeBytes = size
            flags = TransmissionFlags(rawValue: raw)
        case InfoType.blockSize:
            guard let minimum = reader.readUInt32(), let preferred = reader.readUInt32(), reader.readUInt32() != nil
            else { throw .truncatedReply(type: OptionReplyType.info) }
            minimumBlockBytes = minimum
            preferredBlockBytes = preferred
        default:
            // Names and descriptions are for people; the kernel needs none of them.
            break
        }
    }
}

extension OptionReplyType {
    /// The specification's name of an error reply type, for messages.
    public static func errorName(_ type: UInt32) -> String {
        switch type {
        case errorUnsupported: "NBD_REP_ERR_UNSUP"
        case errorPolicy: "NBD_REP_ERR_POLICY"
        case errorInvalid: "NBD_REP_ERR_INVALID"
        case errorPlatform: "NBD_REP_ERR_PLATFORM"
        case errorTLSRequired: "NBD_REP_ERR_TLS_REQD"
        case errorUnknownExport: "NBD_REP_ERR_UNKNOWN"
        case errorShutdown: "NBD_REP_ERR_SHUTDOWN"
        case errorBlockSizeRequired: "NBD_REP_ERR_BLOCK_SIZE_REQD"
        case errorTooBig: "NBD_REP_ERR_TOO_BIG"
        default: "0x\(String(type, radix: 16))"
        }
    }
}
