/// Where a volume's data is served: the NBD server of its current primary and the export name.
public struct NBDTarget: Equatable, Sendable {
    public var host: String
    public var port: UInt16
    public var exportName: String

    public init(host: String, port: UInt16, exportName: String) {
        self.host = host
        self.port = port
        self.exportName = exportName
    }

    /// Reads `nbd://host:port/name`, the form the control core reports.
    public init?(uri: String) {
        guard uri.hasPrefix("nbd://") else { return nil }
        let rest = uri.dropFirst("nbd://".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let authority = rest[..<slash]
        let name = String(rest[rest.index(after: slash)...])
        guard let colon = authority.lastIndex(of: ":"), let port = UInt16(authority[authority.index(after: colon)...])
        else { return nil }
        var host = String(authority[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !name.isEmpty else { return nil }
        self.init(host: host, port: port, exportName: name)
    }
}

/// Finds which server serves a volume now. The primary moves on failover, so the node asks at
/// the moment it attaches rather than trusting what the controller saw at publish time.
public protocol PrimaryLocating: Sendable {
    func target(ofVolume volume: String) async throws(CSIError) -> NBDTarget
}

/// Connects kernel block devices to NBD exports, keeps them pointed at each volume's current
/// primary, and disconnects them.
///
/// A device is reserved before it is connected, so that the stage record can name it first: a
/// plugin that dies between connecting and recording then still finds the device to clean up.
public protocol BlockDeviceAttaching: Sendable {
    /// A free device, for example /dev/nbd0, that no other attach of this process is about to
    /// take and that is not in `excluding` (devices other stage records name).
    func reserveDevice(volume: String, excluding: Set<String>) async throws(CSIError) -> String
    /// Connects `device` to the volume's primary and keeps it connected until `detach`.
    func attach(volume: String, device: String, target: NBDTarget) async throws(CSIError)
    /// Whether `device` serves `volume` in this process; a device connected by an earlier
    /// process of this boot is taken over (supervised from now on). False when it is not connected.
    func adopt(volume: String, device: String, exportName: String) async -> Bool
    /// Stops keeping the device connected and disconnects it; succeeds when it is disconnected already.
    func detach(device: String) async throws(CSIError)
    /// Makes the kernel device take the size the primary serves now, after the volume grew.
    func refreshSize(device: String) async throws(CSIError)
}

/// What statvfs says about a mounted file system.
public struct FilesystemStatistics: Equatable, Sendable {
    public var totalBytes: Int64
    public var availableBytes: Int64
    public var usedBytes: Int64
    public var totalInodes: Int64
    public var freeInodes: Int64
    public var usedInodes: Int64

    public init(
        totalBytes: Int64, availableBytes: Int64, usedBytes: Int64, totalInodes: Int64, freeInodes: Int64,
        usedInodes: Int64
    ) {
        self.totalBytes = totalBytes
        self.availableBytes = availableBytes
        self.usedBytes = usedBytes
        self.totalInodes = totalInodes
        self.freeInodes = freeInodes
        self.usedInodes = usedInodes
    }
}

/// The file system and mount actions of the node side, each one idempotent where it can be.
public protocol FilesystemTools: Sendable {
    /// The file system type blkid finds on the device, or nil when it finds none.
    func probe(device: String) async throws(CSIError) -> String?
    func makeFilesystem(type: String, device: String) async throws(CSIError)
    func mount(device: String, at path: String, type: String, options: [String]) async throws(CSIError)
    /// Binds `source` (a directory or a device) onto `target`.
    func bindMount(source: String, target: String, readOnly: Bool) async throws(CSIError)
    func unmount(path: String) async throws(CSIError)
    func isMountPoint(_ path: String) async -> Bool
    /// Grows the file system mounted at `path` to fill its device.
    func growFilesystem(type: String, device: String, mountPath: String) async throws(CSIError)
    func statistics(path: String) async throws(CSIError) -> FilesystemStatistics
    func deviceSizeBytes(_ device: String) async throws(CSIError) -> Int64
}
