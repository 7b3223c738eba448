import Foundation
import Testing

@testable import CSIPlugin

/// The real tools on files instead of devices: blkid and mkfs.ext4 work on a regular file, which
/// exercises the tool runner and blkid's "nothing found" exit status without root or a kernel
/// block device.
struct LinuxFilesystemToolsTests {
    static let toolsPresent = ["/usr/sbin/blkid", "/usr/sbin/mkfs.ext4", "/sbin/blkid", "/sbin/mkfs.ext4"]
        .contains { FileManager.default.isExecutableFile(atPath: $0) }

    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("csi-tools-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    @Test(.enabled(if: toolsPresent)) func blkidFindsNothingOnAnEmptyImageAndExt4AfterMkfs() async throws {
        let image = directory + "/volume.img"
        try #require(FileManager.default.createFile(atPath: image, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: image))
        try handle.truncate(atOffset: 16 << 20)
        try handle.close()
        let tools = LinuxFilesystemTools()
        #expect(try await tools.probe(device: image) == nil)
        try await tools.makeFilesystem(type: "ext4", device: image)
        #expect(try await tools.probe(device: image) == "ext4")
    }

    @Test(.enabled(if: toolsPresent)) func aFailingToolIsASystemErrorQuotingIt() async throws {
        let error = await #expect(throws: CSIError.self) {
            try await LinuxFilesystemTools().makeFilesystem(type: "ext4", device: directory + "/missing/volume.img")
        }
        guard case .system(let action, let reason)? = error else {
            Issue.record("expected a system error, got \(String(describing: error))")
            return
        }
        #expect(action.hasPrefix("mkfs.ext4"))
        #expect(reason.contains("exit status"))
    }

    @Test func statisticsAndMountPointsComeFromTheKernel() async throws {
        let tools = LinuxFilesystemTools()
        let statistics = try await tools.statistics(path: directory)
        #expect(statistics.totalBytes > 0 && statistics.totalBytes >= statistics.availableBytes)
        #expect(await tools.isMountPoint("/proc"))
        #expect(await !tools.isMountPoint(directory))
        await #expect(throws: CSIError.self) { try await tools.statistics(path: directory + "/missing") }
    }
}
