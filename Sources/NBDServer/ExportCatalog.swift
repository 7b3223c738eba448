import NBDProtocol

/// The exports a server offers, in the order they were configured. The first one is the
/// default export that an empty name selects.
public final class ExportCatalog: Sendable {
    public let exports: [FileExport]

    public init(_ exports: [FileExport]) {
        self.exports = exports
    }

    public func find(_ name: String) -> FileExport? {
        if name.isEmpty { return exports.first }
        return exports.first { $0.name == name }
    }

    /// The transmission flags of `export` for a connection that did or did not negotiate
    /// structured replies (NBD_FLAG_SEND_DF depends on it).
    static func transmissionFlags(_ export: FileExport, structuredReplies: Bool) -> TransmissionFlags {
        var flags: TransmissionFlags = [.hasFlags, .sendFlush, .canMultiConnection, .sendCache]
        if export.readOnly {
            flags.insert(.readOnly)
        } else {
            flags.formUnion([.sendFUA, .sendTrim, .sendWriteZeroes, .sendFastZero])
        }
        if structuredReplies { flags.insert(.sendDF) }
        return flags
    }
}
