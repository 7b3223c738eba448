import BlockfenceBase
import NBDProtocol

/// What a finished negotiation hands to the transmission phase.
struct NegotiatedSession {
    let export: FileExport
    let coordinator: (any ChangeCoordinator)?
    let structuredReplies: Bool
    let blockStatusContextSelected: Bool
    let flags: TransmissionFlags
}

/// The handshake phase of one connection: greeting, client flags, then option haggling until
/// the client picks an export, aborts, breaks a rule, or runs out of time.
///
/// | option | answer |
/// |---|---|
/// | EXPORT_NAME | size and flags, or a hard disconnect for an unknown export |
/// | ABORT | ACK, then close |
/// | LIST | one SERVER per export, then ACK |
/// | INFO, GO | INFO replies (export, name, description, block size), then ACK; ERR_UNKNOWN for an unknown export |
/// | STRUCTURED_REPLY | ACK |
/// | LIST_META_CONTEXT, SET_META_CONTEXT | META_CONTEXT per match, then ACK; ERR_INVALID without structured replies |
/// | STARTTLS, EXTENDED_HEADERS, anything else | ERR_UNSUP, and negotiation goes on |
/// | any option while the server shuts down | ERR_SHUTDOWN (ABORT excepted) |
struct OptionNegotiation {
    let descriptor: Int32
    let catalog: ExportCatalog
    let configuration: ServerConfiguration
    let logger: Logger
    let isShuttingDown: () -> Bool

    private var structuredReplies = false
    private var metaContextExport: String?
    private var blockStatusSelected = false

    init(
        descriptor: Int32, catalog: ExportCatalog, configuration: ServerConfiguration, logger: Logger,
        isShuttingDown: @escaping () -> Bool
    ) {
        self.descriptor = descriptor
        self.catalog = catalog
        self.configuration = configuration
        self.logger = logger
        self.isShuttingDown = isShuttingDown
    }

    /// Runs the handshake. nil means the client aborted politely.
    mutating func run() throws(HandshakeViolation) -> NegotiatedSession? {
        let deadline = monotonicNanoseconds() + UInt64(configuration.handshakeDeadlineMilliseconds) * 1_000_000
        guard SocketIO.sendAll(descriptor, Greeting.encode()) else { throw .clientClosed }
        let flagBytes = try SocketIO.receiveExactly(descriptor, 4, deadline: deadline)
        var flagReader = WireReader(flagBytes)
        let clientFlags = try Greeting.parseClientFlags(flagReader.readUInt32()!)

        while true {
            let header = try OptionHeader.parse(
                SocketIO.receiveExactly(descriptor, NBDWireSize.optionHeader, deadline: deadline))
            logger.trace("Option received.", ["option": OptionCode.name(header.option), "length": header.length])

            // Option data the server will not hold in memory: drain it if that is cheap, else give up.
            if header.length > configuration.maximumOptionBytes {
                guard header.option != OptionCode.exportName, header.length <= configuration.maximumDrainedOptionBytes
                else {
                    throw .optionTooLong(option: header.option, length: header.length)
                }
                try SocketIO.discard(descriptor, UInt64(header.length), deadline: deadline)
                try reply(
                    OptionReply.error(
                        option: header.option, type: OptionReplyType.errorTooBig,
                        message: "option data of \(header.length) bytes exceeds the limit of "
                            + "\(configuration.maximumOptionBytes)"))
                continue
            }
            let data = try SocketIO.receiveExactly(descriptor, Int(header.length), deadline: deadline)

            if isShuttingDown() && header.option != OptionCode.abort {
                try reply(
                    OptionReply.error(
                        option: header.option, type: OptionReplyType.errorShutdown, message: "server is shutting down"))
                continue
            }

            switch header.option {
            case OptionCode.exportName:
                return try exportName(data, noZeroes: clientFlags.contains(.noZeroes))
            case OptionCode.abort:
                // The client may already have closed; a failed ACK changes nothing.
                _ = SocketIO.sendAll(descriptor, OptionReply.acknowledge(option: OptionCode.abort))
                return nil
            case OptionCode.list:
                try list(data)
            case OptionCode.info, OptionCode.go:
                if let session = try infoOrGo(option: header.option, data) { return session }
            case OptionCode.structuredReply where configuration.structuredRepliesEnabled:
                try structuredReply(data)
            case OptionCode.listMetaContext, OptionCode.setMetaContext:
                try metaContext(option: header.option, data)
            case OptionCode.startTLS:
                try reply(
                    OptionReply.error(
                        option: header.option, type: OptionReplyType.errorUnsupported,
                        message: "TLS is not supported by this server"))
            default:
                try reply(
                    OptionReply.error(
                        option: header.option, type: OptionReplyType.errorUnsupported,
                        message: "option \(OptionCode.name(header.option)) is not supported"))
            }
        }
    }

    private func reply(_ bytes: [UInt8]) throws(HandshakeViolation) {
        guard SocketIO.sendAll(descriptor, bytes) else { throw .clientClosed }
    }

    private func invalid(_ option: UInt32, _ message: String) throws(HandshakeViolation) {
        try reply(OptionReply.error(option: option, type: OptionReplyType.errorInvalid, message: message))
    }

    private func exportName(_ data: [UInt8], noZeroes: Bool) throws(HandshakeViolation) -> NegotiatedSession {
        guard let name = try? decodeNBDString(data[...], field: "export name") else { throw .invalidExportName }
        guard let served = catalog.find(name) else { throw .unknownExportName(name) }
        let export = served.storage
        let flags = ExportCatalog.transmissionFlags(export, structuredReplies: structuredReplies)
        try reply(OptionReply.exportNameAnswer(sizeBytes: export.sizeBytes, flags: flags, noZeroes: noZeroes))
        return session(for: served, flags: flags)
    }

    private func list(_ data: [UInt8]) throws(HandshakeViolation) {
        guard data.isEmpty else { return try invalid(OptionCode.list, "NBD_OPT_LIST takes no data") }
        for export in catalog.exports {
            try reply(OptionReply.server(name: export.name, description: export.storage.description))
        }
        try reply(OptionReply.acknowledge(option: OptionCode.list))
    }

    private mutating func structuredReply(_ data: [UInt8]) throws(HandshakeViolation) {
        guard data.isEmpty else {
            return try invalid(OptionCode.structuredReply, "NBD_OPT_STRUCTURED_REPLY takes no data")
        }
        structuredReplies = true
        try reply(OptionReply.acknowledge(option: OptionCode.structuredReply))
    }

    private mutating func infoOrGo(option: UInt32, _ data: [UInt8]) throws(HandshakeViolation) -> NegotiatedSession? {
        let request: ExportInfoRequest
        do {
            request = try ExportInfoRequest.parse(data)
        } catch {
            try invalid(option, "\(OptionCode.name(option)): \(error)")
            return nil
        }
        guard let served = catalog.find(request.exportName) else {
            try reply(
                OptionReply.error(
                    option: option, type: OptionReplyType.errorUnknownExport,
                    message: "export '\(request.exportName)' does not exist"))
            return nil
        }
        let export = served.storage
        let flags = ExportCatalog.transmissionFlags(export, structuredReplies: structuredReplies)
        try reply(OptionReply.infoExport(option: option, sizeBytes: export.sizeBytes, flags: flags))
        var sent: Set<UInt16> = [InfoType.export]
        for type in request.requestedInfo where !sent.contains(type) {
            sent.insert(type)
            switch type {
            case InfoType.name:
                try reply(OptionReply.infoString(option: option, infoType: InfoType.name, text: export.name))
            case InfoType.description where !export.description.isEmpty:
                try reply(
                    OptionReply.infoString(option: option, infoType: InfoType.description, text: export.description))
            default:
                break
            }
        }
        // Block sizes go out whether asked for or not, as the specification permits.
        try reply(
            OptionReply.infoBlockSize(
                option: option, minimum: configuration.minimumBlockBytes, preferred: configuration.preferredBlockBytes,
                maximum: configuration.maximumPayloadBytes))
        try reply(OptionReply.acknowledge(option: option))
        return option == OptionCode.go ? session(for: served, flags: flags) : nil
    }

    private mutating func metaContext(option: UInt32, _ data: [UInt8]) throws(HandshakeViolation) {
        let listing = option == OptionCode.listMetaContext
        // SET replaces the selection even when it fails, so a failed SET leaves nothing selected.
        if !listing {
            metaContextExport = nil
            blockStatusSelected = false
        }
        guard structuredReplies else {
            return try invalid(option, "metadata contexts need NBD_OPT_STRUCTURED_REPLY first")
        }
        let request: MetaContextRequest
        do {
            request = try MetaContextRequest.parse(data)
        } catch {
            return try invalid(option, "\(OptionCode.name(option)): \(error)")
        }
        guard catalog.find(request.exportName) != nil else {
            return try reply(
                OptionReply.error(
                    option: option, type: OptionReplyType.errorUnknownExport,
                    message: "export '\(request.exportName)' does not exist"))
        }
        let selected = MetaContextRequest.matches(queries: request.queries, listing: listing)
        for name in selected {
            try reply(
                OptionReply.metaContext(option: option, id: listing ? 0 : MetaContext.baseAllocationID, name: name))
        }
        if !listing {
            metaContextExport = request.exportName
            blockStatusSelected = selected.contains(MetaContext.baseAllocation)
        }
        try reply(OptionReply.acknowledge(option: option))
    }

    private func session(for served: ServedExport, flags: TransmissionFlags) -> NegotiatedSession {
        // A context selected for another export does not carry over to this one.
        let contextApplies = metaContextExport.map { catalog.find($0)?.storage === served.storage } ?? false
        return NegotiatedSession(
            export: served.storage, coordinator: served.coordinator, structuredReplies: structuredReplies,
            blockStatusContextSelected: blockStatusSelected && contextApplies && structuredReplies, flags: flags)
    }
}
