import BlockfenceBase
import ControlAPI
import Foundation
import Glibc
import RPC
import Synchronization

/// The Linux tools: blkid, mkfs.ext4 and mkfs.xfs, mount, umount, resize2fs, xfs_growfs,
/// blockdev, and statvfs.
public struct LinuxFilesystemTools: FilesystemTools {
    let runner = ToolRunner()

    public init() {}

    public func probe(device: String) async throws(CSIError) -> String? {
        let output = try await runner.run("blkid", ["-p", "-o", "value", "-s", "TYPE", device])
        // blkid exits 2 when it finds nothing to report.
        if output.status == 2 { return nil }
        guard output.status == 0 else {
            throw .system(action: "blkid \(device)", reason: "exit status \(output.status): \(output.standardError)")
        }
        let type = output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        return type.isEmpty ? nil : type
    }

    public func makeFilesystem(type: String, device: String) async throws(CSIError) {
        switch type {
        case "ext4": try await runner.check("mkfs.ext4", ["-q", "-F", device])
        case "xfs": try await runner.check("mkfs.xfs", ["-q", device])
        default: throw .invalidField(field: "fsType", reason: "'\(type)' is not ext4 or xfs")
        }
    }

    public func mount(device: String, at path: String, type: String, options: [String]) async throws(CSIError) {
        try createDirectory(path)
        var arguments = ["-t", type]
        if !options.isEmpty { arguments += ["-o", options.joined(separator: ",")] }
        try await runner.check("mount", arguments + [device, path])
    }

    public func bindMount(source: String, target: String, readOnly: Bool) async throws(CSIError) {
        try await runner.check("mount", ["--bind", source, target])
        // A bind mount takes read-only only on a remount.
        if readOnly { try await runner.check("mount", ["-o", "remount,bind,ro", target]) }
    }

    public func unmount(path: String) async throws(CSIError) {
        try await runner.check("umount", [path])
    }

    /// Whether the kernel's mount table of this process lists `path` as a mount point; works for
    /// files (a block volume's bind mount) as well as directories.
    public func isMountPoint(_ path: String) async -> Bool {
        guard let table = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return false }
        return MountTable.mountPoints(mountInfo: table).contains(path)
    }

    public func growFilesystem(type: String, device: String, mountPath: String) async throws(CSIError) {
        switch type {
        case "ext4": try await runner.check("resize2fs", [device])
        case "xfs": try await runner.check("xfs_growfs", [mountPath])
        default: throw .invalidField(field: "fsType", reason: "'\(type)' is not ext4 or xfs")
        }
    }

    public func statistics(path: String) async throws(CSIError) -> FilesystemStatistics {
        var result = statvfs()
        guard statvfs(path, &result) == 0 else {
            throw .system(action: "statvfs \(path)", reason: SystemError.last("statvfs", subject: path).description)
        }
        let block = Int64(result.f_frsize)
        return FilesystemStatistics(
            totalBytes: Int64(result.f_blocks) * block, availableBytes: Int64(result.f_bavail) * block,
            usedBytes: Int64(result.f_blocks - result.f_bfree) * block, totalInodes: Int64(result.f_files),
            freeInodes: Int64(result.f_ffree), usedInodes: Int64(result.f_files - result.f_ffree))
    }

    public func deviceSizeBytes(_ device: String) async throws(CSIError) -> Int64 {
        let output = try await runner.check("blockdev", ["--getsize64", device])
        guard let size = Int64(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .system(action: "blockdev --getsize64 \(device)", reason: "unexpected output '\(output)'")
        }
        return size
    }

    private func createDirectory(_ path: String) throws(CSIError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .system(action: "create \(path)", reason: "\(error)")
        }
    }
}

/// Asks the control core where a volume is served now. A primary starts serving a moment after
/// it is chosen, so an empty address is read again for a few seconds before giving up.
public struct ControlPrimaryLocator: PrimaryLocating {
    let control: ControlAccess
    let patience: Duration

    public init(control: ControlAccess, patience: Duration = .seconds(10)) {
        self.control = control
        self.patience = patience
    }

    public func target(ofVolume volume: String) async throws(CSIError) -> NBDTarget {
        let giveUp = ContinuousClock.now + patience
        while true {
            guard let found = try await control.volume(volume) else { throw .volumeNotFound(volume) }
            if let target = NBDTarget(uri: found.nbdURI) { return target }
            guard ContinuousClock.now < giveUp else {
                throw .control(
                    action: "find the primary of '\(volume)'",
                    RPCError(.unavailable, "no server serves the volume (health \(found.health))"))
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }
}

/// Reads /proc/self/mountinfo.
enum MountTable {
    /// The mount points listed, with the kernel's octal escapes (`\\040` for a space) decoded.
    static func mountPoints(mountInfo: String) -> Set<String> {
        var points = Set<String>()
        for line in mountInfo.split(separator: "\n") {
            // Fields: mount id, parent id, major:minor, root, mount point, options, ...
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count > 4 else { continue }
            points.insert(unescape(fields[4]))
        }
        return points
    }

    static func unescape(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        var characters = Array(field.utf8)[...]
        while let byte = characters.popFirst() {
            if byte == UInt8(ascii: "\\"), characters.count >= 3,
                let value = UInt8(String(decoding: characters.prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                characters = characters.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
