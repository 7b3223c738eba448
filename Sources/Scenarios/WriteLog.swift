import Synchronization

/// One write the scenario's writer attempted.
public struct WriteRecord: Sendable, Equatable {
    /// Counts every write of the run from 0; it also decides the block and the block's content.
    public var sequence: UInt64
    public var block: Int
    /// The server the writer was connected to, as named by the volume's NBD address.
    public var node: String
    /// Wall-clock milliseconds, comparable with the control core's minting times.
    public var sentAtMilliseconds: Double
    public var answeredAtMilliseconds: Double
    /// Whether the server acknowledged the write (FUA reply, or the FLUSH after it).
    public var acknowledged: Bool

    public init(
        sequence: UInt64, block: Int, node: String, sentAtMilliseconds: Double, answeredAtMilliseconds: Double,
        acknowledged: Bool
    ) {
        self.sequence = sequence
        self.block = block
        self.node = node
        self.sentAtMilliseconds = sentAtMilliseconds
        self.answeredAtMilliseconds = answeredAtMilliseconds
        self.acknowledged = acknowledged
    }
}

/// One assignment of the control core's history: from `mintedAtMilliseconds` on, `primary` is
/// the only server allowed to complete I/O for the volume (until the next epoch).
public struct AssignmentRecord: Sendable, Equatable {
    public var epoch: UInt64
    public var primary: String
    public var mintedAtMilliseconds: Double

    public init(epoch: UInt64, primary: String, mintedAtMilliseconds: Double) {
        self.epoch = epoch
        self.primary = primary
        self.mintedAtMilliseconds = mintedAtMilliseconds
    }
}

/// The writer's log, shared between its thread and the runner.
public final class WriteLog: Sendable {
    private let records = Mutex<[WriteRecord]>([])

    public init() {}

    public func append(_ record: WriteRecord) { records.withLock { $0.append(record) } }

    public var all: [WriteRecord] { records.withLock { $0 } }

    public func acknowledgedCount(after milliseconds: Double = 0) -> Int {
        records.withLock { $0.lazy.filter { $0.acknowledged && $0.answeredAtMilliseconds > milliseconds }.count }
    }
}
