// Replies to options in fixed newstyle negotiation.

/// What the server says about an export in NBD_REP_INFO and the NBD_OPT_EXPORT_NAME reply.
public struct ExportDescription: Equatable, Sendable {
    public let name: String
    public let description: String
    public let sizeBytes: UInt64
    public let flags: TransmissionFlags
    public let minimumBlockBytes: UInt32
    public let preferredBlockBytes: UInt32
    public let maximumPayloadBytes: UInt32

    public init(
        name: String, description: String, sizeBytes: UInt64, flags: TransmissionFlags,
        minimumBlockBytes: UInt32, preferredBlockBytes: UInt32, maximumPayloadBytes: UInt32
    ) {
        self.name = name
        self.description = description
        self.sizeBytes = sizeBytes
        self.flags = flags
        self.minimumBlockBytes = minimumBlockBytes
        self.preferredBlockBytes = preferredBlockBytes
        self.maximumPayloadBytes = maximumPayloadBytes
    }
}

public enum OptionReply {
    /// The reply header and its data.
    public static func encode(option: UInt32, type: UInt32, data: [UInt8] = []) -> [UInt8] {
        var writer = WireWriter(capacity: NBDWireSize.optionReplyHeader + data.count)
        writer.append(NBDMagic.optionReply)
        writer.append(option)
        writer.append(type)
        writer.append(UInt32(data.count))
        writer.append(contentsOf: data)
        return writer.bytes
    }

    /// NBD_REP_ACK.
    public static func acknowledge(option: UInt32) -> [UInt8] {
        encode(option: option, type: OptionReplyType.acknowledge)
    }

    /// An error reply carrying a message for people; messages are cut to the string limit.
    public static func error(option: UInt32, type: UInt32, message: String) -> [UInt8] {
        precondition(type & 0x8000_0000 != 0, "error replies have bit 31 set")
        return encode(option: option, type: type, data: Array(nbdStringBytes(message)))
    }

    /// NBD_REP_SERVER for NBD_OPT_LIST: the name, then a description for people.
    public static func server(name: String, description: String) -> [UInt8] {
        var writer = WireWriter()
        let nameBytes = nbdStringBytes(name)
        writer.append(UInt32(nameBytes.count))
        writer.append(contentsOf: nameBytes)
        writer.append(contentsOf: nbdStringBytes(description))
        return encode(option: OptionCode.list, type: OptionReplyType.server, data: writer.bytes)
    }

    /// NBD_REP_INFO with NBD_INFO_EXPORT: size and transmission flags.
    public static func infoExport(option: UInt32, sizeBytes: UInt64, flags: TransmissionFlags) -> [UInt8] {
        var writer = WireWriter()
        writer.append(InfoType.export)
        writer.append(sizeBytes)
        writer.append(flags.rawValue)
        return encode(option: option, type: OptionReplyType.info, data: writer.bytes)
    }

    /// NBD_REP_INFO with NBD_INFO_NAME or NBD_INFO_DESCRIPTION.
    public static func infoString(option: UInt32, infoType: UInt16, text: String) -> [UInt8] {
        var writer = WireWriter()
        writer.append(infoType)
        writer.append(contentsOf: nbdStringBytes(text))
        return encode(option: option, type: OptionReplyType.info, data: writer.bytes)
    }

    /// NBD_REP_INFO with NBD_INFO_BLOCK_SIZE: minimum, preferred, maximum payload.
    public static func infoBlockSize(option: UInt32, minimum: UInt32, preferred: UInt32, maximum: UInt32) -> [UInt8] {
        var writer = WireWriter()
        writer.append(InfoType.blockSize)
        writer.append(minimum)
        writer.append(preferred)
        writer.append(maximum)
        return encode(option: option, type: OptionReplyType.info, data: writer.bytes)
    }

    /// NBD_REP_META_CONTEXT: the context id and its name.
    public static func metaContext(option: UInt32, id: UInt32, name: String) -> [UInt8] {
        var writer = WireWriter()
        writer.append(id)
        writer.append(contentsOf: nbdStringBytes(name))
        return encode(option: option, type: OptionReplyType.metaContext, data: writer.bytes)
    }

    /// The answer to NBD_OPT_EXPORT_NAME, which has no reply header: size, flags, and 124 zero
    /// bytes unless the client asked for none.
    public static func exportNameAnswer(sizeBytes: UInt64, flags: TransmissionFlags, noZeroes: Bool) -> [UInt8] {
        var writer = WireWriter(capacity: 10 + NBDWireSize.exportNameZeroes)
        writer.append(sizeBytes)
        writer.append(flags.rawValue)
        if !noZeroes { writer.appendZeroes(NBDWireSize.exportNameZeroes) }
        return writer.bytes
    }
}
