import Foundation
import Glibc

/// One spelling for each host path the node side is given.
///
/// The orchestrator may name a path through a symbolic link, with `..` or `.` components or
/// with a trailing slash, while the kernel's mount table and the stage records hold the path as
/// the kernel resolves it. Comparing the spellings would take a mounted path for an unmounted
/// one (mounting it again, or refusing to remove it) and another volume's staging path for a
/// free one, so every node call compares and records the resolved form only.
enum NodePaths {
    /// The path with every existing part resolved by the kernel (links followed, `..` taken)
    /// and the parts that do not exist yet appended, with `.` and `..` among them taken
    /// textually. Only absolute paths have a host meaning; a relative one is returned unchanged
    /// for the caller to refuse.
    static func canonical(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        if let resolved = realPath(path) { return resolved }
        var components = path.split(separator: "/").map(String.init)
        var missing: [String] = []
        // The longest prefix that exists is resolved; the rest cannot hold links.
        while let last = components.popLast() {
            missing.insert(last, at: 0)
            let prefix = "/" + components.joined(separator: "/")
            if let resolved = realPath(prefix) {
                return join(resolved, missing)
            }
        }
        return join("/", missing)
    }

    private static func join(_ base: String, _ rest: [String]) -> String {
        var parts = base.split(separator: "/").map(String.init)
        for part in rest {
            switch part {
            case "", ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
