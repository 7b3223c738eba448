// The first phase of fixed newstyle negotiation: the server greeting and the client's flags.

/// Why a handshake cannot go on. Each case ends the session with a hard disconnect, because the
/// specification leaves the server no way to answer it.
public enum HandshakeViolation: Error, Equatable, CustomStringConvertible {
    /// The client set flag bits this server does not know or did not offer.
    case unknownClientFlags(UInt32)
    /// An option request did not start with IHAVEOPT.
    case badOptionMagic(UInt64)
    /// The option's declared length exceeds what the server is willing to read.
    case optionTooLong(option: UInt32, length: UInt32)
    /// NBD_OPT_EXPORT_NAME named an export that does not exist; that option cannot carry an error.
    case unknownExportName(String)
    /// NBD_OPT_EXPORT_NAME carried a name that is not a valid string.
    case invalidExportName
    /// The client did not finish negotiating before the deadline.
    case deadlineExpired
    /// The client closed the connection.
    case clientClosed

    public var description: String {
        switch self {
        case .unknownClientFlags(let flags): "client sent unknown or unoffered flags 0x\(String(flags, radix: 16))"
        case .badOptionMagic(let magic): "option request has bad magic 0x\(String(magic, radix: 16))"
        case .optionTooLong(let option, let length):
            "option \(OptionCode.name(option)) declares \(length) bytes, more than the server accepts"
        case .unknownExportName(let name): "NBD_OPT_EXPORT_NAME asked for unknown export '\(name)'"
        case .invalidExportName: "NBD_OPT_EXPORT_NAME carried an invalid name"
        case .deadlineExpired: "client did not finish the handshake in time"
        case .clientClosed: "client closed the connection during the handshake"
        }
    }
}

public enum Greeting {
    /// The handshake flags this server offers.
    public static let offeredFlags: HandshakeFlags = [.fixedNewstyle, .noZeroes]

    /// NBDMAGIC, IHAVEOPT, then the 16-bit handshake flags.
    public static func encode(flags: HandshakeFlags = offeredFlags) -> [UInt8] {
        var writer = WireWriter(capacity: NBDWireSize.greeting)
        writer.append(NBDMagic.initialPassword)
        writer.append(NBDMagic.optionRequest)
        writer.append(flags.rawValue)
        return writer.bytes
    }

    /// Checks the client's 32-bit flags against what was offered. The server must drop a client that
    /// sets a flag it does not know, or one matching nothing it advertised.
    public static func parseClientFlags(
        _ raw: UInt32, offered: HandshakeFlags = offeredFlags
    ) throws(HandshakeViolation) -> ClientFlags {
        var allowed: ClientFlags = [.fixedNewstyle]
        if offered.contains(.noZeroes) { allowed.insert(.noZeroes) }
        let flags = ClientFlags(rawValue: raw)
        guard allowed.isSuperset(of: flags) else { throw .unknownClientFlags(raw) }
        return flags
    }
}
