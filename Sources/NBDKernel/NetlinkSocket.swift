import BlockfenceBase
import CShims
import Glibc

/// A generic netlink socket that sends requests and reads their answers. Requests are
/// synchronous: one at a time, each answered before the next is sent.
final class NetlinkSocket {
    let descriptor: Int32
    private var sequence: UInt32 = 1
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)

    /// `receiveTimeoutMilliseconds` bounds every receive; 0 waits forever.
    init(receiveTimeoutMilliseconds: Int64) throws(SystemError) {
        let descriptor = bf_generic_netlink_socket()
        guard descriptor >= 0 else { throw .last("socket", subject: "AF_NETLINK NETLINK_GENERIC") }
        self.descriptor = descriptor
        _ = bf_set_receive_timeout(descriptor, receiveTimeoutMilliseconds)
    }

    deinit { close(descriptor) }

    func nextSequence() -> UInt32 {
        sequence &+= 1
        return sequence
    }

    func joinGroup(_ group: UInt32) throws(SystemError) {
        guard bf_netlink_join_group(descriptor, group) == 0 else {
            throw .last("setsockopt", subject: "NETLINK_ADD_MEMBERSHIP")
        }
    }

    /// Sends `message` (built with `sequence`) and returns the messages that answer it, up to the
    /// kernel's acknowledgement. A negative error in the acknowledgement comes back as
    /// `RequestFailure.kernel` with the positive errno.
    func request(_ message: [UInt8], sequence: UInt32) throws(RequestFailure) -> [NetlinkMessage] {
        let sent = message.withUnsafeBytes { raw in
            (try? retryingInterrupts("send", subject: "netlink") {
                Glibc.send(descriptor, raw.baseAddress, raw.count, 0)
            })
        }
        guard sent == message.count else { throw .system(.last("send", subject: "netlink")) }
        var answers: [NetlinkMessage] = []
        // Bounded: the kernel answers a request with a few messages; a stream without an
        // acknowledgement is cut off by the receive timeout.
        for _ in 0..<1024 {
            for received in try receive() where received.sequence == sequence {
                if let code = received.errorCode {
                    if code == 0 { return answers }
                    throw .kernel(errno: -code)
                }
                if received.type == NetlinkConstant.messageDone { return answers }
                answers.append(received)
            }
        }
        throw .system(SystemError("recv", errno: EPROTO, subject: "netlink"))
    }

    /// One receive: whatever messages arrived, or a timeout error (EAGAIN).
    func receive() throws(RequestFailure) -> [NetlinkMessage] {
        let count = buffer.withUnsafeMutableBytes { raw in
            Glibc.recv(descriptor, raw.baseAddress, raw.count, 0)
        }
        guard count >= 0 else { throw .system(.last("recv", subject: "netlink")) }
        return NetlinkMessage.split(buffer[0..<count])
    }

    enum RequestFailure: Error {
        case kernel(errno: Int32)
        case system(SystemError)
    }
}

/// A generic netlink family as the kernel's controller describes it.
struct GenericFamily {
    let id: UInt16
    let multicastGroups: [String: UInt32]

    /// Asks the controller for the family called `name`; nil when the kernel has none by that name.
    static func resolve(_ name: String, on socket: NetlinkSocket) throws(NetlinkSocket.RequestFailure) -> GenericFamily?
    {
        let sequence = socket.nextSequence()
        var builder = NetlinkMessageBuilder(
            family: NetlinkConstant.controllerFamily,
            flags: NetlinkConstant.flagRequest | NetlinkConstant.flagAcknowledge, sequence: sequence,
            command: NetlinkConstant.controllerGetFamily, version: 1)
        builder.append(NetlinkConstant.controllerFamilyName, string: name)
        let answers: [NetlinkMessage]
        do throws(NetlinkSocket.RequestFailure) {
            answers = try socket.request(builder.finished(), sequence: sequence)
        } catch .kernel(let errno) where errno == ENOENT {
            return nil
        }
        for answer in answers {
            let attributes = answer.genericAttributes
            guard let id = attributes.uint16(NetlinkConstant.controllerFamilyID) else { continue }
            var groups: [String: UInt32] = [:]
            for group in attributes.nested(NetlinkConstant.controllerMulticastGroups)?.entries ?? [] {
                let fields = NetlinkAttributes(group.payload)
                if let groupName = fields.string(NetlinkConstant.multicastGroupName),
                    let groupID = fields.uint32(NetlinkConstant.multicastGroupID)
                {
                    groups[groupName] = groupID
                }
            }
            return GenericFamily(id: id, multicastGroups: groups)
        }
        return nil
    }
}
