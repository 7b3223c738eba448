import BlockfenceBase
import NBDProtocol

/// Why attaching, reconnecting, listing or detaching a kernel NBD device failed.
public enum NBDKernelError: Error, CustomStringConvertible {
    /// The kernel knows no generic netlink family "nbd": the module is not loaded.
    case moduleNotLoaded
    /// The kernel refused a netlink command for want of privilege (CAP_SYS_ADMIN).
    case notPermitted(command: String)
    /// The kernel refused a netlink command; `errno` is its answer.
    case kernelRefused(command: String, device: UInt32?, errno: Int32)
    /// A system call failed.
    case system(SystemError)
    /// The NBD server answered the handshake in a way this client cannot accept.
    case negotiation(target: NBDTarget, ClientNegotiationError)
    /// The NBD server closed the connection during the handshake.
    case closedDuringHandshake(target: NBDTarget)
    /// A device path that does not name an NBD device.
    case notAnNBDDevice(String)
    /// The resolver could not say where the volume is served.
    case targetUnavailable(String)
    /// The kernel answered a netlink command without what it must contain.
    case malformedKernelAnswer(command: String)
    /// A device to take over has no connection.
    case deviceNotConnected(String)
    /// The device's connection was made by an earlier process (taken over), so this one cannot
    /// end it to pick up a new size.
    case liveConnectionUnknown(String)

    public var description: String {
        switch self {
        case .moduleNotLoaded:
            "the nbd kernel module is not loaded (no generic netlink family 'nbd'); run 'modprobe nbd' as root"
        case .notPermitted(let command):
            "the kernel refused NBD \(command): attaching and detaching NBD devices needs root (CAP_SYS_ADMIN)"
        case .kernelRefused(let command, let device, let errno):
            "the kernel refused NBD \(command)" + (device.map { " for /dev/nbd\($0)" } ?? "") + ": "
                + errnoDescription(errno) + (errno == EBUSY ? "; the device is in use" : "")
        case .system(let error): error.description
        case .negotiation(let target, let error): "NBD handshake with \(target) failed: \(error)"
        case .closedDuringHandshake(let target): "\(target) closed the connection during the NBD handshake"
        case .notAnNBDDevice(let path): "'\(path)' is not an NBD device; write /dev/nbdN or N"
        case .targetUnavailable(let reason): "the volume's primary cannot be found: \(reason)"
        case .malformedKernelAnswer(let command): "the kernel's answer to NBD \(command) is malformed"
        case .deviceNotConnected(let path): "\(path) is not connected"
        case .liveConnectionUnknown(let path):
            "\(path) was taken over from an earlier process; it learns a new size at its next reconnection or stage"
        }
    }
}

private let EBUSY: Int32 = 16
