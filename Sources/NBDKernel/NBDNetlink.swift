import BlockfenceBase
import Glibc

/// The kernel's generic netlink family "nbd" (linux/nbd-netlink.h): connect a device to sockets,
/// hand it new sockets, disconnect it, list devices, and hear that a connection died.
final class NBDNetlink {
    /// NBD_GENL_FAMILY_NAME and NBD_GENL_MCAST_GROUP_NAME.
    static let familyName = "nbd"
    static let multicastGroupName = "nbd_mc_group"
    /// NBD_GENL_VERSION.
    static let version: UInt8 = 1

    /// Commands (enum nbd_commands).
    enum Command: UInt8 {
        case connect = 1
        case disconnect = 2
        case reconfigure = 3
        case linkDead = 4
        case status = 5

        var name: String {
            switch self {
            case .connect: "CONNECT"
            case .disconnect: "DISCONNECT"
            case .reconfigure: "RECONFIGURE"
            case .linkDead: "LINK_DEAD"
            case .status: "STATUS"
            }
        }
    }

    /// Attributes (enum nbd_attrs and the nested socket and device items).
    enum Attribute {
        /// NBD_ATTR_INDEX (u32).
        static let index: UInt16 = 1
        /// NBD_ATTR_SIZE_BYTES (u64).
        static let sizeBytes: UInt16 = 2
        /// NBD_ATTR_BLOCK_SIZE_BYTES (u64).
        static let blockSizeBytes: UInt16 = 3
        /// NBD_ATTR_TIMEOUT (u64 seconds): how long a request may wait for its reply.
        static let timeoutSeconds: UInt16 = 4
        /// NBD_ATTR_SERVER_FLAGS (u64): the export's transmission flags.
        static let serverFlags: UInt16 = 5
        /// NBD_ATTR_SOCKETS (nested NBD_SOCK_ITEM entries, each with NBD_SOCK_FD).
        static let sockets: UInt16 = 7
        /// NBD_ATTR_DEAD_CONN_TIMEOUT (u64 seconds): how long I/O waits for a new connection.
        static let deadConnectionTimeoutSeconds: UInt16 = 8
        /// NBD_ATTR_DEVICE_LIST (nested NBD_DEVICE_ITEM entries).
        static let deviceList: UInt16 = 9
        /// NBD_SOCK_ITEM and NBD_DEVICE_ITEM.
        static let item: UInt16 = 1
        /// NBD_SOCK_FD (u32).
        static let socketDescriptor: UInt16 = 1
        /// NBD_DEVICE_INDEX (u32).
        static let deviceIndex: UInt16 = 1
        /// NBD_DEVICE_CONNECTED (u8).
        static let deviceConnected: UInt16 = 2
    }

    private let socket: NetlinkSocket
    let family: GenericFamily

    /// Opens a netlink socket and finds the nbd family; `moduleNotLoaded` when the kernel has none.
    init(receiveTimeoutMilliseconds: Int64 = 5000) throws(NBDKernelError) {
        do {
            socket = try NetlinkSocket(receiveTimeoutMilliseconds: receiveTimeoutMilliseconds)
        } catch {
            throw .system(error)
        }
        let found: GenericFamily?
        do {
            found = try GenericFamily.resolve(Self.familyName, on: socket)
        } catch {
            throw Self.mapped(error, command: "family lookup", device: nil)
        }
        guard let found else { throw .moduleNotLoaded }
        family = found
    }

    /// Subscribes this socket to the family's notifications (NBD_CMD_LINK_DEAD).
    func listenForNotifications() throws(NBDKernelError) {
        guard let group = family.multicastGroups[Self.multicastGroupName] else {
            throw .malformedKernelAnswer(command: "family lookup")
        }
        do { try socket.joinGroup(group) } catch { throw .system(error) }
    }

    /// NBD_CMD_CONNECT: binds `socketDescriptor` to device `index` (any free device when nil)
    /// and returns the index the kernel used.
    func connect(_ settings: DeviceSettings, index: UInt32?, socketDescriptor: Int32) throws(NBDKernelError) -> UInt32 {
        let answers = try request(.connect, device: index) { builder in
            if let index { builder.append(Attribute.index, uint32: index) }
            builder.append(Attribute.sizeBytes, uint64: settings.sizeBytes)
            builder.append(Attribute.blockSizeBytes, uint64: settings.blockSizeBytes)
            builder.append(Attribute.serverFlags, uint64: settings.serverFlags)
            builder.append(Attribute.timeoutSeconds, uint64: settings.requestTimeoutSeconds)
            builder.append(Attribute.deadConnectionTimeoutSeconds, uint64: settings.deadConnectionTimeoutSeconds)
            Self.appendSocket(socketDescriptor, to: &builder)
        }
        for answer in answers {
            if let assigned = answer.genericAttributes.uint32(Attribute.index) { return assigned }
        }
        if let index { return index }
        throw .malformedKernelAnswer(command: Command.connect.name)
    }

    /// NBD_CMD_RECONFIGURE: hands device `index` a new socket in place of a dead one.
    func reconfigure(index: UInt32, socketDescriptor: Int32) throws(NBDKernelError) {
        _ = try request(.reconfigure, device: index) { builder in
            builder.append(Attribute.index, uint32: index)
            Self.appendSocket(socketDescriptor, to: &builder)
        }
    }

    /// NBD_CMD_RECONFIGURE with a new size: the device grows (or shrinks) while connected.
    func resize(index: UInt32, sizeBytes: UInt64) throws(NBDKernelError) {
        _ = try request(.reconfigure, device: index) { builder in
            builder.append(Attribute.index, uint32: index)
            builder.append(Attribute.sizeBytes, uint64: sizeBytes)
        }
    }

    /// NBD_CMD_DISCONNECT: ends device `index`'s connections; I/O still waiting fails.
    func disconnect(index: UInt32) throws(NBDKernelError) {
        _ = try request(.disconnect, device: index) { builder in
            builder.append(Attribute.index, uint32: index)
        }
    }

    /// NBD_CMD_STATUS: every NBD device, or only `index`, and whether it is connected.
    func status(index: UInt32? = nil) throws(NBDKernelError) -> [NBDDeviceStatus] {
        let answers = try request(.status, device: index) { builder in
            if let index { builder.append(Attribute.index, uint32: index) }
        }
        var devices: [NBDDeviceStatus] = []
        for answer in answers {
            guard let list = answer.genericAttributes.nested(Attribute.deviceList) else { continue }
            for item in list.all(Attribute.item) {
                let fields = NetlinkAttributes(item)
                guard let deviceIndex = fields.uint32(Attribute.deviceIndex) else { continue }
                devices.append(
                    NBDDeviceStatus(index: deviceIndex, connected: (fields.uint8(Attribute.deviceConnected) ?? 0) != 0))
            }
        }
        return devices.sorted { $0.index < $1.index }
    }

    /// Waits up to the socket's receive timeout for notifications and returns the indexes of
    /// devices whose connection the kernel declared dead.
    func receiveDeadLinks() throws(NBDKernelError) -> [UInt32] {
        let messages: [NetlinkMessage]
        do throws(NetlinkSocket.RequestFailure) {
            messages = try socket.receive()
        } catch .system(let error) where error.errno == EAGAIN || error.errno == EINTR {
            return []
        } catch {
            throw Self.mapped(error, command: Command.linkDead.name, device: nil)
        }
        return messages.compactMap { message in
            guard message.type == family.id, message.genericCommand == Command.linkDead.rawValue else { return nil }
            return message.genericAttributes.uint32(Attribute.index)
        }
    }

    private func request(
        _ command: Command, device: UInt32?, _ attributes: (inout NetlinkMessageBuilder) -> Void
    ) throws(NBDKernelError) -> [NetlinkMessage] {
        let sequence = socket.nextSequence()
        var builder = NetlinkMessageBuilder(
            family: family.id, flags: NetlinkConstant.flagRequest | NetlinkConstant.flagAcknowledge,
            sequence: sequence, command: command.rawValue, version: Self.version)
        attributes(&builder)
        do {
            return try socket.request(builder.finished(), sequence: sequence)
        } catch {
            throw Self.mapped(error, command: command.name, device: device)
        }
    }

    private static func appendSocket(_ descriptor: Int32, to builder: inout NetlinkMessageBuilder) {
        let sockets = builder.beginNested(Attribute.sockets)
        let item = builder.beginNested(Attribute.item)
        builder.append(Attribute.socketDescriptor, uint32: UInt32(bitPattern: descriptor))
        builder.endNested(item)
        builder.endNested(sockets)
    }

    /// The one place where netlink failures become `NBDKernelError`s.
    private static func mapped(
        _ failure: NetlinkSocket.RequestFailure, command: String, device: UInt32?
    ) -> NBDKernelError {
        switch failure {
        case .kernel(let errno) where errno == EPERM || errno == EACCES: .notPermitted(command: command)
        case .kernel(let errno): .kernelRefused(command: command, device: device, errno: errno)
        case .system(let error): .system(error)
        }
    }
}

/// What the kernel is told about a device when it is connected.
struct DeviceSettings {
    var sizeBytes: UInt64
    var blockSizeBytes: UInt64
    var serverFlags: UInt64
    var requestTimeoutSeconds: UInt64
    var deadConnectionTimeoutSeconds: UInt64
}

/// One NBD device as NBD_CMD_STATUS reports it.
public struct NBDDeviceStatus: Equatable, Sendable {
    public let index: UInt32
    /// True while the device has a configuration (it was connected and not yet disconnected).
    public let connected: Bool

    public init(index: UInt32, connected: Bool) {
        self.index = index
        self.connected = connected
    }

    public var path: String { "/dev/nbd\(index)" }
}
