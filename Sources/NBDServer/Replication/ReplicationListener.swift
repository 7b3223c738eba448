import BlockfenceBase
import Glibc
import Synchronization

/// Accepts replication streams from primaries, one thread per stream.
public final class ReplicationListener: Sendable {
    private let socket: ListeningSocket
    private let findReplica: @Sendable (String) -> VolumeReplica?
    private let logger: Logger
    private let streams = Mutex<[Int32]>([])

    public var boundAddress: ListenAddress { socket.boundAddress }

    public init(
        address: ListenAddress, findReplica: @escaping @Sendable (String) -> VolumeReplica?, logger: Logger
    ) throws(SystemError) {
        socket = try ListeningSocket.listen(on: address)
        self.findReplica = findReplica
        self.logger = logger
        try startThread(name: "repl-accept") { [self] in acceptLoop() }
        logger.info("Listening for replication.", ["address": socket.boundAddress])
    }

    private func acceptLoop() {
        while let descriptor = socket.accept() {
            streams.withLock { $0.append(descriptor) }
            do {
                try startThread(name: "repl-member") { [self] in
                    let connection = FrameConnection(descriptor: descriptor)
                    MemberStream(connection: connection, findReplica: findReplica, logger: logger).run()
                    streams.withLock { $0.removeAll { $0 == descriptor } }
                }
            } catch {
                logger.error("Cannot start a replication thread.", ["error": error])
                streams.withLock { $0.removeAll { $0 == descriptor } }
                close(descriptor)
            }
        }
    }

    /// Stops accepting and ends every stream.
    public func stop() {
        socket.shutdownListening()
        streams.withLock { descriptors in
            for descriptor in descriptors { Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }
}
