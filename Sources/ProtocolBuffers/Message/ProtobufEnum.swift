/// A protobuf enum. Enums are open: a number the schema does not name is kept as
/// `unrecognized` and encoded again unchanged, as proto3 requires.
public protocol ProtobufEnum: Sendable, Hashable {
    init(rawValue: Int32)
    var rawValue: Int32 { get }
    /// The value a field holds when nothing was set: the enum's value numbered zero in proto3.
    static var defaultValue: Self { get }
}
