import BlockfenceBase
import Glibc

/// A storage node's data directory: a lock so two servers never share it, and one directory per
/// replica under `volumes/`.
final class NodeDataDirectory: @unchecked Sendable {
    let path: String
    private let lockDescriptor: Int32
    /// The largest file the filesystem holds, measured once: the control core places and grows
    /// no replica beyond it. 0 when it could not be measured.
    private(set) var largestFileBytes: UInt64 = 0

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
        largestFileBytes = Self.measureLargestFile(probePath: path + "/size-probe")
    }

    /// Finds the largest size, in whole pages, to which a sparse file here can be truncated: the
    /// filesystem's limit, which statvfs and pathconf do not tell reliably. Truncating allocates
    /// nothing, so the search is quick and leaves the disk as it was.
    static func measureLargestFile(probePath: String) -> UInt64 {
        let page: UInt64 = 4096
        var highest = UInt64(Int64.max) / page
        // Beyond the process's file size limit a truncation raises SIGXFSZ, which would end the server.
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max {
            highest = min(highest, UInt64(limit.rlim_cur) / page)
        }
        let descriptor = open(probePath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return 0 }
        defer {
            close(descriptor)
            unlink(probePath)
        }
        var lowest: UInt64 = 0
        while lowest < highest {
            let middle = lowest + (highest - lowest + 1) / 2
            if ftruncate(descriptor, off_t(middle * page)) == 0 {
                lowest = middle
            } else {
                highest = middle - 1
            }
        }
        _ = ftruncate(descriptor, 0)
        return lowest * page
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
