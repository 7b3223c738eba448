import BlockfenceBase
import CShims
import Glibc
import NBDProtocol
import Synchronization

/// Why an export could not be opened. Each case names the export and the file.
public enum ExportOpenError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(export: String, path: String, SystemError)
    case cannotCreate(export: String, path: String, SystemError)
    case missingWithoutSize(export: String, path: String)
    case readOnlyMissing(export: String, path: String)
    case sizeMismatch(export: String, path: String, fileBytes: UInt64, requestedBytes: UInt64)
    case notAFileOrDevice(export: String, path: String)
    case inUse(export: String, path: String)
    case sizeTooLarge(export: String, requestedBytes: UInt64)
    case readOnlyDevice(export: String, path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let export, let path, let error): "export '\(export)': cannot open \(path): \(error)"
        case .cannotCreate(let export, let path, let error): "export '\(export)': cannot create \(path): \(error)"
        case .missingWithoutSize(let export, let path):
            "export '\(export)': \(path) does not exist; give --size to create it"
        case .readOnlyMissing(let export, let path):
            "export '\(export)': \(path) does not exist, and a read-only export cannot create it"
        case .sizeMismatch(let export, let path, let fileBytes, let requestedBytes):
            "export '\(export)': \(path) holds \(fileBytes) bytes but --size asks for \(requestedBytes); "
                + "omit --size to serve the file as it is"
        case .notAFileOrDevice(let export, let path):
            "export '\(export)': \(path) is neither a regular file nor a block device"
        case .inUse(let export, let path):
            "export '\(export)': \(path) is already served for writing by a blockfence server (this one or another)"
        case .readOnlyDevice(let export, let path):
            "export '\(export)': \(path) is a read-only block device; serve it with --read-only"
        case .sizeTooLarge(let export, let requestedBytes):
            "export '\(export)': \(requestedBytes) bytes is larger than any file can be (the limit is 2^63 - 1)"
        }
    }
}

/// An export backed by a sparse file or a block device. Every method is safe to call from many
/// connection threads at once: positional reads and writes share the one descriptor.
public final class FileExport: Sendable {
    public let name: String
    public let description: String
    public let path: String
    /// The size clients see when they connect; `resize` grows it.
    public var sizeBytes: UInt64 { currentSize.load(ordering: .acquiring) }
    private let currentSize: Atomic<UInt64>
    public let readOnly: Bool
    public let gate: any ExportGate
    /// Whether opening created the file, so a command that fails to start can remove it again.
    public let createdFile: Bool
    /// Whether zeroing a range is cheap here. On a block device without hardware write-zeroes,
    /// the kernel would write zero blocks, as slow as a WRITE, so FAST_ZERO must be refused.
    let zeroingIsFast: Bool
    let isBlockDevice: Bool
    let fileDescriptor: Int32

    private init(
        name: String, description: String, path: String, sizeBytes: UInt64, readOnly: Bool, gate: any ExportGate,
        createdFile: Bool, isBlockDevice: Bool, zeroingIsFast: Bool, fileDescriptor: Int32
    ) {
        self.name = name
        self.description = description
        self.path = path
        self.currentSize = Atomic(sizeBytes)
        self.readOnly = readOnly
        self.gate = gate
        self.createdFile = createdFile
        self.isBlockDevice = isBlockDevice
        self.zeroingIsFast = zeroingIsFast
        self.fileDescriptor = fileDescriptor
    }

    deinit {
        close(fileDescriptor)
    }

    /// Opens `path`, creating it sparse with `sizeBytes` when it is missing and a size is given.
    /// A writable export locks the file so that two servers never write it at once.
    public static func open(
        name: String, path: String, sizeBytes requested: UInt64?, readOnly: Bool, description: String = "",
        gate: any ExportGate = OpenGate()
    ) throws(ExportOpenError) -> FileExport {
        if let requested, requested > UInt64(Int64.max) { throw .sizeTooLarge(export: name, requestedBytes: requested) }
        let accessFlags = readOnly ? O_RDONLY : O_RDWR
        // Non-blocking, so that a FIFO (which would wait for a writer) fails the type check below
        // instead of hanging; switched back to blocking once the file is known to be a file.
        var descriptor = Glibc.open(path, accessFlags | O_CLOEXEC | O_NONBLOCK)
        var created = false
        if descriptor < 0 {
            let failure = SystemError.last("open")
            guard failure.errno == ENOENT else { throw .cannotOpen(export: name, path: path, failure) }
            guard !readOnly else { throw .readOnlyMissing(export: name, path: path) }
            guard let requested else { throw .missingWithoutSize(export: name, path: path) }
            descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .cannotCreate(export: name, path: path, .last("open")) }
            created = true
            guard ftruncate(descriptor, off_t(requested)) == 0 else {
                let failure = SystemError.last("ftruncate")
                close(descriptor)
                unlink(path)
                throw .cannotCreate(export: name, path: path, failure)
            }
        }
        let abandon = { () -> Void in
            close(descriptor)
            if created { unlink(path) }
        }

        // Two writers on one file would each believe they own it; readers need no lock.
        guard readOnly || flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            abandon()
            throw .inUse(export: name, path: path)
        }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let failure = SystemError.last("fstat")
            abandon()
            throw .cannotOpen(export: name, path: path, failure)
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG || kind == S_IFBLK else {
            abandon()
            throw .notAFileOrDevice(export: name, path: path)
        }
        let isBlockDevice = kind == S_IFBLK
        _ = fcntl(descriptor, F_SETFL, accessFlags)
        if isBlockDevice && !readOnly && bf_block_device_read_only(descriptor) == 1 {
            abandon()
            throw .readOnlyDevice(export: name, path: path)
        }
        let actual = isBlockDevice ? UInt64(max(0, lseek(descriptor, 0, SEEK_END))) : UInt64(status.st_size)
        if let requested, requested != actual {
            abandon()
            throw .sizeMismatch(export: name, path: path, fileBytes: actual, requestedBytes: requested)
        }
        return FileExport(
            name: name, description: description, path: path, sizeBytes: actual, readOnly: readOnly, gate: gate,
            createdFile: created, isBlockDevice: isBlockDevice,
            zeroingIsFast: !isBlockDevice || blockDeviceZeroesInHardware(status.st_rdev),
            fileDescriptor: descriptor)
    }

    /// Whether a block device offloads write-zeroes (`queue/write_zeroes_max_bytes` above 0).
    /// Without it, FALLOC_FL_ZERO_RANGE falls back to writing zero blocks.
    private static func blockDeviceZeroesInHardware(_ device: dev_t) -> Bool {
        let major = (device >> 8) & 0xfff | (device >> 32) & ~0xfff
        let minor = device & 0xff | (device >> 12) & ~0xff
        let path = "/sys/dev/block/\(major):\(minor)/queue/write_zeroes_max_bytes"
        guard let text = readSmallFile(path), let word = text.split(whereSeparator: \.isWhitespace).first else {
            return false
        }
        return (UInt64(word) ?? 0) > 0
    }

    /// Grows the file to `newSize` (never shrinks). Connections already open keep the size they
    /// negotiated; new ones see the new size.
    public func resize(to newSize: UInt64) -> Int32 {
        guard newSize > sizeBytes else { return 0 }
        guard newSize <= UInt64(Int64.max) else { return EFBIG }
        guard !isBlockDevice else { return EOPNOTSUPP }
        if ftruncate(fileDescriptor, off_t(newSize)) != 0 { return bf_errno() }
        currentSize.store(newSize, ordering: .releasing)
        return 0
    }

    /// Reads exactly `length` bytes; bytes past the file's end (a file shrunk behind our back)
    /// read as zeroes. Returns 0 or an errno.
    @inline(__always)
    func read(into buffer: UnsafeMutableRawPointer, offset: UInt64, length: Int) -> Int32 {
        var done = 0
        while done < length {
            let result = pread(fileDescriptor, buffer + done, length - done, off_t(offset) + off_t(done))
            if result > 0 {
                done += result
            } else if result == 0 {
                (buffer + done).initializeMemory(as: UInt8.self, repeating: 0, count: length - done)
                return 0
            } else {
                let code = bf_errno()
                if code != EINTR { return code }
            }
        }
        return 0
    }

    /// Writes exactly `length` bytes. Returns 0 or an errno.
    @inline(__always)
    func write(from buffer: UnsafeRawPointer, offset: UInt64, length: Int) -> Int32 {
        var done = 0
        while done < length {
            let result = pwrite(fileDescriptor, buffer + done, length - done, off_t(offset) + off_t(done))
            if result > 0 {
                done += result
            } else if result < 0 {
                let code = bf_errno()
                if code != EINTR { return code }
            } else {
                return EIO
            }
        }
        return 0
    }

    /// Makes every completed write durable. For a shared file this covers writes from every
    /// connection, which is what NBD_FLAG_CAN_MULTI_CONN promises.
    func flush() -> Int32 {
        while fdatasync(fileDescriptor) != 0 {
            let code = bf_errno()
            if code != EINTR { return code }
        }
        return 0
    }

    /// Discards a range. TRIM is advisory, so storage that cannot punch holes simply keeps the data.
    func trim(offset: UInt64, length: UInt64) -> Int32 {
        if bf_punch_hole(fileDescriptor, Int64(offset), Int64(length)) == 0 { return 0 }
        let code = bf_errno()
        if code == EOPNOTSUPP || code == ENOSYS || code == EINVAL { return 0 }
        return code
    }

    /// Makes a range read as zeroes. With `mayPunch` (no NO_HOLE flag) a hole is preferred;
    /// otherwise the range stays allocated. With `fast` (FAST_ZERO) nothing slow is attempted:
    /// ENOTSUP comes back instead of writing zeroes byte by byte.
    func writeZeroes(offset: UInt64, length: UInt64, mayPunch: Bool, fast: Bool) -> Int32 {
        let start = Int64(offset)
        let count = Int64(length)
        // fallocate on a block device drops the range from the page cache before it tries, so
        // writes still only cached there would be lost if it then failed: write them back first.
        if isBlockDevice, bf_write_back_range(fileDescriptor, start, count) != 0 { return bf_errno() }
        // On a block device, punching is a discard that zeroes or fails, never a slow fallback.
        if mayPunch, bf_punch_hole(fileDescriptor, start, count) == 0 { return 0 }
        if fast && !zeroingIsFast { return ENOTSUP }
        if bf_zero_range(fileDescriptor, start, count) == 0 { return 0 }
        // Filesystems without ZERO_RANGE (tmpfs among them): punch, then allocate the hole again.
        if !isBlockDevice, bf_punch_hole(fileDescriptor, start, count) == 0 {
            if bf_allocate_range(fileDescriptor, start, count) == 0 { return 0 }
            let code = bf_errno()
            if code == ENOSPC || code == EDQUOT { return code }
            // The range reads as zeroes but is a hole, which NO_HOLE forbids: fill it below.
        }
        if fast { return ENOTSUP }
        return writeZeroBytes(offset: offset, length: length)
    }

    private func writeZeroBytes(offset: UInt64, length: UInt64) -> Int32 {
        let chunk = 1 << 20
        let zeroes = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
        defer { zeroes.deallocate() }
        zeroes.initializeMemory(as: UInt8.self, repeating: 0, count: chunk)
        var done: UInt64 = 0
        while done < length {
            let step = Int(min(UInt64(chunk), length - done))
            let code = write(from: zeroes, offset: offset + done, length: step)
            if code != 0 { return code }
            done += UInt64(step)
        }
        return 0
    }

    /// Starts reading a range into the page cache (NBD_CMD_CACHE).
    func cache(offset: UInt64, length: UInt64) -> Int32 {
        let code = bf_advise_will_need(fileDescriptor, Int64(offset), Int64(length))
        return code == 0 || code == ESPIPE ? 0 : code
    }

    /// Describes `offset..<offset+length` as holes and data, at most `limit` extents. Storage
    /// that cannot tell reports the whole range as data, which the specification allows.
    func extents(offset: UInt64, length: UInt32, limit: Int) -> Result<[BlockExtent], NBDError> {
        let end = offset + UInt64(length)
        var extents: [BlockExtent] = []
        var position = offset
        while position < end && extents.count < limit {
            let dataStart = bf_seek_data(fileDescriptor, Int64(position))
            if dataStart < 0 {
                let code = bf_errno()
                if code == ENXIO {
                    extents.append(
                        BlockExtent(length: UInt32(end - position), flags: AllocationState.hole | AllocationState.zero))
                    break
                }
                if code == EINVAL || code == EOPNOTSUPP {
                    extents.append(BlockExtent(length: UInt32(end - position), flags: 0))
                    break
                }
                return .failure(NBDError(storageErrno: code))
            }
            if UInt64(dataStart) > position {
                let holeEnd = min(UInt64(dataStart), end)
                extents.append(
                    BlockExtent(length: UInt32(holeEnd - position), flags: AllocationState.hole | AllocationState.zero))
                position = holeEnd
                continue
            }
            let holeStart = bf_seek_hole(fileDescriptor, Int64(position))
            if holeStart < 0 { return .failure(NBDError(storageErrno: bf_errno())) }
            let dataEnd = min(max(UInt64(holeStart), position + 1), end)
            extents.append(BlockExtent(length: UInt32(dataEnd - position), flags: 0))
            position = dataEnd
        }
        return .success(extents)
    }
}

extension NBDError {
    /// The one place where storage errnos become NBD error values.
    ///
    /// | errno | NBD error | the client should |
    /// |---|---|---|
    /// | EPERM, EACCES, EROFS | EPERM | stop writing: the storage refuses writes |
    /// | ENOSPC, EDQUOT, EFBIG | ENOSPC | free space or write elsewhere |
    /// | ENOMEM | ENOMEM | retry later |
    /// | EINVAL | EINVAL | fix the request |
    /// | EOVERFLOW | EOVERFLOW | ask for less |
    /// | ENOTSUP, EOPNOTSUPP | ENOTSUP | fall back (slow zeroing) |
    /// | ESHUTDOWN | ESHUTDOWN | reconnect |
    /// | anything else | EIO | treat the range as failed |
    public init(storageErrno code: Int32) {
        switch code {
        case EPERM, EACCES, EROFS: self = .notPermitted
        case ENOSPC, EDQUOT, EFBIG: self = .noSpace
        case ENOMEM: self = .noMemory
        case EINVAL: self = .invalid
        case EOVERFLOW: self = .overflow
        case ENOTSUP: self = .notSupported
        case ESHUTDOWN: self = .shutdown
        default: self = .inputOutput
        }
    }
}
