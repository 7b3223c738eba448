/// Bounds that keep hostile input from costing more than a caller is willing to spend.
///
/// Declared lengths are always checked against the bytes actually present, so a length prefix
/// can never make the decoder allocate or read past the input; these limits bound the rest.
public struct DecodingLimits: Sendable, Equatable {
    /// The largest serialized message accepted, in bytes.
    public var maximumMessageBytes: Int
    /// How deeply messages (and skipped groups) may nest. Each level costs stack, so unbounded
    /// nesting would let a few kilobytes of input overflow the stack.
    public var maximumDepth: Int

    public init(maximumMessageBytes: Int = 4 << 20, maximumDepth: Int = 100) {
        self.maximumMessageBytes = maximumMessageBytes
        self.maximumDepth = maximumDepth
    }

    /// 4 MiB and 100 levels, the limits gRPC and Google's protobuf runtimes apply by default.
    public static let standard = DecodingLimits()
}
