import BlockfenceBase
import Glibc
import RPC

/// A running control core: the data directory's lock, the controller with its lease timer, and
/// the gRPC server for Control, StorageNodes and health.
public final class ControlServer: Sendable {
    public let controller: ClusterController
    public let rpcServer: RPCServer
    public let databasePath: String
    private let lock: DataDirectoryLock
    private let logger: Logger

    /// Locks `<dataDirectory>/control`, opens `state.sqlite` there and prepares the services.
    public init(
        dataDirectory: String, configuration: ControlConfiguration = ControlConfiguration(),
        clock: any MonotonicClock = SystemMonotonicClock(), logger: Logger
    ) throws(ControlServerError) {
        let directory = dataDirectory + "/control"
        try Self.makeDirectories(directory)
        lock = try DataDirectoryLock(path: directory + "/lock")
        databasePath = directory + "/state.sqlite"
        self.logger = logger
        do {
            controller = try ClusterController(
                databasePath: databasePath, configuration: configuration, clock: clock, logger: logger.scoped("control")
            )
        } catch {
            throw .cannotOpen(path: databasePath, "\(error)")
        }
        do {
            rpcServer = try RPCServer(
                services: [ControlService(controller: controller), StorageNodesService(controller: controller)],
                logger: logger.scoped("rpc"))
        } catch {
            throw .cannotListen(error.description)
        }
    }

    /// Listens, starts the lease timer, and returns the bound addresses.
    @discardableResult
    public func start(listeningOn addresses: [ListenAddress]) throws(ControlServerError) -> [ListenAddress] {
        let bound: [ListenAddress]
        do {
            bound = try rpcServer.start(listeningOn: addresses)
        } catch {
            throw .cannotListen(error.description)
        }
        do {
            try controller.startTimer()
        } catch {
            throw .cannotListen("cannot start the lease timer: \(error)")
        }
        return bound
    }

    /// Stops the controller first, so Watch streams and waiting Failovers end, then the server.
    /// Blocks the calling thread; call it from a dedicated thread or the main thread.
    public func stop(gracePeriod: Duration = .seconds(10)) {
        controller.stop()
        rpcServer.shutdown(gracePeriod: gracePeriod)
        lock.release()
    }

    /// `stop` for callers on Swift's cooperative pool.
    public func stop(gracePeriod: Duration = .seconds(10)) async {
        controller.stop()
        await rpcServer.shutdown(gracePeriod: gracePeriod)
        lock.release()
    }

    /// mkdir -p.
    static func makeDirectories(_ path: String) throws(ControlServerError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw .cannotCreateDirectory(path: current, SystemError.last("mkdir").description)
            }
        }
    }
}
