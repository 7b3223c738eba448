import Testing

@testable import ReplicationProtocol

struct ReplicationFrameTests {
    static let frames: [ReplicationFrame] = [
        ReplicationFrame(type: .hello, epoch: 7, sequence: 41, length: 12),
        ReplicationFrame(type: .write, flags: .fua, epoch: 7, sequence: 42, offset: 1 << 40, length: 4096),
        ReplicationFrame(type: .trim, epoch: 7, sequence: 43, offset: 0, length: 1 << 20),
        ReplicationFrame(type: .zero, flags: .noHole, epoch: 7, sequence: 44, offset: 512, length: 512),
        ReplicationFrame(type: .flush, epoch: 7, sequence: 45),
        ReplicationFrame(type: .repair, epoch: 8, offset: 4096, length: 8192),
        ReplicationFrame(type: .epoch, epoch: 9, sequence: 45),
        ReplicationFrame(type: .welcome, epoch: 9, sequence: 45, length: 40),
        ReplicationFrame(type: .acknowledge, epoch: 9, sequence: UInt64.max),
        ReplicationFrame(type: .refuse, epoch: 10, length: 5),
        ReplicationFrame(type: .failure, epoch: 9, sequence: 46, length: 8),
    ]

    @Test("Every frame kind survives encoding and parsing", arguments: frames)
    func roundTrips(frame: ReplicationFrame) throws {
        let bytes = frame.encoded()
        #expect(bytes.count == ReplicationFrame.headerSize)
        let parsed = bytes.withUnsafeBytes { ReplicationFrame.parse($0.baseAddress!) }
        #expect(try parsed.get() == frame)
    }

    @Test("Frames a correct peer never sends are refused")
    func refusesBadFrames() {
        var bytes = ReplicationFrame(type: .write, epoch: 1, sequence: 1, length: 512).encoded()
        bytes[0] = 0
        #expect(bytes.withUnsafeBytes { ReplicationFrame.parse($0.baseAddress!) } == .failure(.badMagic(0x0046_5250)))

        var unknown = ReplicationFrame(type: .write, epoch: 1).encoded()
        unknown[4] = 0x7f
        unknown[5] = 0x00
        #expect(unknown.withUnsafeBytes { ReplicationFrame.parse($0.baseAddress!) } == .failure(.unknownType(0x7f00)))

        let tooLong = ReplicationFrame(type: .write, epoch: 1, length: ReplicationFrame.maximumDataBytes + 1).encoded()
        #expect(
            tooLong.withUnsafeBytes { ReplicationFrame.parse($0.baseAddress!) }
                == .failure(.dataTooLong(type: .write, length: ReplicationFrame.maximumDataBytes + 1)))

        // A TRIM carries no data, so its length may be anything a volume allows.
        let bigTrim = ReplicationFrame(type: .trim, epoch: 1, length: UInt32.max).encoded()
        #expect((try? bigTrim.withUnsafeBytes { ReplicationFrame.parse($0.baseAddress!) }.get()) != nil)
    }

    @Test("Journal entries encode in 20 bytes each and decode back")
    func journalRoundTrips() throws {
        let entries = [
            JournalEntry(sequence: 1, offset: 0, length: 4096),
            JournalEntry(sequence: 2, offset: 1 << 33, length: 1 << 20),
        ]
        let bytes = JournalEntry.encode(entries)
        #expect(bytes.count == 40)
        #expect(try JournalEntry.decode(bytes).get() == entries)
        #expect(JournalEntry.decode([UInt8](repeating: 0, count: 21)) == .failure(.malformedData(.welcome)))
    }

    @Test("Only changes take sequence numbers, and only some frames carry data")
    func classifiesFrames() {
        let changes = ReplicationFrameType.allCases.filter { ReplicationFrame(type: $0, epoch: 1).isChange }
        #expect(changes == [.write, .trim, .zero, .flush])
        let withData = ReplicationFrameType.allCases.filter { ReplicationFrame(type: $0, epoch: 1).carriesData }
        #expect(withData == [.hello, .write, .repair, .welcome, .refuse, .failure])
    }
}
