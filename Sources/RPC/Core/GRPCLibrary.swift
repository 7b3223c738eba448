import CGRPC

/// The C core's process-wide state. It is initialized once, on first use, and never shut down:
/// servers and channels come and go during a process's life, and re-initializing the core between
/// them costs far more than keeping it.
enum GRPCLibrary {
    private static let initialized: Bool = {
        grpc_init()
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }

    static var version: String { String(cString: grpc_version_string()) }
}
