import ReplicationProtocol

/// The ranges of the most recent changes a replica applied, by sequence number. A new primary
/// compares journals with its members to find the few ranges where they may differ.
///
/// Bounded: the oldest entries fall off. Not thread-safe; the replica's order lock guards it.
struct ChangeJournal {
    static let defaultCapacity = 65_536

    private var entries: [JournalEntry]
    private var start = 0
    private(set) var count = 0

    init(capacity: Int = defaultCapacity) {
        entries = Array(repeating: JournalEntry(sequence: 0, offset: 0, length: 0), count: capacity)
    }

    var capacity: Int { entries.count }

    /// The lowest sequence still recorded, or nil when empty.
    var oldestSequence: UInt64? { count == 0 ? nil : entries[start].sequence }

    mutating func append(_ entry: JournalEntry) {
        if count == capacity {
            entries[start] = entry
            start = (start + 1) % capacity
        } else {
            entries[(start + count) % capacity] = entry
            count += 1
        }
    }

    /// Entries with a sequence above `sequence`, oldest first.
    func entries(after sequence: UInt64) -> [JournalEntry] {
        var found: [JournalEntry] = []
        for index in 0..<count {
            let entry = entries[(start + index) % capacity]
            if entry.sequence > sequence { found.append(entry) }
        }
        return found
    }

    /// Whether every change after `sequence` up to `newest` is recorded, with no gap.
    func covers(after sequence: UInt64, upTo newest: UInt64) -> Bool {
        guard newest > sequence else { return true }
        var expected = sequence + 1
        for index in 0..<count {
            let entry = entries[(start + index) % capacity]
            if entry.sequence <= sequence { continue }
            if entry.sequence > newest { break }
            guard entry.sequence == expected else { return false }
            expected += 1
        }
        return expected == newest + 1
    }

    /// Forgets everything, when changes were applied that it cannot describe (a repair).
    mutating func reset() {
        start = 0
        count = 0
    }

    /// Forgets entries above `sequence`: after a repair they describe changes that were undone.
    mutating func drop(after sequence: UInt64) {
        while count > 0 && entries[(start + count - 1) % capacity].sequence > sequence { count -= 1 }
    }
}
