import BlockfenceBase
import Glibc
import Synchronization

/// An exclusive `flock` on `<data-dir>/control/lock`, held for the life of the process, so that
/// two control cores never share one database. The kernel drops it when the process dies, even
/// by SIGKILL, so a restart never finds a stale lock.
final class DataDirectoryLock: Sendable {
    let path: String
    private let descriptor: Mutex<Int32>

    init(path: String) throws(ControlServerError) {
        self.path = path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, SystemError.last("open").description) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let error = SystemError.last("flock")
            close(descriptor)
            guard error.errno == EWOULDBLOCK else { throw .cannotOpen(path: path, error.description) }
            throw .dataDirectoryInUse(lockPath: path)
        }
        self.descriptor = Mutex(descriptor)
    }

    /// Lets another control core use the directory, once this one has stopped.
    func release() {
        descriptor.withLock { descriptor in
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
        }
    }

    deinit {
        release()
    }
}

/// Why a control core could not start.
public enum ControlServerError: Error, Equatable, CustomStringConvertible {
    case dataDirectoryInUse(lockPath: String)
    case cannotCreateDirectory(path: String, String)
    case cannotOpen(path: String, String)
    case cannotListen(String)

    public var description: String {
        switch self {
        case .dataDirectoryInUse(let lockPath):
            "another blockfence control is using this data directory (it holds \(lockPath)); stop it or use "
                + "another --data-dir"
        case .cannotCreateDirectory(let path, let reason): "cannot create directory \(path): \(reason)"
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .cannotListen(let reason): reason
        }
    }
}
