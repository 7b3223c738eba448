/// Fields a message type does not declare, kept byte for byte in arrival order.
///
/// Keeping them lets a process that runs an older schema pass newer messages through without
/// losing what it does not understand.
public struct UnknownFields: Equatable, Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// Appends one complete field: its key and its value.
    public mutating func append(_ rawField: some Collection<UInt8>) {
        bytes.append(contentsOf: rawField)
    }
}
