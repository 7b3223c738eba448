import BlockfenceBase
import Glibc

/// A storage node's data directory: a lock so two servers never share it, and one directory per
/// replica under `volumes/`.
final class NodeDataDirectory: @unchecked Sendable {
    let path: String
    private let lockDescriptor: Int32

    var volumesPath: String { path + "/volumes" }

    init(path: String) throws(SystemError) {
        self.path = path
        for directory in [path, path + "/volumes"] where mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw .last("mkdir", subject: directory)
        }
        let descriptor = open(path + "/node.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .last("open", subject: path + "/node.lock") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw SystemError("flock", errno: EBUSY, subject: "\(path) (another blockfence server uses it)")
        }
        lockDescriptor = descriptor
    }

    deinit {
        close(lockDescriptor)
    }

    func replicaPath(volumeID: String) -> String { volumesPath + "/" + volumeID }

    /// Names of the replica directories present.
    func replicaDirectories() -> [String] {
        guard let directory = opendir(volumesPath) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Bytes the filesystem holds and has free, for placement decisions.
    func capacity() -> (total: UInt64, available: UInt64) {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return (0, 0) }
        return (UInt64(status.f_blocks) * UInt64(status.f_frsize), UInt64(status.f_bavail) * UInt64(status.f_frsize))
    }
}
