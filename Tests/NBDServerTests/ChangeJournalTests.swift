import ReplicationProtocol
import Testing

@testable import NBDServer

struct ChangeJournalTests {
    func journal(_ sequences: [UInt64], capacity: Int = 8) -> ChangeJournal {
        var journal = ChangeJournal(capacity: capacity)
        for sequence in sequences {
            journal.append(JournalEntry(sequence: sequence, offset: sequence * 512, length: 512))
        }
        return journal
    }

    @Test(
        "Coverage needs every sequence in the range, without gaps",
        arguments: [
            ([1, 2, 3, 4, 5], UInt64(2), UInt64(5), true), ([1, 2, 3], 0, 3, true), ([1, 2, 3], 3, 3, true),
            ([1, 2, 4, 5], 1, 5, false), ([4, 5], 2, 5, false), ([], 0, 1, false), ([1, 2], 0, 3, false),
        ] as [([UInt64], UInt64, UInt64, Bool)])
    func checksCoverage(sequences: [UInt64], after: UInt64, upTo: UInt64, expected: Bool) {
        #expect(journal(sequences).covers(after: after, upTo: upTo) == expected)
    }

    @Test("The oldest entries fall off a full journal, and coverage follows")
    func dropsOldestWhenFull() {
        let full = journal(Array(1...12), capacity: 8)
        #expect(full.oldestSequence == 5)
        #expect(full.covers(after: 4, upTo: 12))
        #expect(!full.covers(after: 3, upTo: 12))
        #expect(full.entries(after: 10).map(\.sequence) == [11, 12])
    }

    @Test("Dropping after a sequence forgets the later entries; a reset forgets everything")
    func dropsAndResets() {
        var entries = journal([1, 2, 3, 4])
        entries.drop(after: 2)
        #expect(entries.entries(after: 0).map(\.sequence) == [1, 2])
        entries.reset()
        #expect(entries.count == 0)
        #expect(!entries.covers(after: 0, upTo: 1))
    }
}
