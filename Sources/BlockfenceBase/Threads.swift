import CShims
import Glibc

/// Starts a detached operating-system thread. Blocking socket and disk calls run on threads like
/// this one, never on Swift's cooperative pool, which has only as many threads as cores.
public func startThread(
    name: String, stackBytes: Int = 512 << 10, _ body: @escaping @Sendable () -> Void
) throws(SystemError) {
    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        let name: String
        init(_ body: @escaping @Sendable () -> Void, name: String) {
            self.body = body
            self.name = name
        }
    }
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    pthread_attr_setstacksize(&attributes, stackBytes)
    let box = Unmanaged.passRetained(Box(body, name: name))
    var thread = pthread_t()
    let result = pthread_create(
        &thread, &attributes,
        { argument in
            let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
            _ = bf_set_thread_name(box.name)
            box.body()
            return nil
        }, box.toOpaque())
    if result != 0 {
        box.release()
        throw SystemError("pthread_create", errno: result, subject: name)
    }
}
