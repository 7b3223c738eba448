import NBDProtocol
import Synchronization

/// An export as a connection sees it: the storage, and, for a replicated volume's primary, the
/// coordinator its changes must pass through.
public struct ServedExport: Sendable {
    public let storage: FileExport
    public let coordinator: (any ChangeCoordinator)?

    public init(storage: FileExport, coordinator: (any ChangeCoordinator)? = nil) {
        self.storage = storage
        self.coordinator = coordinator
    }

    public var name: String { storage.name }
}

/// The exports a server offers, in the order they were added. The first one is the default
/// export that an empty name selects. A storage server adds and removes exports as it gains
/// and loses primaryship; connections keep the export they negotiated.
public final class ExportCatalog: Sendable {
    private let entries: Mutex<[ServedExport]>

    public init(_ exports: [FileExport] = []) {
        entries = Mutex(exports.map { ServedExport(storage: $0) })
    }

    public var exports: [ServedExport] { entries.withLock { $0 } }

    public func find(_ name: String) -> ServedExport? {
        entries.withLock { entries in
            if name.isEmpty { return entries.first }
            return entries.first { $0.name == name }
        }
    }

    /// Adds an export, replacing one of the same name.
    public func add(_ export: ServedExport) {
        entries.withLock { entries in
            entries.removeAll { $0.name == export.name }
            entries.append(export)
        }
    }

    public func remove(name: String) {
        entries.withLock { $0.removeAll { $0.name == name } }
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
