// Netlink and generic netlink messages: a 16-byte netlink header, a 4-byte generic header, then
// attributes (length, type, payload padded to 4 bytes). Netlink uses the host's byte order.

/// Values from the kernel's stable user-space headers (linux/netlink.h, linux/genetlink.h).
enum NetlinkConstant {
    /// NLM_F_REQUEST: the message is a request.
    static let flagRequest: UInt16 = 0x1
    /// NLM_F_ACK: the kernel answers with an NLMSG_ERROR message, whose error is 0 on success.
    static let flagAcknowledge: UInt16 = 0x4
    /// NLMSG_ERROR: an error or an acknowledgement.
    static let messageError: UInt16 = 0x2
    /// NLMSG_DONE: the end of a multipart answer.
    static let messageDone: UInt16 = 0x3
    /// NLA_F_NESTED: the attribute's payload is itself attributes.
    static let attributeNested: UInt16 = 1 << 15
    /// The bits of an attribute's type that are not flags (NLA_TYPE_MASK).
    static let attributeTypeMask: UInt16 = 0x3fff
    /// GENL_ID_CTRL: the family that names the other families.
    static let controllerFamily: UInt16 = 0x10
    /// CTRL_CMD_GETFAMILY.
    static let controllerGetFamily: UInt8 = 3
    /// CTRL_ATTR_FAMILY_ID (u16).
    static let controllerFamilyID: UInt16 = 1
    /// CTRL_ATTR_FAMILY_NAME (string).
    static let controllerFamilyName: UInt16 = 2
    /// CTRL_ATTR_MCAST_GROUPS (nested: one nested item per group).
    static let controllerMulticastGroups: UInt16 = 7
    /// CTRL_ATTR_MCAST_GRP_NAME (string).
    static let multicastGroupName: UInt16 = 1
    /// CTRL_ATTR_MCAST_GRP_ID (u32).
    static let multicastGroupID: UInt16 = 2
    static let headerBytes = 16
    static let genericHeaderBytes = 4
    static let attributeHeaderBytes = 4
}

/// Builds one generic netlink request.
struct NetlinkMessageBuilder {
    private(set) var bytes: [UInt8] = []

    init(family: UInt16, flags: UInt16, sequence: UInt32, command: UInt8, version: UInt8) {
        bytes.reserveCapacity(128)
        appendNative(UInt32(0))
        appendNative(family)
        appendNative(flags)
        appendNative(sequence)
        appendNative(UInt32(0))
        bytes.append(command)
        bytes.append(version)
        appendNative(UInt16(0))
    }

    mutating func append(_ type: UInt16, uint16 value: UInt16) { appendAttribute(type, payload: native(value)) }

    mutating func append(_ type: UInt16, uint32 value: UInt32) { appendAttribute(type, payload: native(value)) }

    mutating func append(_ type: UInt16, uint64 value: UInt64) { appendAttribute(type, payload: native(value)) }

    /// A NUL-terminated string, as the kernel's NLA_NUL_STRING and NLA_STRING policies accept.
    mutating func append(_ type: UInt16, string value: String) {
        appendAttribute(type, payload: Array(value.utf8) + [0])
    }

    /// Starts a nested attribute; the returned position closes it with `endNested`.
    mutating func beginNested(_ type: UInt16) -> Int {
        let start = bytes.count
        appendNative(UInt16(0))
        appendNative(type | NetlinkConstant.attributeNested)
        return start
    }

    mutating func endNested(_ start: Int) {
        setNative(UInt16(bytes.count - start), at: start)
    }

    /// The message with its total length filled in.
    func finished() -> [UInt8] {
        var copy = self
        copy.setNative(UInt32(bytes.count), at: 0)
        return copy.bytes
    }

    private mutating func appendAttribute(_ type: UInt16, payload: [UInt8]) {
        appendNative(UInt16(NetlinkConstant.attributeHeaderBytes + payload.count))
        appendNative(type)
        bytes.append(contentsOf: payload)
        bytes.append(contentsOf: repeatElement(0, count: padding(payload.count)))
    }

    private mutating func appendNative<Value: FixedWidthInteger>(_ value: Value) {
        bytes.append(contentsOf: native(value))
    }

    private mutating func setNative<Value: FixedWidthInteger>(_ value: Value, at offset: Int) {
        let encoded = native(value)
        bytes.replaceSubrange(offset..<offset + encoded.count, with: encoded)
    }

    private func native<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }
}

/// Attributes are padded to a multiple of 4 bytes (NLA_ALIGNTO).
func padding(_ count: Int) -> Int { (4 - count % 4) % 4 }

/// One message the kernel sent: its netlink header fields and, for generic netlink messages,
/// the command and the attributes that follow the generic header.
struct NetlinkMessage {
    let type: UInt16
    let flags: UInt16
    let sequence: UInt32
    /// The message after the 16-byte netlink header.
    let body: ArraySlice<UInt8>

    /// Splits what one receive returned into messages; a truncated tail is dropped.
    static func split(_ bytes: ArraySlice<UInt8>) -> [NetlinkMessage] {
        var messages: [NetlinkMessage] = []
        var offset = bytes.startIndex
        while bytes.endIndex - offset >= NetlinkConstant.headerBytes {
            let length = Int(readNative(UInt32.self, bytes, at: offset))
            guard length >= NetlinkConstant.headerBytes, offset + length <= bytes.endIndex else { break }
            messages.append(
                NetlinkMessage(
                    type: readNative(UInt16.self, bytes, at: offset + 4),
                    flags: readNative(UInt16.self, bytes, at: offset + 6),
                    sequence: readNative(UInt32.self, bytes, at: offset + 8),
                    body: bytes[offset + NetlinkConstant.headerBytes..<offset + length]))
            offset += length + padding(length)
        }
        return messages
    }

    /// For NLMSG_ERROR: the negated errno, or 0 for an acknowledgement.
    var errorCode: Int32? {
        guard type == NetlinkConstant.messageError, body.count >= 4 else { return nil }
        return Int32(bitPattern: readNative(UInt32.self, body, at: body.startIndex))
    }

    /// The generic netlink command.
    var genericCommand: UInt8? {
        body.count >= NetlinkConstant.genericHeaderBytes ? body[body.startIndex] : nil
    }

    /// The attributes after the generic header.
    var genericAttributes: NetlinkAttributes {
        guard body.count >= NetlinkConstant.genericHeaderBytes else { return NetlinkAttributes(body[body.endIndex...]) }
        return NetlinkAttributes(body[(body.startIndex + NetlinkConstant.genericHeaderBytes)...])
    }
}

/// A run of attributes, read in order; the same type may repeat (arrays of nested items).
struct NetlinkAttributes {
    let entries: [(type: UInt16, payload: ArraySlice<UInt8>)]

    init(_ bytes: ArraySlice<UInt8>) {
        var entries: [(type: UInt16, payload: ArraySlice<UInt8>)] = []
        var offset = bytes.startIndex
        while bytes.endIndex - offset >= NetlinkConstant.attributeHeaderBytes {
            let length = Int(readNative(UInt16.self, bytes, at: offset))
            guard length >= NetlinkConstant.attributeHeaderBytes, offset + length <= bytes.endIndex else { break }
            let type = readNative(UInt16.self, bytes, at: offset + 2) & NetlinkConstant.attributeTypeMask
            entries.append((type, bytes[offset + NetlinkConstant.attributeHeaderBytes..<offset + length]))
            offset += length + padding(length)
        }
        self.entries = entries
    }

    func first(_ type: UInt16) -> ArraySlice<UInt8>? {
        entries.first { $0.type == type }?.payload
    }

    func all(_ type: UInt16) -> [ArraySlice<UInt8>] {
        entries.filter { $0.type == type }.map(\.payload)
    }

    func uint8(_ type: UInt16) -> UInt8? {
        guard let payload = first(type), payload.count >= 1 else { return nil }
        return payload[payload.startIndex]
    }

    func uint16(_ type: UInt16) -> UInt16? {
        guard let payload = first(type), payload.count >= 2 else { return nil }
        return readNative(UInt16.self, payload, at: payload.startIndex)
    }

    func uint32(_ type: UInt16) -> UInt32? {
        guard let payload = first(type), payload.count >= 4 else { return nil }
        return readNative(UInt32.self, payload, at: payload.startIndex)
    }

    /// A string attribute without its terminating NUL.
    func string(_ type: UInt16) -> String? {
        guard let payload = first(type) else { return nil }
        return String(decoding: payload.prefix { $0 != 0 }, as: UTF8.self)
    }

    func nested(_ type: UInt16) -> NetlinkAttributes? {
        first(type).map(NetlinkAttributes.init)
    }
}

private func readNative<Value: FixedWidthInteger>(_: Value.Type, _ bytes: ArraySlice<UInt8>, at offset: Int) -> Value {
    var value = Value.zero
    withUnsafeMutableBytes(of: &value) { raw in
        for index in 0..<MemoryLayout<Value>.size { raw[index] = bytes[offset + index] }
    }
    return value
}
