import Glibc
import ProtocolBuffers
import RPCTestServices

/// The conformance suite's Swift side. Records are framed as a 4-byte little-endian length and
/// that many bytes.
///
/// - `codec-roundtrip`: reads `AllFieldKinds` records on standard input and writes, for each,
///   a status byte (0 decoded, 1 refused) and a record: the re-encoded message, or the error text.
/// - `codec-random --count N --seed S [--canonical-nan] [--single-entry-maps]`: writes N random
///   `AllFieldKinds` records.
enum CodecCommands {
    static func roundTrip() -> Int32 {
        var input = StandardInput()
        var output = StandardOutput()
        while let record = input.readRecord() {
            do {
                let message = try Blockfence_Test_AllFieldKinds(serializedBytes: record)
                output.write([0])
                output.writeRecord(message.serializedBytes())
            } catch {
                output.write([1])
                output.writeRecord(Array(error.description.utf8))
            }
        }
        output.flush()
        return 0
    }

    static func random(_ options: PeerOptions) throws(PeerUsageError) -> Int32 {
        var samples = ConformanceSamples(
            seed: UInt64(try options.integer("--seed", default: 1)), canonicalNaN: options.flag("--canonical-nan"),
            singleEntryMaps: options.flag("--single-entry-maps"))
        var output = StandardOutput()
        for _ in 0..<(try options.integer("--count", default: 1000)) {
            output.writeRecord(samples.message().serializedBytes())
        }
        output.flush()
        return 0
    }
}

/// Buffered, length-framed reads from file descriptor 0.
struct StandardInput {
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    mutating func readRecord() -> [UInt8]? {
        guard let header = read(count: 4) else { return nil }
        let length = header.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        return read(count: length)
    }

    private mutating func read(count: Int) -> [UInt8]? {
        while buffer.count - position < count && !atEnd {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let received = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if received < 0 && errno == EINTR { continue }
            if received <= 0 {
                atEnd = true
                break
            }
            buffer.removeFirst(position)
            position = 0
            buffer += chunk[0..<received]
        }
        guard buffer.count - position >= count else { return nil }
        defer { position += count }
        return Array(buffer[position..<(position + count)])
    }
}

/// Buffered, length-framed writes to file descriptor 1.
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func writeRecord(_ record: [UInt8]) {
        let length = UInt32(record.count)
        write((0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) })
        write(record)
    }

    mutating func write(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count > 1 << 20 { flush() }
    }

    mutating func flush() {
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + written, buffer.count - written) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
