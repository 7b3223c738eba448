import BlockfenceBase
import Glibc
import NBDProtocol
import Testing

@testable import NBDServer

struct FileExportTests {
    @Test("A missing file is created sparse with the requested size")
    func createsSparseFile() throws {
        let scratch = ScratchDirectory()
        let export = try FileExport.open(name: "d", path: scratch.file("d.img"), sizeBytes: 64 << 20, readOnly: false)
        #expect(export.sizeBytes == 64 << 20)
        var status = stat()
        stat(scratch.file("d.img"), &status)
        #expect(status.st_size == 64 << 20)
        #expect(status.st_blocks == 0)
    }

    enum OpenCase: String, CaseIterable {
        case missingWithoutSize, readOnlyMissing, sizeMismatch, directory, fifo, lockedByWriter, sizeBeyondFiles
    }

    @Test("Exports that cannot be served are refused with the reason", arguments: OpenCase.allCases)
    func refusesUnservableFiles(openCase: OpenCase) throws {
        let scratch = ScratchDirectory()
        let path = scratch.file("d.img")
        var holder: FileExport?
        switch openCase {
        case .missingWithoutSize, .readOnlyMissing, .sizeBeyondFiles:
            break
        case .sizeMismatch:
            holder = try FileExport.open(name: "d", path: path, sizeBytes: 1 << 20, readOnly: false)
            holder = nil
        case .directory:
            mkdir(path, 0o755)
        case .fifo:
            mkfifo(path, 0o600)
        case .lockedByWriter:
            holder = try FileExport.open(name: "d", path: path, sizeBytes: 1 << 20, readOnly: false)
        }
        defer { if openCase == .directory { rmdir(path) } else { unlink(path) } }
        let attempt = { () throws(ExportOpenError) -> FileExport in
            switch openCase {
            case .missingWithoutSize: try FileExport.open(name: "d", path: path, sizeBytes: nil, readOnly: false)
            case .readOnlyMissing: try FileExport.open(name: "d", path: path, sizeBytes: 1 << 20, readOnly: true)
            case .sizeMismatch: try FileExport.open(name: "d", path: path, sizeBytes: 2 << 20, readOnly: false)
            case .directory: try FileExport.open(name: "d", path: path, sizeBytes: nil, readOnly: true)
            // Opening a FIFO for reading waits for a writer unless the open does not block.
            case .fifo: try FileExport.open(name: "d", path: path, sizeBytes: nil, readOnly: true)
            case .lockedByWriter: try FileExport.open(name: "d", path: path, sizeBytes: nil, readOnly: false)
            case .sizeBeyondFiles: try FileExport.open(name: "d", path: path, sizeBytes: 1 << 63, readOnly: false)
            }
        }
        do {
            _ = try attempt()
            Issue.record("opening should have failed")
        } catch {
            switch (openCase, error) {
            case (.missingWithoutSize, .missingWithoutSize), (.readOnlyMissing, .readOnlyMissing),
                (.sizeMismatch, .sizeMismatch(_, _, 1 << 20, 2 << 20)), (.directory, .notAFileOrDevice),
                (.fifo, .notAFileOrDevice),
                (.lockedByWriter, .inUse), (.sizeBeyondFiles, .sizeTooLarge):
                #expect(error.description.contains("export 'd'"))
                if ![.sizeMismatch, .lockedByWriter, .directory, .fifo].contains(openCase) {
                    #expect(access(path, F_OK) != 0, "a refused export leaves no file behind")
                }
            default:
                Issue.record("unexpected error \(error)")
            }
        }
        _ = holder
    }

    @Test("Writes read back, and bytes beyond a shrunken file read as zeroes")
    func readsBackWrites() throws {
        let scratch = ScratchDirectory()
        let export = try FileExport.open(name: "d", path: scratch.file("d.img"), sizeBytes: 1 << 20, readOnly: false)
        let pattern = (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(pattern.withUnsafeBytes { export.write(from: $0.baseAddress!, offset: 4096, length: 8192) } == 0)
        var back = [UInt8](repeating: 0xff, count: 8192)
        #expect(back.withUnsafeMutableBytes { export.read(into: $0.baseAddress!, offset: 4096, length: 8192) } == 0)
        #expect(back == pattern)
        truncate(scratch.file("d.img"), 8192)
        #expect(back.withUnsafeMutableBytes { export.read(into: $0.baseAddress!, offset: 4096, length: 8192) } == 0)
        #expect(Array(back[0..<4096]) == Array(pattern[0..<4096]))
        #expect(back[4096...].allSatisfy { $0 == 0 })
    }

    @Test("Block status reports holes and data, and trim and zeroing make holes")
    func reportsExtents() throws {
        let scratch = ScratchDirectory()
        let export = try FileExport.open(name: "d", path: scratch.file("d.img"), sizeBytes: 1 << 20, readOnly: false)
        let hole = AllocationState.hole | AllocationState.zero
        #expect(
            try export.extents(offset: 0, length: 1 << 20, limit: 16).get() == [
                BlockExtent(length: 1 << 20, flags: hole)
            ])

        let data = [UInt8](repeating: 7, count: 64 << 10)
        _ = data.withUnsafeBytes { export.write(from: $0.baseAddress!, offset: 128 << 10, length: 64 << 10) }
        #expect(
            try export.extents(offset: 0, length: 1 << 20, limit: 16).get() == [
                BlockExtent(length: 128 << 10, flags: hole), BlockExtent(length: 64 << 10, flags: 0),
                BlockExtent(length: (1 << 20) - (192 << 10), flags: hole),
            ])
        #expect(try export.extents(offset: 0, length: 1 << 20, limit: 1).get().count == 1)
        #expect(
            try export.extents(offset: 130 << 10, length: 4096, limit: 16).get() == [
                BlockExtent(length: 4096, flags: 0)
            ])

        #expect(export.trim(offset: 128 << 10, length: 32 << 10) == 0)
        #expect(try export.extents(offset: 128 << 10, length: 64 << 10, limit: 16).get().first?.flags == hole)

        #expect(export.writeZeroes(offset: 160 << 10, length: 32 << 10, mayPunch: true, fast: true) == 0)
        #expect(
            try export.extents(offset: 128 << 10, length: 64 << 10, limit: 16).get() == [
                BlockExtent(length: 64 << 10, flags: hole)
            ])
    }

    @Test("Zeroing without holes leaves the range allocated and reading zeroes")
    func zeroesWithoutHoles() throws {
        let scratch = ScratchDirectory()
        let export = try FileExport.open(name: "d", path: scratch.file("d.img"), sizeBytes: 1 << 20, readOnly: false)
        let data = [UInt8](repeating: 9, count: 64 << 10)
        _ = data.withUnsafeBytes { export.write(from: $0.baseAddress!, offset: 0, length: 64 << 10) }
        #expect(export.writeZeroes(offset: 0, length: 64 << 10, mayPunch: false, fast: false) == 0)
        var back = [UInt8](repeating: 1, count: 64 << 10)
        _ = back.withUnsafeMutableBytes { export.read(into: $0.baseAddress!, offset: 0, length: 64 << 10) }
        #expect(back.allSatisfy { $0 == 0 })
        #expect(
            try export.extents(offset: 0, length: 64 << 10, limit: 16).get().allSatisfy {
                $0.flags & AllocationState.hole == 0
            })
    }

    @Test(
        "Storage errnos map to the NBD error table",
        arguments: [
            (EPERM, NBDError.notPermitted), (EROFS, .notPermitted), (ENOSPC, .noSpace), (EDQUOT, .noSpace),
            (EFBIG, .noSpace), (ENOMEM, .noMemory), (EINVAL, .invalid), (EOVERFLOW, .overflow),
            (EOPNOTSUPP, .notSupported), (ESHUTDOWN, .shutdown), (EIO, .inputOutput), (ENODEV, .inputOutput),
        ])
    func mapsStorageErrors(code: Int32, expected: NBDError) {
        #expect(NBDError(storageErrno: code) == expected)
    }
}
