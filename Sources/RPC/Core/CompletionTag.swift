import CGRPC

/// A completion-queue tag: whatever the C core hands back when an operation finishes. The
/// queue's poller retains it while the operation runs and calls `complete` exactly once.
class CompletionTag: @unchecked Sendable {
    private let handler: (Bool) -> Void

    init(_ handler: @escaping (Bool) -> Void) {
        self.handler = handler
    }

    func complete(success: Bool) {
        handler(success)
    }

    /// The pointer given to the C core; it keeps the tag alive until the poller takes it back.
    func retainedPointer() -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(self).toOpaque()
    }

    /// Drops the reference `retainedPointer` made, for an operation the core refused to start.
    static func releaseUnstarted(_ pointer: UnsafeMutableRawPointer) {
        Unmanaged<CompletionTag>.fromOpaque(pointer).release()
    }
}
