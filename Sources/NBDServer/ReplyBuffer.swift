import Glibc

/// Replies waiting to be sent, kept so that every read's data starts on a 64-byte boundary.
///
/// The kernel copies file pages into a misaligned destination several times slower than into
/// an aligned one, so a READ's data is not placed right behind its reply header; the header goes
/// just before the next boundary instead, and the gap is skipped when sending: the buffer is
/// sent as a list of segments with one `sendmsg`. Nothing here is thread-safe.
final class ReplyBuffer {
    static let dataAlignment = 64

    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    private var end = 0
    /// (offset, length) of each contiguous run of bytes to send, in order.
    private var segments: [(offset: Int, length: Int)] = []
    private var claimedOffset = 0
    private(set) var pendingBytes = 0

    /// Segments per sendmsg; Linux accepts at most 1024 (IOV_MAX).
    static let maximumSegments = 1024

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 4096)
        segments.reserveCapacity(Self.maximumSegments)
    }

    deinit {
        base.deallocate()
    }

    var isEmpty: Bool { pendingBytes == 0 }
    var isFull: Bool { segments.count >= Self.maximumSegments - 1 }

    /// Room for a reply of `count` bytes. With `alignedAt`, byte `alignedAt` of the reply (where
    /// a READ's data begins) lands on a 64-byte boundary. Write the reply, then `commit` it, or
    /// claim again to abandon it.
    func claim(_ count: Int, alignedAt: Int? = nil) -> UnsafeMutableRawPointer {
        let alignment = Self.dataAlignment
        let slack = alignedAt == nil ? 0 : alignment
        if capacity - end < count + slack { grow(toFit: count + slack) }
        var offset = end
        if let alignedAt {
            let misalignment = (offset + alignedAt) % alignment
            if misalignment != 0 { offset += alignment - misalignment }
        }
        claimedOffset = offset
        return base + offset
    }

    /// Adds the `count` bytes written at the last claim.
    func commit(_ count: Int) {
        if let last = segments.last, last.offset + last.length == claimedOffset {
            segments[segments.count - 1].length += count
        } else {
            segments.append((claimedOffset, count))
        }
        end = claimedOffset + count
        pendingBytes += count
    }

    /// Sends everything with as few system calls as possible, then empties the buffer.
    func send(through channel: ReplyChannel) -> Bool {
        guard !segments.isEmpty else { return true }
        var vectors = [iovec]()
        vectors.reserveCapacity(segments.count)
        for segment in segments {
            vectors.append(iovec(iov_base: base + segment.offset, iov_len: segment.length))
        }
        let ok = vectors.withUnsafeMutableBufferPointer { channel.send(vectors: $0) }
        clear()
        return ok
    }

    func clear() {
        segments.removeAll(keepingCapacity: true)
        end = 0
        pendingBytes = 0
    }

    /// Gives back memory grown beyond `limit` for a large reply, once nothing is pending.
    func shrink(to smallerCapacity: Int, above limit: Int) {
        guard isEmpty, capacity > limit else { return }
        base.deallocate()
        base = UnsafeMutableRawPointer.allocate(byteCount: smallerCapacity, alignment: 4096)
        capacity = smallerCapacity
    }

    private func grow(toFit count: Int) {
        var newCapacity = capacity * 2
        while newCapacity - end < count { newCapacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 4096)
        if end > 0 { grown.copyMemory(from: base, byteCount: end) }
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
