import Foundation
import Glibc
import Testing

@testable import NBDServer

/// The data directory measures the largest file its filesystem holds, which the node reports so
/// that the control core places and grows no replica beyond it.
@Suite struct NodeDataDirectoryTests {
    @Test func theLargestFileIsMeasuredExactlyAndTheProbeIsRemoved() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("node-dir-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let directory = try NodeDataDirectory(path: path)
        let largest = directory.largestFileBytes
        #expect(largest > 0)
        #expect(largest % 4096 == 0)
        #expect(!FileManager.default.fileExists(atPath: path + "/size-probe"))

        let probe = path + "/check"
        let descriptor = open(probe, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0)
        defer {
            close(descriptor)
            unlink(probe)
        }
        #expect(ftruncate(descriptor, off_t(largest)) == 0)
        // Where the filesystem's limit is below the largest offset at all (16 TiB on ext4), one page
        // more is refused.
        if largest + 4096 <= UInt64(Int64.max) {
            let result = ftruncate(descriptor, off_t(largest + 4096))
            let code = errno
            #expect(result != 0)
            #expect(code == EFBIG || code == EINVAL)
        }
    }
}
