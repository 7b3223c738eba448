import CShims
import Glibc

/// A failed system call: which call, on what, and the errno it returned.
public struct SystemError: Error, CustomStringConvertible, Equatable {
    public let call: String
    public let errno: Int32
    public let subject: String?
    /// Replaces strerror's text where the call has its own error space (getaddrinfo).
    public let reason: String?

    public init(_ call: String, errno: Int32, subject: String? = nil, reason: String? = nil) {
        self.call = call
        self.errno = errno
        self.subject = subject
        self.reason = reason
    }

    /// Captures the calling thread's errno right after `call` failed.
    public static func last(_ call: String, subject: String? = nil) -> SystemError {
        SystemError(call, errno: bf_errno(), subject: subject)
    }

    public var description: String {
        let text = reason ?? "\(String(cString: strerror(errno))) (errno \(errno))"
        if let subject { return "\(call) \(subject): \(text)" }
        return "\(call): \(text)"
    }
}

/// An errno for people: "No space left on device (errno 28)".
public func errnoDescription(_ code: Int32) -> String {
    "\(String(cString: strerror(code))) (errno \(code))"
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
