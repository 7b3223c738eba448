import BlockfenceBase
import CShims
import Glibc
import NBDProtocol
import Synchronization

/// An NBD server: listening sockets, one thread per connection, and a clean stop.
///
/// Connections are bounded twice: by `maximumPendingHandshakes`, so clients that connect and say
/// nothing cannot pile up, and by `maximumConnections` overall. A connection over either bound
/// is closed as soon as it is accepted.
public final class NBDServer: Sendable {
    private struct State {
        var pendingHandshakes = 0
        var connections: [Int: Int32] = [:]
        /// The export each connection in transmission serves, to close them when it goes away.
        var exportOfConnection: [Int: String] = [:]
        var nextConnectionID = 1
        var listeners: [ListeningSocket] = []
        var refusedConnections: UInt64 = 0
    }

    public let catalog: ExportCatalog
    public let configuration: ServerConfiguration
    private let logger: Logger
    private let state = Mutex(State())
    /// Set, under the state lock, when the server stops: no connection is admitted any more, and
    /// connections finish what they already received, then close.
    private let stopping = SharedFlag()

    public init(catalog: ExportCatalog, configuration: ServerConfiguration = ServerConfiguration(), logger: Logger) {
        self.catalog = catalog
        self.configuration = configuration
        self.logger = logger
    }

    /// Starts listening on `address` and accepting on a thread of its own. Returns the bound
    /// address, which names the real port when `address` asked for port 0.
    @discardableResult
    public func listen(on address: ListenAddress) throws(SystemError) -> ListenAddress {
        let listener = try ListeningSocket.listen(on: address)
        state.withLock { $0.listeners.append(listener) }
        try startThread(name: "nbd-accept") { [self] in acceptLoop(listener) }
        logger.info(
            "Listening.",
            ["address": listener.boundAddress, "exports": catalog.exports.map(\.name).joined(separator: ",")])
        return listener.boundAddress
    }

    /// Connections currently open, negotiating or transmitting.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    /// Stops accepting, lets every connection finish the requests it has already received and
    /// send their replies, then closes them. Waits at most `timeoutMilliseconds`.
    public func stop(timeoutMilliseconds: Int64 = 30_000) {
        let listeners = state.withLock { state -> [ListeningSocket] in
            stopping.set()
            // Waking blocked receives ends each connection after the replies it owes.
            for descriptor in state.connections.values { Glibc.shutdown(descriptor, Int32(SHUT_RD)) }
            defer { state.listeners.removeAll() }
            return state.listeners
        }
        for listener in listeners { listener.shutdownListening() }
        let deadline = monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        // A few seconds to send what is owed; a client that does not read by then is cut off.
        let patience = monotonicNanoseconds() + UInt64(min(timeoutMilliseconds, 5_000)) * 1_000_000
        var cutOff = false
        while connectionCount > 0 && monotonicNanoseconds() < deadline {
            if !cutOff && monotonicNanoseconds() >= patience {
                cutOff = true
                state.withLock { state in
                    for descriptor in state.connections.values { Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
                }
            }
            usleep(10_000)
        }
        let left = connectionCount
        if left > 0 { logger.warning("Connections still open at shutdown.", ["connections": left]) }
    }

    /// Ends every connection serving `exportName` after the replies it owes: a storage server
    /// that stops being a volume's primary sends its clients to the new one this way.
    public func closeConnections(exportName: String) {
        state.withLock { state in
            for (connectionID, name) in state.exportOfConnection where name == exportName {
                if let descriptor = state.connections[connectionID] { Glibc.shutdown(descriptor, Int32(SHUT_RD)) }
            }
        }
    }

    /// Connections in transmission on `exportName`.
    public func connectionCount(exportName: String) -> Int {
        state.withLock { state in state.exportOfConnection.values.filter { $0 == exportName }.count }
    }

    private func acceptLoop(_ listener: ListeningSocket) {
        while let descriptor = listener.accept() {
            let admitted = state.withLock { state -> Int? in
                guard !stopping.isSet,
                    state.pendingHandshakes < configuration.maximumPendingHandshakes,
                    state.connections.count < configuration.maximumConnections
                else {
                    state.refusedConnections &+= 1
                    return nil
                }
                let id = state.nextConnectionID
                state.nextConnectionID += 1
                state.pendingHandshakes += 1
                state.connections[id] = descriptor
                return id
            }
            guard let connectionID = admitted else {
                logger.debug(
                    "Connection refused: too many connections or handshakes.",
                    [
                        "limit_handshakes": configuration.maximumPendingHandshakes,
                        "limit_connections": configuration.maximumConnections,
                    ])
                close(descriptor)
                continue
            }
            do {
                try startThread(name: "nbd-conn-\(connectionID)") { [self] in serve(descriptor, connectionID) }
            } catch {
                logger.error("Cannot start a connection thread.", ["error": error])
                forget(connectionID, descriptor, handshaking: true)
            }
        }
    }

    private func serve(_ descriptor: Int32, _ connectionID: Int) {
        _ = bf_set_no_delay(descriptor)
        _ = bf_set_send_timeout(descriptor, configuration.sendTimeoutMilliseconds)
        let connectionLogger = logger.with(["connection": connectionID])
        connectionLogger.debug("Client connected.", ["peer": SocketIO.peerDescription(descriptor)])

        var negotiation = OptionNegotiation(
            descriptor: descriptor, catalog: catalog, configuration: configuration, logger: connectionLogger,
            isShuttingDown: { [self] in stopping.isSet })
        let session: NegotiatedSession?
        do {
            session = try negotiation.run()
        } catch {
            connectionLogger.debug("Handshake ended.", ["reason": error])
            forget(connectionID, descriptor, handshaking: true)
            return
        }
        state.withLock { state in
            state.pendingHandshakes -= 1
            if let session { state.exportOfConnection[connectionID] = session.export.name }
        }
        guard let session else {
            connectionLogger.debug("Client aborted the handshake.")
            forget(connectionID, descriptor, handshaking: false)
            return
        }

        connectionLogger.debug(
            "Transmission started.",
            [
                "export": session.export.name, "structured_replies": session.structuredReplies,
                "block_status": session.blockStatusContextSelected,
            ])
        let transmission = TransmissionSession(
            descriptor: descriptor, session: session, configuration: configuration, logger: connectionLogger,
            connectionID: connectionID, serverStopping: stopping)
        let end = transmission.run()
        connectionLogger.debug(
            "Client disconnected.", ["reason": end.rawValue, "requests": transmission.requestsServed])
        forget(connectionID, descriptor, handshaking: false)
    }

    /// Removes a connection and closes its socket, under the lock so `stop` never shuts down a
    /// descriptor number that was closed and reused.
    private func forget(_ connectionID: Int, _ descriptor: Int32, handshaking: Bool) {
        state.withLock { state in
            if handshaking { state.pendingHandshakes -= 1 }
            state.connections[connectionID] = nil
            state.exportOfConnection[connectionID] = nil
            close(descriptor)
        }
    }
}
