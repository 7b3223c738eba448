/// A growable, page-aligned byte buffer owned by one connection: the receive side keeps
/// `start..<end` of unread bytes, the send side appends at `end`. Nothing here is thread-safe.
final class IOBuffer {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    var start = 0
    var end = 0

    init(capacity: Int) {
        self.capacity = capacity
        self.base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 4096)
    }

    deinit {
        base.deallocate()
    }

    var readable: Int { end - start }
    var readPointer: UnsafeMutableRawPointer { base + start }
    var writePointer: UnsafeMutableRawPointer { base + end }
    var writable: Int { capacity - end }

    /// Makes room for `count` more bytes after `end`, moving unread bytes to the front first and
    /// growing only when that is not enough.
    func reserve(_ count: Int) {
        if writable >= count { return }
        if start > 0 {
            let unread = readable
            if unread > 0 { base.copyMemory(from: base + start, byteCount: unread) }
            start = 0
            end = unread
            if writable >= count { return }
        }
        var newCapacity = capacity
        while newCapacity - end < count { newCapacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 4096)
        if end > 0 { grown.copyMemory(from: base, byteCount: end) }
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    /// Gives back memory grown beyond `limit` for a large request, once nothing is buffered.
    func shrink(to smallerCapacity: Int, above limit: Int) {
        guard readable == 0, capacity > limit else { return }
        base.deallocate()
        base = UnsafeMutableRawPointer.allocate(byteCount: smallerCapacity, alignment: 4096)
        capacity = smallerCapacity
        start = 0
        end = 0
    }

    /// Forgets everything; keeps the memory.
    func clear() {
        start = 0
        end = 0
    }
}
