import CShims
import Glibc

/// A failed system call: which call, on what, and the errno it returned.
public struct SystemError: Error, CustomStringConvertible, Equatable {
    public let call: String
    public let errno: Int32
    public let subject: String?

    public init(_ call: String, errno: Int32, subject: String? = nil) {
        self.call = call
        self.errno = errno
        self.subject = subject
    }

    /// Captures the calling thread's errno right after `call` failed.
    public static func last(_ call: String, subject: String? = nil) -> SystemError {
        SystemError(call, errno: bf_errno(), subject: subject)
    }

    public var description: String {
        let reason = String(cString: strerror(errno))
        if let subject { return "\(call) \(subject): \(reason) (errno \(errno))" }
        return "\(call): \(reason) (errno \(errno))"
    }
}

/// Runs a system call, retrying on EINTR, and turns -1 into a `SystemError`.
@inline(__always)
public func retryingInterrupts<Result: BinaryInteger>(
    _ call: String, subject: @autoclosure () -> String? = nil, _ body: () -> Result
) throws(SystemError) -> Result {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = bf_errno()
        if code == EINTR { continue }
        throw SystemError(call, errno: code, subject: subject())
    }
}
