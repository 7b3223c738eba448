import Testing

@testable import Scenarios

@Suite struct InvariantCheckerTests {
    static func write(
        _ sequence: UInt64, block: Int, node: String = "n1", at milliseconds: Double, acknowledged: Bool = true
    ) -> WriteRecord {
        WriteRecord(
            sequence: sequence, block: block, node: node, sentAtMilliseconds: milliseconds - 1,
            answeredAtMilliseconds: milliseconds, acknowledged: acknowledged)
    }

    static let history = [
        AssignmentRecord(epoch: 1, primary: "n1", mintedAtMilliseconds: 1000),
        AssignmentRecord(epoch: 2, primary: "n2", mintedAtMilliseconds: 5000),
    ]

    @Test func everyBlockHoldingItsLastAcknowledgedWritePasses() {
        let log = [Self.write(0, block: 0, at: 10), Self.write(1, block: 1, at: 20), Self.write(2, block: 0, at: 30)]
        let contents: [Int: BlockContent] = [0: .write(2), 1: .write(1)]
        #expect(InvariantChecker.lostWrites(log, blocks: 2) { contents[$0]! }.isEmpty)
    }

    @Test func aLostAcknowledgedWriteFails() {
        let log = [Self.write(0, block: 0, at: 10), Self.write(1, block: 0, at: 20)]
        let problems = InvariantChecker.lostWrites(log, blocks: 1) { _ in .write(0) }
        #expect(problems == ["block 0 holds write 0, but its last acknowledged write is write 1"])
    }

    @Test func aBlockLeftAtZeroAfterAnAcknowledgementFails() {
        let log = [Self.write(0, block: 0, at: 10)]
        #expect(InvariantChecker.lostWrites(log, blocks: 1) { _ in .zero }.count == 1)
    }

    @Test func anUnacknowledgedLaterWriteMayHaveLanded() {
        let log = [Self.write(0, block: 0, at: 10), Self.write(1, block: 0, at: 20, acknowledged: false)]
        #expect(InvariantChecker.lostWrites(log, blocks: 1) { _ in .write(1) }.isEmpty)
        #expect(InvariantChecker.lostWrites(log, blocks: 1) { _ in .write(0) }.isEmpty)
        #expect(InvariantChecker.lostWrites(log, blocks: 1) { _ in .zero }.count == 1)
    }

    @Test func aNeverAcknowledgedBlockMayStillBeZero() {
        let log = [Self.write(0, block: 0, at: 10, acknowledged: false)]
        #expect(InvariantChecker.lostWrites(log, blocks: 1) { _ in .zero }.isEmpty)
    }

    @Test func corruptBlocksFail() {
        let log = [Self.write(0, block: 0, at: 10)]
        let problems = InvariantChecker.lostWrites(log, blocks: 1) { _ in .corrupt("checksum mismatch") }
        #expect(problems == ["block 0 is corrupt: checksum mismatch"])
    }

    @Test func acknowledgementsByTheOnlyPrimaryOfEachMomentPass() {
        let log = [
            Self.write(0, block: 0, node: "n1", at: 2000), Self.write(1, block: 1, node: "n1", at: 4990),
            Self.write(2, block: 2, node: "n2", at: 5100),
        ]
        #expect(InvariantChecker.writesByFencedServers(log, history: Self.history).isEmpty)
    }

    @Test func anAcknowledgementByAFencedPrimaryFails() {
        // n1 was replaced at 5000 ms but still acknowledged a write sent at 5999 ms.
        let log = [Self.write(0, block: 0, node: "n1", at: 2000), Self.write(1, block: 0, node: "n1", at: 6000)]
        let problems = InvariantChecker.writesByFencedServers(log, history: Self.history)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("write 1 was acknowledged by n1") == true)
    }

    @Test func aWriteSentToThePrimaryButAnsweredAfterItWasReplacedFails() {
        // Sent at 4000 ms while n1 was primary, answered at 5600 ms after n2 took over at 5000 ms:
        // a frozen primary completing a write it held while the next epoch began.
        var held = Self.write(0, block: 0, node: "n1", at: 5600)
        held.sentAtMilliseconds = 4000
        let problems = InvariantChecker.writesByFencedServers([held], history: Self.history)
        #expect(problems.count == 1)
    }

    @Test func anAnswerArrivingWithinTheSlackAfterTheNextEpochPasses() {
        // Sent at 4990 ms and completed before the hand-over; the answer reached the writer 30 ms
        // after the next epoch began.
        var late = Self.write(0, block: 0, node: "n1", at: 5030)
        late.sentAtMilliseconds = 4990
        #expect(InvariantChecker.writesByFencedServers([late], history: Self.history).isEmpty)
    }

    @Test func anAnswerWithinTheMillisecondOfTheNextEpochsStampPasses() {
        // Minting times are whole milliseconds: epoch 2 stamped 5000 began between 5000 and 5001,
        // so n1 may have answered at 5000.3 a write sent at 5000.2, before the hand-over.
        var sameMillisecond = Self.write(0, block: 0, node: "n1", at: 5000.3)
        sameMillisecond.sentAtMilliseconds = 5000.2
        #expect(InvariantChecker.writesByFencedServers([sameMillisecond], history: Self.history).isEmpty)
        var later = Self.write(1, block: 0, node: "n1", at: 5001.3)
        later.sentAtMilliseconds = 5001.2
        #expect(InvariantChecker.writesByFencedServers([later], history: Self.history).count == 1)
    }

    @Test func twoServersAcknowledgingAtTheSameTimeFail() {
        // Two writers, each connected to a different server, both acknowledged around 3000 ms:
        // the history names only n1, so n2's acknowledgements are caught.
        let log = (0..<10).flatMap { index -> [WriteRecord] in
            let time = 3000 + Double(index) * 10
            return [
                Self.write(UInt64(2 * index), block: 0, node: "n1", at: time),
                Self.write(UInt64(2 * index + 1), block: 1, node: "n2", at: time + 5),
            ]
        }
        let problems = InvariantChecker.writesByFencedServers(log, history: Self.history)
        #expect(problems.count == 10)
        #expect(problems.allSatisfy { $0.contains("by n2") })
    }

    @Test func anAcknowledgementBeforeAnyAssignmentFails() {
        let log = [Self.write(0, block: 0, node: "n1", at: 500)]
        #expect(InvariantChecker.writesByFencedServers(log, history: Self.history).count == 1)
    }

    @Test func lateAcknowledgementsAreThoseAfterTheDeadlineUntilTheNodeIsPrimaryAgain() {
        let history = Self.history + [AssignmentRecord(epoch: 3, primary: "n1", mintedAtMilliseconds: 9000)]
        let log = [
            Self.write(0, block: 0, node: "n1", at: 3000), Self.write(1, block: 0, node: "n1", at: 4600),
            Self.write(2, block: 0, node: "n1", at: 9500),
        ]
        let late = InvariantChecker.lateAcknowledgements(log, node: "n1", deadline: 4000, history: history)
        #expect(late.map(\.sequence) == [1])
    }
}

@Suite struct BlockPatternTests {
    @Test func aBlockDecodesToTheWriteThatMadeIt() {
        let data = BlockPattern.make(sequence: 42, block: 7, bytes: 4096)
        #expect(BlockPattern.decode(data, block: 7) == .write(42))
        #expect(BlockPattern.make(sequence: 43, block: 7, bytes: 4096) != data)
    }

    @Test func damageIsCorruption() {
        var data = BlockPattern.make(sequence: 42, block: 7, bytes: 4096)
        data[1000] ^= 1
        #expect(BlockPattern.decode(data, block: 7) == .corrupt("checksum mismatch"))
        #expect(BlockPattern.decode(BlockPattern.make(sequence: 1, block: 3, bytes: 512), block: 4) != .write(1))
        #expect(BlockPattern.decode([UInt8](repeating: 0, count: 512), block: 0) == .zero)
        #expect(BlockPattern.decode([UInt8](repeating: 9, count: 512), block: 0) == .corrupt("no header"))
    }
}
