import CGRPC

/// A grpc_channel_args array of integer settings, alive as long as this value. Servers and
/// channels both take their options this way.
final class ChannelArguments {
    private let keys: [UnsafeMutablePointer<CChar>]
    private let arguments: UnsafeMutablePointer<grpc_arg>
    let pointer: UnsafeMutablePointer<grpc_channel_args>

    init(_ settings: [(key: String, value: Int)]) {
        keys = settings.map { strdup($0.key)! }
        arguments = .allocate(capacity: max(settings.count, 1))
        for (index, setting) in settings.enumerated() {
            var argument = grpc_arg()
            bf_grpc_arg_integer(&argument, keys[index], Int32(clamping: setting.value))
            (arguments + index).initialize(to: argument)
        }
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: grpc_channel_args(num_args: settings.count, args: arguments))
    }

    deinit {
        pointer.deallocate()
        arguments.deallocate()
        for key in keys { free(key) }
    }
}
