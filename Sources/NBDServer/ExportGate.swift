import NBDProtocol

/// Decides, for every request, whether this server may still complete I/O on an export.
///
/// A plain NBD server always may. A replicated volume's primary may only while it holds the
/// current epoch with a valid lease; when that ends, every request, reads included, gets
/// NBD_ESHUTDOWN and the connection closes after the replies already owed.
public protocol ExportGate: Sendable {
    /// nil to go ahead, otherwise the error to send.
    func admit() -> NBDError?
}

/// The gate of an export that nothing but shutdown can close.
public struct OpenGate: ExportGate {
    public init() {}
    @inline(__always)
    public func admit() -> NBDError? { nil }
}
