import NBDProtocol

/// A change a client asked for: WRITE, TRIM, WRITE_ZEROES or FLUSH, already validated.
public struct ExportChange: Sendable {
    public let command: CommandType
    public let offset: UInt64
    public let length: UInt32
    public let flags: CommandFlags

    public init(command: CommandType, offset: UInt64, length: UInt32, flags: CommandFlags) {
        self.command = command
        self.offset = offset
        self.length = length
        self.flags = flags
    }
}

/// Where a reply goes once a deferred change is safe: the connection's channel and the handle.
public struct DeferredReply: Sendable {
    let channel: ReplyChannel
    public let handle: UInt64
    public let structuredReplies: Bool

    /// Sends the reply: success, or the error with a message.
    public func send(error: NBDError?, message: String = "") {
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = bytes.withUnsafeMutableBytes { raw in
            TransmissionReplies.encodeStatus(
                into: raw.baseAddress!, handle: handle, error: error, message: message, structured: structuredReplies)
        }
        bytes.withUnsafeBytes { _ = channel.send($0.baseAddress!, count) }
    }
}

/// What became of a change handed to a coordinator.
public enum ChangeOutcome: Sendable {
    /// Done; reply now with this errno (0 for success).
    case completed(Int32)
    /// The coordinator replies later, through the `DeferredReply` it was given.
    case deferred
}

/// Takes the changes of a replicated volume's primary: applies each locally in one order for the
/// whole volume, sends it to the other members, and replies only when every in-sync member has
/// it. A plain export has no coordinator: its changes complete locally.
public protocol ChangeCoordinator: AnyObject, Sendable {
    /// Applies `change` (with its payload for WRITE) and decides when to reply.
    func apply(_ change: ExportChange, payload: UnsafeRawPointer?, reply: DeferredReply) -> ChangeOutcome

    /// Sends what this thread's calls to `apply` queued for the members. A connection calls it
    /// at the end of each batch of requests, before it waits for more.
    func flush()
}
