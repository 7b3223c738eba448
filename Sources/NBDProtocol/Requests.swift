// Transmission-phase requests: the 28-byte header and the checks every request passes before
// the server touches storage.

/// A request header as it arrived. `type` stays raw so that unknown commands can be answered.
public struct RequestHeader: Equatable, Sendable {
    public let flags: CommandFlags
    public let type: UInt16
    public let handle: UInt64
    public let offset: UInt64
    public let length: UInt32

    public init(flags: CommandFlags, type: UInt16, handle: UInt64, offset: UInt64, length: UInt32) {
        self.flags = flags
        self.type = type
        self.handle = handle
        self.offset = offset
        self.length = length
    }

    /// Parses 28 bytes at `pointer`; nil when the magic is wrong, after which the stream is lost.
    @inline(__always)
    public static func parse(_ pointer: UnsafeRawPointer) -> RequestHeader? {
        guard pointer.bigEndianUInt32(at: 0) == NBDMagic.request else { return nil }
        return RequestHeader(
            flags: CommandFlags(rawValue: pointer.bigEndianUInt16(at: 4)),
            type: pointer.bigEndianUInt16(at: 6),
            handle: pointer.bigEndianUInt64(at: 8),
            offset: pointer.bigEndianUInt64(at: 16),
            length: pointer.bigEndianUInt32(at: 24))
    }

    /// Encodes the header; used by tests and by clients inside this project.
    public func encode(into writer: inout WireWriter) {
        writer.append(NBDMagic.request)
        writer.append(flags.rawValue)
        writer.append(type)
        writer.append(handle)
        writer.append(offset)
        writer.append(length)
    }

    /// Whether a payload of `length` bytes follows this header on the wire.
    @inline(__always)
    public var carriesPayload: Bool { type == CommandType.write.rawValue }
}

/// What was agreed for this connection during the handshake, as the request checks need it.
public struct NegotiatedExport: Sendable {
    public let sizeBytes: UInt64
    public let flags: TransmissionFlags
    public let structuredReplies: Bool
    public let blockStatusContextSelected: Bool
    public let maximumPayloadBytes: UInt32

    public init(
        sizeBytes: UInt64, flags: TransmissionFlags, structuredReplies: Bool, blockStatusContextSelected: Bool,
        maximumPayloadBytes: UInt32
    ) {
        self.sizeBytes = sizeBytes
        self.flags = flags
        self.structuredReplies = structuredReplies
        self.blockStatusContextSelected = blockStatusContextSelected
        self.maximumPayloadBytes = maximumPayloadBytes
    }

    public var readOnly: Bool { flags.contains(.readOnly) }
}

/// Why a request is refused before it reaches storage. Each maps to exactly one NBD error.
public enum RequestFault: Error, Equatable, Sendable {
    case unknownCommand(UInt16)
    case flagsNotAllowed(command: CommandType, flags: CommandFlags)
    case readOnlyExport(CommandType)
    case zeroLength(CommandType)
    case payloadTooLarge(command: CommandType, length: UInt32, maximum: UInt32)
    case beyondEnd(command: CommandType, offset: UInt64, length: UInt32, size: UInt64)
    case nonzeroFlushRange(offset: UInt64, length: UInt32)
    case noMetaContext
    case notAdvertised(CommandType)

    /// The error code, as the specification's error table asks.
    public var error: NBDError {
        switch self {
        case .unknownCommand, .flagsNotAllowed, .zeroLength, .payloadTooLarge, .nonzeroFlushRange, .noMetaContext,
            .notAdvertised:
            .invalid
        case .readOnlyExport: .notPermitted
        case .beyondEnd(let command, _, _, _): command == .write || command == .writeZeroes ? .noSpace : .invalid
        }
    }

    /// A message for the person at the client, sent in structured error chunks.
    public var message: String {
        switch self {
        case .unknownCommand(let type): "unknown command \(type)"
        case .flagsNotAllowed(let command, let flags):
            "flags 0x\(String(flags.rawValue, radix: 16)) are not valid for \(command.name) on this connection"
        case .readOnlyExport(let command): "\(command.name) refused: the export is read-only"
        case .zeroLength(let command): "\(command.name) with length 0"
        case .payloadTooLarge(let command, let length, let maximum):
            "\(command.name) of \(length) bytes exceeds the maximum payload of \(maximum) bytes"
        case .beyondEnd(let command, let offset, let length, let size):
            "\(command.name) at offset \(offset) length \(length) goes beyond the export size \(size)"
        case .nonzeroFlushRange(let offset, let length):
            "FLUSH must have offset and length 0, got \(offset) and \(length)"
        case .noMetaContext: "BLOCK_STATUS needs a metadata context selected with NBD_OPT_SET_META_CONTEXT"
        case .notAdvertised(let command): "\(command.name) was not advertised for this export"
        }
    }
}

public enum RequestValidation {
    /// Checks a request against the negotiated export. The order matters only for which single
    /// error a doubly wrong request gets: command, write permission, flags, length, range.
    @inline(__always)
    public static func check(_ header: RequestHeader, export: NegotiatedExport) -> RequestFault? {
        // Is it a command this server knows?
        guard let command = CommandType(rawValue: header.type) else { return .unknownCommand(header.type) }

        // DISC ignores its fields: nothing is replied to it.
        if command == .disconnect { return nil }

        // Writing commands on a read-only export.
        let writes = command == .write || command == .trim || command == .writeZeroes
        if writes && export.readOnly { return .readOnlyExport(command) }

        // Only flags documented for this command, and advertised for this connection.
        let allowed = allowedFlags(command, export: export)
        if !allowed.isSuperset(of: header.flags) { return .flagsNotAllowed(command: command, flags: header.flags) }

        switch command {
        case .flush:
            // FLUSH carries no range.
            if header.offset != 0 || header.length != 0 {
                return .nonzeroFlushRange(offset: header.offset, length: header.length)
            }
            return nil
        case .blockStatus:
            // Block status needs a selected context, which in turn needs structured replies.
            if !export.blockStatusContextSelected { return .noMetaContext }
        case .cache:
            if !export.flags.contains(.sendCache) { return .notAdvertised(command) }
        default:
            break
        }

        // A request with no bytes has no meaning.
        if header.length == 0 { return .zeroLength(command) }

        // Reads and writes move their payload through a buffer of bounded size.
        if (command == .read || command == .write) && header.length > export.maximumPayloadBytes {
            return .payloadTooLarge(command: command, length: header.length, maximum: export.maximumPayloadBytes)
        }

        // The range must lie inside the export; checked without 64-bit wrap.
        if header.offset > export.sizeBytes || UInt64(header.length) > export.sizeBytes - header.offset {
            return .beyondEnd(command: command, offset: header.offset, length: header.length, size: export.sizeBytes)
        }
        return nil
    }

    /// The flags a command may carry on this connection.
    @inline(__always)
    public static func allowedFlags(_ command: CommandType, export: NegotiatedExport) -> CommandFlags {
        var allowed: CommandFlags = export.flags.contains(.sendFUA) ? [.fua] : []
        switch command {
        case .read:
            if export.flags.contains(.sendDF) { allowed.insert(.dontFragment) }
        case .writeZeroes:
            allowed.insert(.noHole)
            if export.flags.contains(.sendFastZero) { allowed.insert(.fastZero) }
        case .blockStatus:
            allowed.insert(.requestOne)
        default:
            break
        }
        return allowed
    }
}
