import Testing

@testable import NBDServer

struct PendingChangesTests {
    /// A reply target that is never used: these tests look only at which entries complete.
    func entry(_ sequence: UInt64, members: UInt64, sync: Bool = false, at time: UInt64 = 1_000) -> PendingChanges.Entry
    {
        PendingChanges.Entry(
            sequence: sequence,
            reply: DeferredReply(channel: ReplyChannel(descriptor: -1), handle: sequence, structuredReplies: false),
            waitingMembers: members, waitingSync: sync, createdAtNanoseconds: time)
    }

    @Test("Entries complete when every member bit and the sync are cleared, in any order")
    func completesOutOfOrder() {
        var pending = PendingChanges(capacity: 8)
        pending.insert(entry(1, members: 0b11))
        pending.insert(entry(2, members: 0b01, sync: true))
        pending.insert(entry(3, members: 0b01))
        #expect(pending.clearMember(0b01, in: 1...3).map(\.handle) == [3])
        #expect(pending.clearSync(upTo: 3).map(\.handle) == [2])
        #expect(pending.lowestOutstanding == 1)
        #expect(pending.clearMemberEverywhere(0b10).map(\.handle) == [1])
        #expect(pending.isEmpty)
        #expect(pending.lowestOutstanding == 4)
    }

    @Test("The ring has room only while the oldest outstanding entry is within its capacity")
    func boundsOutstandingEntries() {
        var pending = PendingChanges(capacity: 4)
        for sequence in 1...4 { pending.insert(entry(UInt64(sequence), members: 1)) }
        #expect(!pending.hasRoom(for: 5))
        _ = pending.clearMember(1, in: 1...1)
        #expect(pending.hasRoom(for: 5))
        #expect(!pending.hasRoom(for: 6))
    }

    @Test(
        "Only an entry older than the limit counts as late, also when it was stamped after the clock was read",
        arguments: [
            (UInt64(5_000), UInt64(1_000), true), (1_500, 1_000, false), (900, 1_000, false), (1_000, 1_000, false),
        ])
    func detectsLateEntries(now: UInt64, limit: UInt64, late: Bool) {
        var pending = PendingChanges(capacity: 4)
        pending.insert(entry(1, members: 1, at: 1_000))
        #expect((pending.oldest(waitingLongerThan: limit, now: now) != nil) == late)
    }
}
