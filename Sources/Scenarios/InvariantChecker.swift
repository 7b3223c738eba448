/// The checks every run ends with, on plain data so that they are tested with made-up logs.
public enum InvariantChecker {
    /// How much later than the server's completion the writer may note an acknowledgement: the
    /// reply crosses loopback and waits for the writer's thread. A fenced server stops at least a
    /// lease margin before the next epoch is minted, so a real violation is far larger.
    public static let answerSlackMilliseconds = 50.0

    /// Every block must hold its last acknowledged write, or a later write that was attempted but
    /// not acknowledged (it may have landed). A block never acknowledged may also still be zero.
    /// `contents(block)` gives the sequence number found in the block (nil for zeroes) or throws
    /// when the block is unreadable or corrupt.
    public static func lostWrites(
        _ log: [WriteRecord], blocks: Int, contents: (Int) throws -> BlockContent
    ) rethrows -> [String] {
        var lastAcknowledged = [Int: UInt64]()
        var laterAttempts = [Int: Set<UInt64>]()
        for record in log.sorted(by: { $0.sequence < $1.sequence }) {
            if record.acknowledged {
                lastAcknowledged[record.block] = record.sequence
                laterAttempts[record.block] = []
            } else {
                laterAttempts[record.block, default: []].insert(record.sequence)
            }
        }
        var problems: [String] = []
        for block in 0..<blocks {
            let acknowledged = lastAcknowledged[block]
            let maybe = laterAttempts[block] ?? []
            guard acknowledged != nil || !maybe.isEmpty else { continue }
            let found = try contents(block)
            switch found {
            case .zero where acknowledged == nil:
                continue
            case .write(let sequence) where sequence == acknowledged || maybe.contains(sequence):
                continue
            case .corrupt(let reason):
                problems.append("block \(block) is corrupt: \(reason)")
            default:
                let expected = acknowledged.map { "write \($0)" } ?? "nothing"
                problems.append("block \(block) holds \(found), but its last acknowledged write is \(expected)")
            }
        }
        return problems
    }

    /// Each acknowledged write must have been answered by the server that the control core's
    /// history names primary at that moment. Two servers completing writes for one volume at the
    /// same time means one of them was not primary, so this catches it.
    ///
    /// The moment is the answer's arrival, less the slack, not the write's sending: a primary that
    /// was frozen with a write in flight and answers it after another server took over has broken
    /// the rule even though it was primary when the write was sent.
    public static func writesByFencedServers(
        _ log: [WriteRecord], history: [AssignmentRecord], slackMilliseconds: Double = answerSlackMilliseconds
    ) -> [String] {
        let ordered = history.sorted { $0.epoch < $1.epoch }
        var problems: [String] = []
        for record in log where record.acknowledged {
            let answered = record.answeredAtMilliseconds
            let earliest = max(record.sentAtMilliseconds, answered - slackMilliseconds)
            let primaries = primaries(in: ordered, from: earliest, to: answered)
            if !primaries.contains(record.node) {
                let names = primaries.isEmpty ? "no server" : primaries.sorted().joined(separator: ", ")
                problems.append(
                    "write \(record.sequence) was acknowledged by \(record.node) at \(Int(answered)) ms"
                        + " while the assignment history names \(names) primary")
            }
        }
        return problems
    }

    /// The control core stores minting times in whole milliseconds, cut down: an epoch stamped
    /// 5000 may have begun as late as 5000.999.
    public static let mintingResolutionMilliseconds = 1.0

    /// Every server that was primary at some point of [from, to].
    static func primaries(in history: [AssignmentRecord], from: Double, to: Double) -> Set<String> {
        var result = Set<String>()
        for (index, assignment) in history.enumerated() {
            let end =
                index + 1 < history.count
                ? history[index + 1].mintedAtMilliseconds + mintingResolutionMilliseconds : Double.infinity
            if assignment.mintedAtMilliseconds <= max(from, to) && end > min(from, to) {
                result.insert(assignment.primary)
            }
        }
        return result
    }

    /// Acknowledgements by `node` later than `deadline` and before `node` was made primary again.
    public static func lateAcknowledgements(
        _ log: [WriteRecord], node: String, deadline: Double, history: [AssignmentRecord]
    ) -> [WriteRecord] {
        let returned =
            history.filter { $0.primary == node && $0.mintedAtMilliseconds > deadline }
            .map(\.mintedAtMilliseconds).min() ?? Double.infinity
        return log.filter {
            $0.acknowledged && $0.node == node && $0.answeredAtMilliseconds - answerSlackMilliseconds > deadline
                && $0.answeredAtMilliseconds < returned
        }
    }
}

/// What a block read back holds.
public enum BlockContent: Sendable, Equatable, CustomStringConvertible {
    case zero
    case write(UInt64)
    case corrupt(String)

    public var description: String {
        switch self {
        case .zero: "zeroes"
        case .write(let sequence): "write \(sequence)"
        case .corrupt(let reason): "corrupt data (\(reason))"
        }
    }
}
