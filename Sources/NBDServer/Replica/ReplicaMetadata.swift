import BlockfenceBase
import CShims
import Foundation
import Glibc

/// What a replica remembers across restarts, in `replica.json` beside its data. The accepted
/// epoch is the important part: a replica refuses replication from any lower epoch, also after
/// it restarts, which is what stops an old primary that can still reach its peers.
struct ReplicaMetadata: Codable, Equatable {
    var volumeID: String
    var volumeName: String
    var sizeBytes: UInt64
    var acceptedEpoch: UInt64
    var createdAtUnixMilliseconds: Int64
    /// Set when the server stopped cleanly: the sequence the replica had applied then. Removed
    /// as soon as the server starts again, so it never outlives the state it describes.
    var cleanStopSequence: UInt64?
    /// The lineage (a primary's starting epoch) the replica was last level with, and the sequence
    /// of that lineage it holds durably. Written only after an fdatasync, and cleared before a full
    /// copy overwrites anything, so a replica never claims a sequence it does not hold: a primary of
    /// the same lineage may catch it up from its journal after that sequence; anything else copies
    /// it in full.
    var levelLineage: UInt64?
    var levelSequence: UInt64?

    enum CodingKeys: String, CodingKey {
        case volumeID = "volume_id"
        case volumeName = "volume_name"
        case sizeBytes = "size_bytes"
        case acceptedEpoch = "accepted_epoch"
        case createdAtUnixMilliseconds = "created_at_unix_ms"
        case cleanStopSequence = "clean_stop_sequence"
        case levelLineage = "level_lineage"
        case levelSequence = "level_sequence"
    }

    static let fileName = "replica.json"

    /// Reads the record; nil when it is missing or does not parse.
    static func load(directory: String) -> ReplicaMetadata? {
        guard let text = readSmallFile(directory + "/" + fileName) else { return nil }
        return try? JSONDecoder().decode(ReplicaMetadata.self, from: Data(text.utf8))
    }

    /// Writes the record so that a crash at any moment leaves either the old or the new one:
    /// a temporary file, fsync, rename over the old one, fsync of the directory.
    func save(directory: String) throws(SystemError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let bytes = Array((try? encoder.encode(self)) ?? Data())
        let temporary = directory + "/." + Self.fileName + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .last("open", subject: temporary) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if result < 0 {
                if bf_errno() == EINTR { continue }
                let failure = SystemError.last("write", subject: temporary)
                close(descriptor)
                throw failure
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            let failure = SystemError.last("fsync", subject: temporary)
            close(descriptor)
            throw failure
        }
        close(descriptor)
        guard rename(temporary, directory + "/" + Self.fileName) == 0 else {
            throw .last("rename", subject: temporary)
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw .last("open", subject: directory) }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw .last("fsync", subject: directory) }
    }
}
