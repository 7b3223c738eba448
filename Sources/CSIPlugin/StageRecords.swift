import Foundation

/// What the node side has done for one staged volume, kept in a file under the state directory
/// (never inside the user's file system), so that a restarted plugin can still unstage it.
public struct StageRecord: Codable, Equatable, Sendable {
    public enum Mode: String, Codable, Sendable {
        case mount
        case block
    }

    public var volumeID: String
    public var stagingPath: String
    public var mode: Mode
    /// The file system for a mount; empty for a block volume.
    public var fileSystem: String
    public var readOnly: Bool
    /// Empty until the device is attached.
    public var device: String
    /// Target paths the volume is published at, with whether each is read-only.
    public var publications: [String: Bool]
    /// The export the device is connected to, for taking the device over after a restart.
    public var exportName: String?
    /// The kernel's boot id when the device was chosen. A record from another boot names a
    /// device that is gone, whatever that device number serves now.
    public var bootID: String?

    public init(volumeID: String, stagingPath: String, mode: Mode, fileSystem: String, readOnly: Bool) {
        self.volumeID = volumeID
        self.stagingPath = stagingPath
        self.mode = mode
        self.fileSystem = fileSystem
        self.readOnly = readOnly
        device = ""
        publications = [:]
    }
}

/// The stage records of this node: one JSON file per volume, read back whole when the plugin
/// starts.
public final class StageRecords: @unchecked Sendable {
    private let directory: URL
    private let lock = NSLock()
    private var records: [String: StageRecord] = [:]
    /// Record files that could not be read (cut short by a full disk, or edited by hand), with
    /// why. They are left in place for an operator to look at; the plugin serves the other
    /// volumes rather than refusing to start for one.
    public let unreadable: [(path: String, reason: String)]

    public init(stateDirectory: String) throws(CSIError) {
        directory = URL(fileURLWithPath: stateDirectory).appendingPathComponent("staged")
        let files: [String]
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .system(action: "read the stage records in \(directory.path)", reason: "\(error)")
        }
        var unreadable: [(path: String, reason: String)] = []
        for file in files.sorted() where file.hasSuffix(".json") {
            let url = directory.appendingPathComponent(file)
            do {
                var record = try JSONDecoder().decode(StageRecord.self, from: Data(contentsOf: url))
                // Records written before paths were resolved may hold another spelling.
                record.stagingPath = NodePaths.canonical(record.stagingPath)
                record.publications = Dictionary(
                    record.publications.map { (NodePaths.canonical($0.key), $0.value) }, uniquingKeysWith: { $0 || $1 })
                records[record.volumeID] = record
            } catch {
                unreadable.append((url.path, "\(error)"))
            }
        }
        self.unreadable = unreadable
    }

    public func record(ofVolume volume: String) -> StageRecord? {
        lock.withLock { records[volume] }
    }

    public func all() -> [StageRecord] {
        lock.withLock { Array(records.values) }
    }

    /// The record staged at `path`, whichever volume it is.
    public func record(atStagingPath path: String) -> StageRecord? {
        lock.withLock { records.values.first { $0.stagingPath == path } }
    }

    public func save(_ record: StageRecord) throws(CSIError) {
        let file = fileURL(record.volumeID)
        do {
            // Written to a temporary file and renamed over the old record, so a crash leaves one
            // whole record or the other.
            try JSONEncoder().encode(record).write(to: file, options: .atomic)
        } catch {
            throw .system(action: "write the stage record \(file.path)", reason: "\(error)")
        }
        lock.withLock { records[record.volumeID] = record }
    }

    public func remove(volume: String) throws(CSIError) {
        let file = fileURL(volume)
        do {
            if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
        } catch {
            throw .system(action: "remove the stage record \(file.path)", reason: "\(error)")
        }
        _ = lock.withLock { records.removeValue(forKey: volume) }
    }

    /// Volume ids may hold any character and be long; the file name keeps their safe characters
    /// (for people reading the directory) and adds a 64-bit FNV-1a hash of the whole id, which
    /// keeps names apart. The record itself holds the exact id.
    private func fileURL(_ volume: String) -> URL {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in volume.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let safe = String(
            volume.unicodeScalars.filter {
                $0.isASCII && ($0.properties.isAlphabetic || "0123456789-._".unicodeScalars.contains($0))
            }.prefix(100).map(Character.init))
        return directory.appendingPathComponent("\(safe)-\(String(hash, radix: 16)).json")
    }
}
