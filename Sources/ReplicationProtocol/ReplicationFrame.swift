// The replication protocol between a volume's primary and its other members.
//
// One TCP connection per (primary, member, volume). Every frame starts with the same 40-byte
// header; data-carrying frames (HELLO, WRITE, REPAIR, WELCOME, REFUSE, FAILURE) follow it with
// `length` bytes. All numbers are big-endian.
//
//   magic u32 | type u16 | flags u16 | epoch u64 | sequence u64 | offset u64 | length u32 | reserved u32
//
// The primary sends HELLO; the member answers WELCOME (it accepts the epoch) or REFUSE (it has
// accepted a higher one) and closes. Then the primary streams changes, each with the next
// sequence number, and the member answers with cumulative ACKs.

/// The frame kinds. Primary to member below 100, member to primary from 100.
public enum ReplicationFrameType: UInt16, Sendable, CaseIterable {
    /// Opens a stream: `epoch` is the primary's, `sequence` the last one it applied, `offset` its
    /// lineage (the epoch at which it started serving, which names its history of sequences); the
    /// data is the volume id, a NUL byte, and the primary's node name. With flag `catchUp` it asks
    /// a member outside the in-sync set to catch up instead of to reconcile.
    case hello = 1
    /// Data at `offset`; flag `fua` asks for it to be durable before the ACK covering it.
    case write = 2
    /// Discard `offset..<offset+length`.
    case trim = 3
    /// Make `offset..<offset+length` read as zeroes; flag `noHole` keeps it allocated.
    case zero = 4
    /// Make everything before it durable before the ACK covering it.
    case flush = 5
    /// Data the member must take as it is, to match the primary after a change of primary.
    /// Carries no sequence number of its own.
    case repair = 6
    /// From here on the stream belongs to `epoch` (the in-sync set changed, the primary did not).
    /// With flag `adoptSequence`, it also ends a reconciliation: the member is now at `sequence`.
    /// With flag `beginCatchUp` it starts a catch-up instead: the member takes `sequence` as its
    /// own for the live changes that follow, is not level until the catch-up ends, and with flag
    /// `wipe` first discards everything it holds. With flag `caughtUp` it ends a catch-up: the
    /// member makes everything durable, records it, and answers CAUGHT_UP.
    case epoch = 7

    /// The member accepts: `epoch` is the highest it has accepted, `sequence` the last it
    /// applied; the data lists the (sequence, offset, length) of changes it applied after the
    /// primary's `sequence`, 20 bytes each, so the primary can repair them. In answer to a
    /// catch-up HELLO it carries no entries: `sequence` is the last sequence the member durably
    /// recorded as level and `offset` the lineage it was level with (0: none, a full copy is due).
    case welcome = 101
    /// Everything up to `sequence` is applied, and durable where FUA or FLUSH asked.
    case acknowledge = 102
    /// The member has accepted `epoch`, higher than the stream's; data is a reason. Closes.
    case refuse = 103
    /// The member could not apply `sequence` (data: errno as u32, then a message). Closes.
    case failure = 104
    /// A catch-up ended: everything up to `sequence` is applied, durable and recorded.
    case caughtUp = 105
}

public struct ReplicationFlags: OptionSet, Sendable, Equatable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let fua = ReplicationFlags(rawValue: 1 << 0)
    public static let noHole = ReplicationFlags(rawValue: 1 << 1)
    /// On EPOCH: the member takes the frame's sequence as its own (after a reconciliation).
    public static let adoptSequence = ReplicationFlags(rawValue: 1 << 2)
    /// On HELLO: the member is outside the in-sync set and is to catch up.
    public static let catchUp = ReplicationFlags(rawValue: 1 << 3)
    /// On EPOCH: a catch-up begins at the frame's sequence.
    public static let beginCatchUp = ReplicationFlags(rawValue: 1 << 4)
    /// On EPOCH with `beginCatchUp`: the member discards its data first (a full copy follows).
    public static let wipe = ReplicationFlags(rawValue: 1 << 5)
    /// On EPOCH: the catch-up is complete once everything before it is applied.
    public static let caughtUp = ReplicationFlags(rawValue: 1 << 6)
}

/// A frame header. Data, when the type carries any, follows on the wire.
public struct ReplicationFrame: Equatable, Sendable {
    public static let magic: UInt32 = 0x4246_5250  // "BFRP"
    public static let headerSize = 40
    /// The largest data a frame may carry: one NBD write, or a long journal in WELCOME.
    public static let maximumDataBytes: UInt32 = 32 << 20

    public var type: ReplicationFrameType
    public var flags: ReplicationFlags
    public var epoch: UInt64
    public var sequence: UInt64
    public var offset: UInt64
    public var length: UInt32

    public init(
        type: ReplicationFrameType, flags: ReplicationFlags = [], epoch: UInt64, sequence: UInt64 = 0,
        offset: UInt64 = 0, length: UInt32 = 0
    ) {
        self.type = type
        self.flags = flags
        self.epoch = epoch
        self.sequence = sequence
        self.offset = offset
        self.length = length
    }

    /// Whether `length` bytes of data follow the header on the wire.
    public var carriesData: Bool {
        switch type {
        case .hello, .write, .repair, .welcome, .refuse, .failure: true
        case .trim, .zero, .flush, .epoch, .acknowledge, .caughtUp: false
        }
    }

    /// Whether the frame changes the volume and so takes a sequence number.
    public var isChange: Bool {
        switch type {
        case .write, .trim, .zero, .flush: true
        default: false
        }
    }

    @inline(__always)
    public func encode(into pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: Self.magic.bigEndian, toByteOffset: 0, as: UInt32.self)
        pointer.storeBytes(of: type.rawValue.bigEndian, toByteOffset: 4, as: UInt16.self)
        pointer.storeBytes(of: flags.rawValue.bigEndian, toByteOffset: 6, as: UInt16.self)
        pointer.storeBytes(of: epoch.bigEndian, toByteOffset: 8, as: UInt64.self)
        pointer.storeBytes(of: sequence.bigEndian, toByteOffset: 16, as: UInt64.self)
        pointer.storeBytes(of: offset.bigEndian, toByteOffset: 24, as: UInt64.self)
        pointer.storeBytes(of: length.bigEndian, toByteOffset: 32, as: UInt32.self)
        pointer.storeBytes(of: UInt32(0), toByteOffset: 36, as: UInt32.self)
    }

    public func encoded() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Self.headerSize)
        bytes.withUnsafeMutableBytes { encode(into: $0.baseAddress!) }
        return bytes
    }

    /// Parses a header, refusing anything a correct peer never sends.
    @inline(__always)
    public static func parse(_ pointer: UnsafeRawPointer) -> Result<ReplicationFrame, ReplicationProtocolError> {
        let magic = UInt32(bigEndian: pointer.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        guard magic == Self.magic else { return .failure(.badMagic(magic)) }
        let rawType = UInt16(bigEndian: pointer.loadUnaligned(fromByteOffset: 4, as: UInt16.self))
        guard let type = ReplicationFrameType(rawValue: rawType) else { return .failure(.unknownType(rawType)) }
        let frame = ReplicationFrame(
            type: type,
            flags: ReplicationFlags(
                rawValue: UInt16(bigEndian: pointer.loadUnaligned(fromByteOffset: 6, as: UInt16.self))),
            epoch: UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
            sequence: UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            offset: UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)),
            length: UInt32(bigEndian: pointer.loadUnaligned(fromByteOffset: 32, as: UInt32.self)))
        if frame.carriesData && frame.length > maximumDataBytes {
            return .failure(.dataTooLong(type: type, length: frame.length))
        }
        return .success(frame)
    }
}

/// Why a peer's bytes cannot be trusted; the connection is closed on any of these.
public enum ReplicationProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    case badMagic(UInt32)
    case unknownType(UInt16)
    case dataTooLong(type: ReplicationFrameType, length: UInt32)
    case malformedData(ReplicationFrameType)

    public var description: String {
        switch self {
        case .badMagic(let magic): "replication frame with bad magic 0x\(String(magic, radix: 16))"
        case .unknownType(let type): "replication frame of unknown type \(type)"
        case .dataTooLong(let type, let length): "replication \(type) frame declares \(length) bytes of data"
        case .malformedData(let type): "replication \(type) frame carries malformed data"
        }
    }
}

/// One change a member applied, as listed in WELCOME.
public struct JournalEntry: Equatable, Sendable {
    public static let encodedSize = 20
    public var sequence: UInt64
    public var offset: UInt64
    public var length: UInt32

    public init(sequence: UInt64, offset: UInt64, length: UInt32) {
        self.sequence = sequence
        self.offset = offset
        self.length = length
    }

    public static func encode(_ entries: [JournalEntry]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: entries.count * encodedSize)
        bytes.withUnsafeMutableBytes { raw in
            for (index, entry) in entries.enumerated() {
                let base = index * encodedSize
                raw.storeBytes(of: entry.sequence.bigEndian, toByteOffset: base, as: UInt64.self)
                raw.storeBytes(of: entry.offset.bigEndian, toByteOffset: base + 8, as: UInt64.self)
                raw.storeBytes(of: entry.length.bigEndian, toByteOffset: base + 16, as: UInt32.self)
            }
        }
        return bytes
    }

    public static func decode(_ bytes: [UInt8]) -> Result<[JournalEntry], ReplicationProtocolError> {
        guard bytes.count % encodedSize == 0 else { return .failure(.malformedData(.welcome)) }
        return .success(
            bytes.withUnsafeBytes { raw in
                (0..<bytes.count / encodedSize).map { index in
                    let base = index * encodedSize
                    return JournalEntry(
                        sequence: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: base, as: UInt64.self)),
                        offset: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self)),
                        length: UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: base + 16, as: UInt32.self)))
                }
            })
    }
}
