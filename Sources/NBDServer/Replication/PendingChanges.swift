/// Changes a primary has applied and sent but not yet acknowledged to its client, by sequence.
///
/// A bounded ring: a change waits for every in-sync member's acknowledgement (one bit each) and,
/// for FLUSH and FUA, for the primary's own fdatasync. Not thread-safe; the pipeline's order
/// lock guards it.
struct PendingChanges {
    struct Entry {
        let sequence: UInt64
        let reply: DeferredReply
        var waitingMembers: UInt64
        var waitingSync: Bool
        let createdAtNanoseconds: UInt64

        var isComplete: Bool { waitingMembers == 0 && !waitingSync }
    }

    private var slots: [Entry?]
    /// Sequences below this have all completed.
    private(set) var lowestOutstanding: UInt64 = 1
    private(set) var highestInserted: UInt64 = 0
    private(set) var count = 0

    init(capacity: Int) {
        slots = Array(repeating: nil, count: capacity)
    }

    var capacity: Int { slots.count }
    var isEmpty: Bool { count == 0 }

    /// Whether `sequence` can be stored without overwriting an outstanding entry.
    func hasRoom(for sequence: UInt64) -> Bool {
        count == 0 || sequence - lowestOutstanding < UInt64(slots.count)
    }

    mutating func insert(_ entry: Entry) {
        precondition(hasRoom(for: entry.sequence), "pending ring overflow")
        if count == 0 { lowestOutstanding = entry.sequence }
        slots[Int(entry.sequence % UInt64(slots.count))] = entry
        highestInserted = max(highestInserted, entry.sequence)
        count += 1
    }

    /// The oldest outstanding entry.
    var oldest: Entry? {
        guard count > 0 else { return nil }
        return slots[Int(lowestOutstanding % UInt64(slots.count))]
    }

    /// The oldest outstanding entry if it has waited longer than `limit` at `now`. An entry
    /// stamped after `now` was read (another thread's clock reading) has not waited at all.
    func oldest(waitingLongerThan limit: UInt64, now: UInt64) -> Entry? {
        guard let entry = oldest, now > entry.createdAtNanoseconds, now - entry.createdAtNanoseconds > limit else {
            return nil
        }
        return entry
    }

    /// Clears `bit` on entries in `range` and removes those now complete, returning their replies.
    mutating func clearMember(_ bit: UInt64, in range: ClosedRange<UInt64>) -> [DeferredReply] {
        update(range) { $0.waitingMembers &= ~bit }
    }

    /// Marks entries up to `sequence` synced and removes those now complete.
    mutating func clearSync(upTo sequence: UInt64) -> [DeferredReply] {
        guard count > 0, sequence >= lowestOutstanding else { return [] }
        return update(lowestOutstanding...sequence) { $0.waitingSync = false }
    }

    /// Clears `bit` on every outstanding entry (a member left the in-sync set).
    mutating func clearMemberEverywhere(_ bit: UInt64) -> [DeferredReply] {
        guard count > 0 else { return [] }
        return update(lowestOutstanding...highestInserted) { $0.waitingMembers &= ~bit }
    }

    /// Sets `bit` on every outstanding entry above `sequence`: a member that caught up is waited
    /// for from now on, also by the changes it has not acknowledged yet.
    mutating func addMember(_ bit: UInt64, after sequence: UInt64) {
        guard count > 0, sequence < highestInserted else { return }
        for pending in max(sequence + 1, lowestOutstanding)...highestInserted {
            let index = Int(pending % UInt64(slots.count))
            if var entry = slots[index], entry.sequence == pending {
                entry.waitingMembers |= bit
                slots[index] = entry
            }
        }
    }

    /// Removes every outstanding entry, for a pipeline that stops.
    mutating func removeAll() -> [DeferredReply] {
        guard count > 0 else { return [] }
        var replies: [DeferredReply] = []
        for sequence in lowestOutstanding...highestInserted {
            let index = Int(sequence % UInt64(slots.count))
            if let entry = slots[index], entry.sequence == sequence {
                replies.append(entry.reply)
                slots[index] = nil
            }
        }
        count = 0
        return replies
    }

    private mutating func update(_ range: ClosedRange<UInt64>, _ change: (inout Entry) -> Void) -> [DeferredReply] {
        guard count > 0 else { return [] }
        let lower = max(range.lowerBound, lowestOutstanding)
        let upper = min(range.upperBound, highestInserted)
        guard lower <= upper else { return [] }
        var completed: [DeferredReply] = []
        for sequence in lower...upper {
            let index = Int(sequence % UInt64(slots.count))
            guard var entry = slots[index], entry.sequence == sequence else { continue }
            change(&entry)
            if entry.isComplete {
                completed.append(entry.reply)
                slots[index] = nil
                count -= 1
            } else {
                slots[index] = entry
            }
        }
        advanceLowest()
        return completed
    }

    private mutating func advanceLowest() {
        if count == 0 {
            lowestOutstanding = highestInserted + 1
            return
        }
        while slots[Int(lowestOutstanding % UInt64(slots.count))]?.sequence != lowestOutstanding {
            lowestOutstanding += 1
        }
    }
}
