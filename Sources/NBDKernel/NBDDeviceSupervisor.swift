import BlockfenceBase
import Glibc
import NBDProtocol
import Synchronization

/// How a device is attached and how hard it is kept attached.
public struct NBDAttachOptions: Sendable {
    /// How long one request may wait for its reply before the kernel takes the connection for
    /// dead and queues the request again for the next connection.
    public var requestTimeoutSeconds: UInt64 = 10
    /// How long the kernel holds I/O while no connection is alive. A new primary found within
    /// this time turns a failover into a pause; after it, waiting I/O fails.
    public var deadConnectionTimeoutSeconds: UInt64 = 120
    /// Bounds connecting and negotiating with one server.
    public var connectTimeoutMilliseconds: Int64 = 5000
    /// The first wait between reconnection attempts; it doubles up to `maximumBackoffMilliseconds`.
    public var initialBackoffMilliseconds: Int64 = 100
    public var maximumBackoffMilliseconds: Int64 = 2000
    /// How many times the first attach resolves and connects before it gives up.
    public var attachAttempts = 20

    public init() {}
}

/// Keeps one kernel NBD device pointed at a volume's current primary.
///
/// `attach` connects the device once. `supervise` then blocks, listening for the kernel's
/// NBD_CMD_LINK_DEAD notification; when the connection dies it asks `resolve` where the volume
/// is served now and hands the kernel a new socket to the same device (NBD_CMD_RECONFIGURE), so
/// that I/O waiting in the kernel continues there. `stop` (from any thread) ends `supervise`;
/// `detach` disconnects the device. Call `attach`, `supervise` and `detach` from one thread.
public final class NBDDeviceSupervisor: @unchecked Sendable {
    /// Where the volume is served now. Thrown errors are logged and the call is retried.
    public typealias Resolver = @Sendable () throws -> NBDTarget

    private let options: NBDAttachOptions
    private let logger: Logger
    private let resolve: Resolver
    private let stopping = Atomic<Bool>(false)
    /// Receives notifications; created before the device is connected so none is missed.
    private var listener: NBDNetlink?
    /// Written by `refreshSize` from another thread while `supervise` reads it.
    private let sizeBytes = Atomic<UInt64>(0)
    public private(set) var deviceIndex: UInt32?
    /// Our descriptor of the socket the kernel uses now (the kernel holds its own reference).
    /// Kept so that `refreshSize` can end that connection: a server bounds a connection by the
    /// size it announced, so a grown device needs a new connection before it may use the growth.
    private let liveSocket = Mutex<Int32>(-1)
    /// Set by `adopt`: the connection may have died unheard, so `supervise` replaces it first.
    private var freshConnectionFirst = false
    /// Counts completed reconnections, for `refreshSize` to wait on one.
    private let reconnections = Atomic<Int>(0)

    public init(options: NBDAttachOptions = NBDAttachOptions(), logger: Logger, resolve: @escaping Resolver) {
        self.options = options
        self.logger = logger
        self.resolve = resolve
    }

    /// Connects `deviceIndex` (or any free NBD device) to the volume and returns its path.
    public func attach(deviceIndex requested: UInt32? = nil) throws(NBDKernelError) -> String {
        let listener = try NBDNetlink(receiveTimeoutMilliseconds: 500)
        try listener.listenForNotifications()
        self.listener = listener
        let connection = try connectWithRetries(attempts: options.attachAttempts)
        var handedOver = false
        defer { if !handedOver { connection.closeDescriptor() } }
        let export = connection.export
        let settings = DeviceSettings(
            sizeBytes: export.sizeBytes, blockSizeBytes: Self.blockSize(for: export),
            serverFlags: UInt64(export.flags.rawValue), requestTimeoutSeconds: options.requestTimeoutSeconds,
            deadConnectionTimeoutSeconds: options.deadConnectionTimeoutSeconds)
        let index = try NBDNetlink().connect(settings, index: requested, socketDescriptor: connection.descriptor)
        deviceIndex = index
        keep(connection.descriptor)
        handedOver = true
        sizeBytes.store(export.sizeBytes, ordering: .releasing)
        logger.info(
            "Attached the NBD device.",
            [
                "device": "/dev/nbd\(index)", "target": connection.target, "size_bytes": export.sizeBytes,
                "block_size_bytes": settings.blockSizeBytes,
                "dead_connection_timeout_s": settings.deadConnectionTimeoutSeconds,
            ])
        return "/dev/nbd\(index)"
    }

    /// Takes over `deviceIndex`, connected earlier by a process that has stopped (a restarted
    /// plugin), so that `supervise` keeps it pointed at the primary. Its connection may have died
    /// while nobody listened, and that notification is lost; so `supervise` first hands the device
    /// a fresh connection, which the kernel drops harmlessly when the old one is alive.
    public func adopt(deviceIndex index: UInt32, sizeBytes: UInt64) throws(NBDKernelError) {
        let listener = try NBDNetlink(receiveTimeoutMilliseconds: 500)
        try listener.listenForNotifications()
        guard try NBDNetlink().status(index: index).first(where: { $0.index == index })?.connected == true else {
            throw .deviceNotConnected("/dev/nbd\(index)")
        }
        self.listener = listener
        deviceIndex = index
        self.sizeBytes.store(sizeBytes, ordering: .releasing)
        logger.info("Took over the NBD device.", ["device": "/dev/nbd\(index)", "size_bytes": sizeBytes])
        // Done by `supervise`, so that a primary out of reach does not hold up the caller.
        freshConnectionFirst = true
    }

    /// Blocks until `stop`, reconnecting the device whenever the kernel reports its connection dead.
    public func supervise() {
        guard let listener, let index = deviceIndex else { preconditionFailure("supervise() before attach()") }
        if freshConnectionFirst {
            freshConnectionFirst = false
            reconnect(index, reason: "The device was taken over; handing it a fresh connection.", replacesDead: false)
        }
        while !stopping.load(ordering: .acquiring) {
            let dead: [UInt32]
            do {
                dead = try listener.receiveDeadLinks()
            } catch {
                if case .system(let failure) = error, failure.errno == ENOBUFS {
                    // Notifications were dropped; one of them may have been ours.
                    logger.warning(
                        "Kernel notifications were lost; reconnecting to be sure.", ["device": "/dev/nbd\(index)"])
                    reconnect(
                        index, reason: "The connection to the primary may have died; reconnecting.", replacesDead: false
                    )
                    continue
                }
                logger.warning("Listening for kernel notifications failed.", ["error": error])
                pause(milliseconds: 1000)
                continue
            }
            if dead.contains(index) {
                reconnect(index, reason: "The connection to the primary died; reconnecting.", replacesDead: true)
            }
        }
        keep(-1)
    }

    /// Replaces the kept descriptor, closing the one it held.
    private func keep(_ descriptor: Int32) {
        let previous = liveSocket.withLock { kept in
            defer { kept = descriptor }
            return kept
        }
        if previous >= 0 { close(previous) }
    }

    /// Asks the primary for the export's size and gives the device that size (after the volume
    /// grew), returning it. Safe from any thread while `supervise` runs.
    public func refreshSize() throws(NBDKernelError) -> UInt64 {
        guard let index = deviceIndex else { throw .deviceNotConnected("no device") }
        let probe = try connectOnce()
        let served = probe.export.sizeBytes
        probe.closeDescriptor()
        guard served > sizeBytes.load(ordering: .acquiring) else { return sizeBytes.load(ordering: .acquiring) }
        // The live connection was bounded by the old size: end it, let `supervise` hand the
        // kernel a new one (I/O waits meanwhile, as in a failover), and only then grow the device.
        let before = reconnections.load(ordering: .acquiring)
        let socket = liveSocket.withLock { $0 }
        guard socket >= 0 else {
            throw .liveConnectionUnknown("/dev/nbd\(index)")
        }
        _ = shutdown(socket, Int32(SHUT_RDWR))
        let deadline = ContinuousClock.now + .seconds(Int64(options.deadConnectionTimeoutSeconds))
        while reconnections.load(ordering: .acquiring) == before {
            guard ContinuousClock.now < deadline, !stopping.load(ordering: .acquiring) else {
                throw .targetUnavailable("no new connection to the primary after the volume grew")
            }
            usleep(50_000)
        }
        try NBDNetlink().resize(index: index, sizeBytes: served)
        sizeBytes.store(served, ordering: .releasing)
        logger.info("Resized the NBD device.", ["device": "/dev/nbd\(index)", "size_bytes": served])
        return served
    }

    /// Makes `supervise` return within about half a second. Safe from any thread.
    public func stop() {
        stopping.store(true, ordering: .releasing)
    }

    /// Disconnects the device; I/O still waiting in the kernel fails.
    public func detach() throws(NBDKernelError) {
        guard let index = deviceIndex else { return }
        try NBDNetlink().disconnect(index: index)
        deviceIndex = nil
        logger.info("Detached the NBD device.", ["device": "/dev/nbd\(index)"])
    }

    /// Hands the kernel a new connection. `replacesDead` says the kernel reported the old one
    /// dead, so it takes the new one; otherwise the kernel may keep a live connection and drop
    /// ours without saying so (Linux answers success either way), and which socket it uses is
    /// no longer known here.
    private func reconnect(_ index: UInt32, reason: String, replacesDead: Bool) {
        let device = "/dev/nbd\(index)"
        logger.warning(reason, ["device": device])
        let started = ContinuousClock.now
        let deadline = started + .seconds(Int64(options.deadConnectionTimeoutSeconds))
        var backoff = options.initialBackoffMilliseconds
        var attempt = 0
        var reportedDeadline = false
        while !stopping.load(ordering: .acquiring) {
            attempt += 1
            do {
                let connection = try connectOnce()
                var handedOver = false
                defer { if !handedOver { connection.closeDescriptor() } }
                let deviceBytes = sizeBytes.load(ordering: .acquiring)
                if connection.export.sizeBytes != deviceBytes {
                    logger.warning(
                        "The primary serves another size than the device has; the device keeps its size.",
                        ["device": device, "device_bytes": deviceBytes, "served_bytes": connection.export.sizeBytes])
                }
                try NBDNetlink().reconfigure(index: index, socketDescriptor: connection.descriptor)
                if replacesDead {
                    keep(connection.descriptor)
                    handedOver = true
                } else {
                    keep(-1)
                }
                reconnections.add(1, ordering: .releasing)
                logger.info(
                    "Reconnected the NBD device.",
                    [
                        "device": device, "target": connection.target, "attempts": attempt,
                        "elapsed_ms": (ContinuousClock.now - started).milliseconds,
                    ])
                return
            } catch .kernelRefused(_, _, let errno) where errno == ENOSPC {
                // The kernel had no dead connection to replace: the link was alive after all.
                logger.debug("The device's connection is alive.", ["device": device])
                return
            } catch {
                logger.debug("Reconnection attempt failed.", ["device": device, "attempt": attempt, "error": error])
            }
            if !reportedDeadline && ContinuousClock.now > deadline {
                reportedDeadline = true
                logger.warning(
                    "No primary came back within the dead-connection timeout; I/O on the device fails until one does.",
                    ["device": device, "dead_connection_timeout_s": options.deadConnectionTimeoutSeconds])
            }
            pause(milliseconds: backoff)
            backoff = min(backoff * 2, options.maximumBackoffMilliseconds)
        }
    }

    private func connectWithRetries(attempts: Int) throws(NBDKernelError) -> NBDClientConnection {
        var backoff = options.initialBackoffMilliseconds
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try connectOnce()
            } catch {
                guard attempt < attempts, !stopping.load(ordering: .acquiring) else { throw error }
                logger.debug("Connection attempt failed.", ["attempt": attempt, "error": error])
            }
            pause(milliseconds: backoff)
            backoff = min(backoff * 2, options.maximumBackoffMilliseconds)
        }
    }

    private func connectOnce() throws(NBDKernelError) -> NBDClientConnection {
        let target: NBDTarget
        do {
            target = try resolve()
        } catch let error as NBDKernelError {
            throw error
        } catch {
            throw .targetUnavailable("\(error)")
        }
        return try NBDClientConnection.open(target, timeoutMilliseconds: options.connectTimeoutMilliseconds)
    }

    private func pause(milliseconds: Int64) {
        var remaining = milliseconds
        // Sleeps in slices so that `stop` is honoured promptly.
        while remaining > 0 && !stopping.load(ordering: .acquiring) {
            let slice = min(remaining, 100)
            usleep(UInt32(slice * 1000))
            remaining -= slice
        }
    }

    /// The kernel takes a power of two from 512 to the page size. 512 unless the server needs
    /// more, so that any filesystem's block size fits.
    static func blockSize(for export: ServedExport) -> UInt64 {
        let minimum = UInt64(export.minimumBlockBytes ?? 512)
        var size: UInt64 = 512
        while size < minimum && size < 4096 { size *= 2 }
        return size
    }
}

/// The kernel's NBD devices, for commands that act on a device without supervising it.
public enum NBDDevices {
    /// Every NBD device the kernel has, connected or not.
    public static func status() throws(NBDKernelError) -> [NBDDeviceStatus] {
        try NBDNetlink().status()
    }

    /// Disconnects `/dev/nbdN` (or `N`).
    public static func disconnect(_ path: String) throws(NBDKernelError) {
        try NBDNetlink().disconnect(index: try index(of: path))
    }

    /// The N of `/dev/nbdN` or of a plain `N`.
    public static func index(of path: String) throws(NBDKernelError) -> UInt32 {
        let digits = path.hasPrefix("/dev/nbd") ? String(path.dropFirst("/dev/nbd".count)) : path
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let index = UInt32(digits) else {
            throw .notAnNBDDevice(path)
        }
        return index
    }
}

extension Duration {
    fileprivate var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
