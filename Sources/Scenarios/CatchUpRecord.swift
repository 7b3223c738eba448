import Glibc

/// A finished catch-up of one member, as its primary logged it.
///
/// The control core shows a catch-up only while it runs and forgets it once the member is in
/// sync, so a check made afterwards reads the primary's "Member caught up." line instead.
struct CatchUpRecord: Equatable, CustomStringConvertible {
    /// The line's timestamp: every process logs the same fixed-width form, so later sorts higher.
    var timestamp: String
    var primary: String
    var fullCopy: Bool
    var bytesCopied: UInt64

    var description: String {
        "the last catch-up, by \(primary) at \(timestamp), was " + (fullCopy ? "a full copy" : "of changes only")
            + " and copied \(bytesCopied) bytes"
    }

    static let message = " Member caught up."

    /// The record in one log line, if the line tells of the member's catch-up of that volume.
    static func parse(_ line: Substring, volumeID: String, member: String, primary: String) -> CatchUpRecord? {
        guard let found = line.range(of: message) else { return nil }
        var fields: [Substring: Substring] = [:]
        for token in line[found.upperBound...].split(separator: " ") {
            guard let equals = token.firstIndex(of: "=") else { continue }
            fields[token[..<equals]] = token[token.index(after: equals)...]
        }
        guard fields["volume"].map(String.init) == volumeID, fields["member"].map(String.init) == member,
            let full = fields["full_copy"], let bytes = fields["bytes_copied"].flatMap({ UInt64($0) }),
            let timestamp = line.split(separator: " ").first
        else { return nil }
        return CatchUpRecord(
            timestamp: String(timestamp), primary: primary, fullCopy: full == "true", bytesCopied: bytes)
    }
}

extension ScenarioRunner {
    /// The most recent finished catch-up of the member's replica of the volume, from every
    /// server's log (the primary that caught it up may have changed since).
    func lastCatchUp(volume: String, member: String) -> CatchUpRecord? {
        guard let volumeID = (lastKnown[volume] ?? refresh(volume))?.id else { return nil }
        var latest: CatchUpRecord?
        for name in scenario.cluster.serverNames {
            guard let path = servers[name]?.logPath else { continue }
            for line in readText(path).split(separator: "\n") {
                guard let record = CatchUpRecord.parse(line, volumeID: volumeID, member: member, primary: name)
                else { continue }
                if latest.map({ record.timestamp >= $0.timestamp }) ?? true { latest = record }
            }
        }
        return latest
    }

    func readText(_ path: String) -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer.prefix(count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
