// Generated from blockfence/control.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers

/// The protobuf enum `blockfence.control.v1.ReplicaState`.
public enum Blockfence_Control_V1_ReplicaState: ProtobufEnum {
    case unspecified
    case syncing
    case inSync
    case failed
    /// A number this schema does not name, kept so that it is encoded again unchanged.
    case unrecognized(Int32)

    public static let defaultValue = Blockfence_Control_V1_ReplicaState.unspecified

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .syncing
        case 2: self = .inSync
        case 3: self = .failed
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .syncing: 1
        case .inSync: 2
        case .failed: 3
        case .unrecognized(let number): number
        }
    }
}

/// The protobuf enum `blockfence.control.v1.VolumeHealth`.
public enum Blockfence_Control_V1_VolumeHealth: ProtobufEnum {
    case unspecified
    case healthy
    case degraded
    case unavailable
    /// A number this schema does not name, kept so that it is encoded again unchanged.
    case unrecognized(Int32)

    public static let defaultValue = Blockfence_Control_V1_VolumeHealth.unspecified

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .healthy
        case 2: self = .degraded
        case 3: self = .unavailable
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .healthy: 1
        case .degraded: 2
        case .unavailable: 3
        case .unrecognized(let number): number
        }
    }
}

/// The protobuf message `blockfence.control.v1.Assignment`.
public struct Blockfence_Control_V1_Assignment: Message {
    public static let protoMessageName = "blockfence.control.v1.Assignment"

    public var volumeID: String = ""
    public var volumeName: String = ""
    public var epoch: UInt64 = 0
    public var primaryNode: String = ""
    public var inSyncMembers: [String] = []
    public var sizeBytes: UInt64 = 0
    public var replicaNodes: [String] = []
    public var reason: String = ""
    public var mintedAtUnixMs: Int64 = 0
    public var firstOfVolume: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeName)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &epoch)
        case 4:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &primaryNode)
        case 5:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &inSyncMembers)
        case 6:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &sizeBytes)
        case 7:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &replicaNodes)
        case 8:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &reason)
        case 9:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &mintedAtUnixMs)
        case 10:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &firstOfVolume)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeImplicit(ProtobufString.self, volumeName, number: 2)
        encoder.encodeImplicit(ProtobufUInt64.self, epoch, number: 3)
        encoder.encodeImplicit(ProtobufString.self, primaryNode, number: 4)
        encoder.encodeRepeated(ProtobufString.self, inSyncMembers, number: 5)
        encoder.encodeImplicit(ProtobufUInt64.self, sizeBytes, number: 6)
        encoder.encodeRepeated(ProtobufString.self, replicaNodes, number: 7)
        encoder.encodeImplicit(ProtobufString.self, reason, number: 8)
        encoder.encodeImplicit(ProtobufInt64.self, mintedAtUnixMs, number: 9)
        encoder.encodeImplicit(ProtobufBool.self, firstOfVolume, number: 10)
    }
}

/// The protobuf message `blockfence.control.v1.ReplicaStatus`.
public struct Blockfence_Control_V1_ReplicaStatus: Message {
    public static let protoMessageName = "blockfence.control.v1.ReplicaStatus"

    public var nodeName: String = ""
    public var state: Blockfence_Control_V1_ReplicaState = .defaultValue
    public var nodeAlive: Bool = false
    public var acceptedEpoch: UInt64 = 0
    public var appliedSequence: UInt64 = 0
    public var catchUp: Blockfence_Control_V1_CatchUpProgress? {
        get { _catchUp?.value }
        set { _catchUp = newValue.map(MessageBox.init) }
    }
    public var problem: String = ""
    public var unknownFields = UnknownFields()

    private var _catchUp: MessageBox<Blockfence_Control_V1_CatchUpProgress>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeName)
        case 2:
            return try decoder.decodeSingular(
                ProtobufEnumField<Blockfence_Control_V1_ReplicaState>.self, tag, into: &state)
        case 3:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &nodeAlive)
        case 4:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &acceptedEpoch)
        case 5:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &appliedSequence)
        case 6:
            return try decoder.decodeMessage(tag, into: &catchUp)
        case 7:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &problem)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, nodeName, number: 1)
        encoder.encodeImplicit(ProtobufEnumField<Blockfence_Control_V1_ReplicaState>.self, state, number: 2)
        encoder.encodeImplicit(ProtobufBool.self, nodeAlive, number: 3)
        encoder.encodeImplicit(ProtobufUInt64.self, acceptedEpoch, number: 4)
        encoder.encodeImplicit(ProtobufUInt64.self, appliedSequence, number: 5)
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_CatchUpProgress>.self, catchUp, number: 6)
        encoder.encodeImplicit(ProtobufString.self, problem, number: 7)
    }
}

/// The protobuf message `blockfence.control.v1.CatchUpProgress`.
public struct Blockfence_Control_V1_CatchUpProgress: Message {
    public static let protoMessageName = "blockfence.control.v1.CatchUpProgress"

    public var fullCopy: Bool = false
    public var bytesCopied: UInt64 = 0
    public var bytesTotal: UInt64 = 0
    public var bytesPerSecond: UInt64 = 0
    public var secondsLeft: UInt64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &fullCopy)
        case 2:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &bytesCopied)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &bytesTotal)
        case 4:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &bytesPerSecond)
        case 5:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &secondsLeft)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufBool.self, fullCopy, number: 1)
        encoder.encodeImplicit(ProtobufUInt64.self, bytesCopied, number: 2)
        encoder.encodeImplicit(ProtobufUInt64.self, bytesTotal, number: 3)
        encoder.encodeImplicit(ProtobufUInt64.self, bytesPerSecond, number: 4)
        encoder.encodeImplicit(ProtobufUInt64.self, secondsLeft, number: 5)
    }
}

/// The protobuf message `blockfence.control.v1.Volume`.
public struct Blockfence_Control_V1_Volume: Message {
    public static let protoMessageName = "blockfence.control.v1.Volume"

    public var id: String = ""
    public var name: String = ""
    public var sizeBytes: UInt64 = 0
    public var replicaCount: UInt32 = 0
    public var parameters: [String: String] = [:]
    public var createdAtUnixMs: Int64 = 0
    public var assignment: Blockfence_Control_V1_Assignment? {
        get { _assignment?.value }
        set { _assignment = newValue.map(MessageBox.init) }
    }
    public var replicas: [Blockfence_Control_V1_ReplicaStatus] = []
    public var nbdURI: String = ""
    public var health: Blockfence_Control_V1_VolumeHealth = .defaultValue
    public var leaseRemainingMs: UInt64 = 0
    public var attachedNodes: [String] = []
    public var unknownFields = UnknownFields()

    private var _assignment: MessageBox<Blockfence_Control_V1_Assignment>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &id)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &sizeBytes)
        case 4:
            return try decoder.decodeSingular(ProtobufUInt32.self, tag, into: &replicaCount)
        case 5:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &parameters)
        case 6:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &createdAtUnixMs)
        case 7:
            return try decoder.decodeMessage(tag, into: &assignment)
        case 8:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_ReplicaStatus>.self, tag, into: &replicas)
        case 9:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nbdURI)
        case 10:
            return try decoder.decodeSingular(
                ProtobufEnumField<Blockfence_Control_V1_VolumeHealth>.self, tag, into: &health)
        case 11:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &leaseRemainingMs)
        case 12:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &attachedNodes)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, id, number: 1)
        encoder.encodeImplicit(ProtobufString.self, name, number: 2)
        encoder.encodeImplicit(ProtobufUInt64.self, sizeBytes, number: 3)
        encoder.encodeImplicit(ProtobufUInt32.self, replicaCount, number: 4)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, parameters, number: 5)
        encoder.encodeImplicit(ProtobufInt64.self, createdAtUnixMs, number: 6)
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_Assignment>.self, assignment, number: 7)
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_ReplicaStatus>.self, replicas, number: 8)
        encoder.encodeImplicit(ProtobufString.self, nbdURI, number: 9)
        encoder.encodeImplicit(ProtobufEnumField<Blockfence_Control_V1_VolumeHealth>.self, health, number: 10)
        encoder.encodeImplicit(ProtobufUInt64.self, leaseRemainingMs, number: 11)
        encoder.encodeRepeated(ProtobufString.self, attachedNodes, number: 12)
    }
}

/// The protobuf message `blockfence.control.v1.CreateVolumeRequest`.
public struct Blockfence_Control_V1_CreateVolumeRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.CreateVolumeRequest"

    public var name: String = ""
    public var sizeBytes: UInt64 = 0
    public var replicaCount: UInt32 = 0
    public var parameters: [String: String] = [:]
    public var allowedNodes: [String] = []
    public var preferredNodes: [String] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &sizeBytes)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt32.self, tag, into: &replicaCount)
        case 4:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &parameters)
        case 5:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &allowedNodes)
        case 6:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &preferredNodes)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, name, number: 1)
        encoder.encodeImplicit(ProtobufUInt64.self, sizeBytes, number: 2)
        encoder.encodeImplicit(ProtobufUInt32.self, replicaCount, number: 3)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, parameters, number: 4)
        encoder.encodeRepeated(ProtobufString.self, allowedNodes, number: 5)
        encoder.encodeRepeated(ProtobufString.self, preferredNodes, number: 6)
    }
}

/// The protobuf message `blockfence.control.v1.CreateVolumeResponse`.
public struct Blockfence_Control_V1_CreateVolumeResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.CreateVolumeResponse"

    public var volume: Blockfence_Control_V1_Volume? {
        get { _volume?.value }
        set { _volume = newValue.map(MessageBox.init) }
    }
    public var created: Bool = false
    public var unknownFields = UnknownFields()

    private var _volume: MessageBox<Blockfence_Control_V1_Volume>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &volume)
        case 2:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &created)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_Volume>.self, volume, number: 1)
        encoder.encodeImplicit(ProtobufBool.self, created, number: 2)
    }
}

/// The protobuf message `blockfence.control.v1.DeleteVolumeRequest`.
public struct Blockfence_Control_V1_DeleteVolumeRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.DeleteVolumeRequest"

    public var volume: String = ""
    public var force: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volume)
        case 2:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &force)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volume, number: 1)
        encoder.encodeImplicit(ProtobufBool.self, force, number: 2)
    }
}

/// The protobuf message `blockfence.control.v1.DeleteVolumeResponse`.
public struct Blockfence_Control_V1_DeleteVolumeResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.DeleteVolumeResponse"

    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        false
    }

    public func encodeFields(to encoder: inout WireEncoder) {
    }
}

/// The protobuf message `blockfence.control.v1.ExpandVolumeRequest`.
public struct Blockfence_Control_V1_ExpandVolumeRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.ExpandVolumeRequest"

    public var volume: String = ""
    public var sizeBytes: UInt64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volume)
        case 2:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &sizeBytes)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volume, number: 1)
        encoder.encodeImplicit(ProtobufUInt64.self, sizeBytes, number: 2)
    }
}

/// The protobuf message `blockfence.control.v1.ExpandVolumeResponse`.
public struct Blockfence_Control_V1_ExpandVolumeResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.ExpandVolumeResponse"

    public var volume: Blockfence_Control_V1_Volume? {
        get { _volume?.value }
        set { _volume = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _volume: MessageBox<Blockfence_Control_V1_Volume>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &volume)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_Volume>.self, volume, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.GetVolumeRequest`.
public struct Blockfence_Control_V1_GetVolumeRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.GetVolumeRequest"

    public var volume: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volume)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volume, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.GetVolumeResponse`.
public struct Blockfence_Control_V1_GetVolumeResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.GetVolumeResponse"

    public var volume: Blockfence_Control_V1_Volume? {
        get { _volume?.value }
        set { _volume = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _volume: MessageBox<Blockfence_Control_V1_Volume>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &volume)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_Volume>.self, volume, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.ListVolumesRequest`.
public struct Blockfence_Control_V1_ListVolumesRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.ListVolumesRequest"

    public var pageSize: UInt32 = 0
    public var pageToken: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufUInt32.self, tag, into: &pageSize)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &pageToken)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufUInt32.self, pageSize, number: 1)
        encoder.encodeImplicit(ProtobufString.self, pageToken, number: 2)
    }
}

/// The protobuf message `blockfence.control.v1.ListVolumesResponse`.
public struct Blockfence_Control_V1_ListVolumesResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.ListVolumesResponse"

    public var volumes: [Blockfence_Control_V1_Volume] = []
    public var nextPageToken: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_Volume>.self, tag, into: &volumes)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nextPageToken)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_Volume>.self, volumes, number: 1)
        encoder.encodeImplicit(ProtobufString.self, nextPageToken, number: 2)
    }
}

/// The protobuf message `blockfence.control.v1.NodeInfo`.
public struct Blockfence_Control_V1_NodeInfo: Message {
    public static let protoMessageName = "blockfence.control.v1.NodeInfo"

    public var name: String = ""
    public var nbdAddress: String = ""
    public var replicationAddress: String = ""
    public var alive: Bool = false
    public var schedulable: Bool = false
    public var lastHeartbeatUnixMs: Int64 = 0
    public var primaries: UInt32 = 0
    public var replicas: UInt32 = 0
    public var capacityBytes: UInt64 = 0
    public var availableBytes: UInt64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nbdAddress)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &replicationAddress)
        case 4:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &alive)
        case 5:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &schedulable)
        case 6:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &lastHeartbeatUnixMs)
        case 7:
            return try decoder.decodeSingular(ProtobufUInt32.self, tag, into: &primaries)
        case 8:
            return try decoder.decodeSingular(ProtobufUInt32.self, tag, into: &replicas)
        case 9:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &capacityBytes)
        case 10:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &availableBytes)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, name, number: 1)
        encoder.encodeImplicit(ProtobufString.self, nbdAddress, number: 2)
        encoder.encodeImplicit(ProtobufString.self, replicationAddress, number: 3)
        encoder.encodeImplicit(ProtobufBool.self, alive, number: 4)
        encoder.encodeImplicit(ProtobufBool.self, schedulable, number: 5)
        encoder.encodeImplicit(ProtobufInt64.self, lastHeartbeatUnixMs, number: 6)
        encoder.encodeImplicit(ProtobufUInt32.self, primaries, number: 7)
        encoder.encodeImplicit(ProtobufUInt32.self, replicas, number: 8)
        encoder.encodeImplicit(ProtobufUInt64.self, capacityBytes, number: 9)
        encoder.encodeImplicit(ProtobufUInt64.self, availableBytes, number: 10)
    }
}

/// The protobuf message `blockfence.control.v1.ListNodesRequest`.
public struct Blockfence_Control_V1_ListNodesRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.ListNodesRequest"

    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        false
    }

    public func encodeFields(to encoder: inout WireEncoder) {
    }
}

/// The protobuf message `blockfence.control.v1.ListNodesResponse`.
public struct Blockfence_Control_V1_ListNodesResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.ListNodesResponse"

    public var nodes: [Blockfence_Control_V1_NodeInfo] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_NodeInfo>.self, tag, into: &nodes)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_NodeInfo>.self, nodes, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.FailoverRequest`.
public struct Blockfence_Control_V1_FailoverRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.FailoverRequest"

    public var volume: String = ""
    public var targetNode: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volume)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &targetNode)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volume, number: 1)
        encoder.encodeImplicit(ProtobufString.self, targetNode, number: 2)
    }
}

/// The protobuf message `blockfence.control.v1.FailoverResponse`.
public struct Blockfence_Control_V1_FailoverResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.FailoverResponse"

    public var volume: Blockfence_Control_V1_Volume? {
        get { _volume?.value }
        set { _volume = newValue.map(MessageBox.init) }
    }
    public var previousEpoch: UInt64 = 0
    public var previousPrimary: String = ""
    public var handedOver: Bool = false
    public var durationMs: UInt64 = 0
    public var unknownFields = UnknownFields()

    private var _volume: MessageBox<Blockfence_Control_V1_Volume>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &volume)
        case 2:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &previousEpoch)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &previousPrimary)
        case 4:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &handedOver)
        case 5:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &durationMs)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_Volume>.self, volume, number: 1)
        encoder.encodeImplicit(ProtobufUInt64.self, previousEpoch, number: 2)
        encoder.encodeImplicit(ProtobufString.self, previousPrimary, number: 3)
        encoder.encodeImplicit(ProtobufBool.self, handedOver, number: 4)
        encoder.encodeImplicit(ProtobufUInt64.self, durationMs, number: 5)
    }
}

/// The protobuf message `blockfence.control.v1.RebuildReplicaRequest`.
public struct Blockfence_Control_V1_RebuildReplicaRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.RebuildReplicaRequest"

    public var volume: String = ""
    public var node: String = ""
    public var targetNode: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volume)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &node)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &targetNode)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volume, number: 1)
        encoder.encodeImplicit(ProtobufString.self, node, number: 2)
        encoder.encodeImplicit(ProtobufString.self, targetNode, number: 3)
    }
}

/// The protobuf message `blockfence.control.v1.RebuildReplicaResponse`.
public struct Blockfence_Control_V1_RebuildReplicaResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.RebuildReplicaResponse"

    public var volume: Blockfence_Control_V1_Volume? {
        get { _volume?.value }
        set { _volume = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _volume: MessageBox<Blockfence_Control_V1_Volume>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &volume)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_Volume>.self, volume, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.CordonNodeRequest`.
public struct Blockfence_Control_V1_CordonNodeRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.CordonNodeRequest"

    public var node: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &node)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, node, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.CordonNodeResponse`.
public struct Blockfence_Control_V1_CordonNodeResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.CordonNodeResponse"

    public var node: Blockfence_Control_V1_NodeInfo? {
        get { _node?.value }
        set { _node = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _node: MessageBox<Blockfence_Control_V1_NodeInfo>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &node)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_NodeInfo>.self, node, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.UncordonNodeRequest`.
public struct Blockfence_Control_V1_UncordonNodeRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.UncordonNodeRequest"

    public var node: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &node)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, node, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.UncordonNodeResponse`.
public struct Blockfence_Control_V1_UncordonNodeResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.UncordonNodeResponse"

    public var node: Blockfence_Control_V1_NodeInfo? {
        get { _node?.value }
        set { _node = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _node: MessageBox<Blockfence_Control_V1_NodeInfo>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &node)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_NodeInfo>.self, node, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.DrainNodeRequest`.
public struct Blockfence_Control_V1_DrainNodeRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.DrainNodeRequest"

    public var node: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &node)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, node, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.DrainMove`.
public struct Blockfence_Control_V1_DrainMove: Message {
    public static let protoMessageName = "blockfence.control.v1.DrainMove"

    public var volume: String = ""
    public var newPrimary: String = ""
    public var targetNode: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volume)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &newPrimary)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &targetNode)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volume, number: 1)
        encoder.encodeImplicit(ProtobufString.self, newPrimary, number: 2)
        encoder.encodeImplicit(ProtobufString.self, targetNode, number: 3)
    }
}

/// The protobuf message `blockfence.control.v1.DrainNodeResponse`.
public struct Blockfence_Control_V1_DrainNodeResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.DrainNodeResponse"

    public var node: Blockfence_Control_V1_NodeInfo? {
        get { _node?.value }
        set { _node = newValue.map(MessageBox.init) }
    }
    public var moves: [Blockfence_Control_V1_DrainMove] = []
    public var unknownFields = UnknownFields()

    private var _node: MessageBox<Blockfence_Control_V1_NodeInfo>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &node)
        case 2:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_DrainMove>.self, tag, into: &moves)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_NodeInfo>.self, node, number: 1)
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_DrainMove>.self, moves, number: 2)
    }
}

/// The protobuf message `blockfence.control.v1.GetStatusRequest`.
public struct Blockfence_Control_V1_GetStatusRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.GetStatusRequest"

    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        false
    }

    public func encodeFields(to encoder: inout WireEncoder) {
    }
}

/// The protobuf message `blockfence.control.v1.GetStatusResponse`.
public struct Blockfence_Control_V1_GetStatusResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.GetStatusResponse"

    public var nodes: [Blockfence_Control_V1_NodeInfo] = []
    public var volumes: [Blockfence_Control_V1_Volume] = []
    public var epoch: UInt64 = 0
    public var uptimeMs: UInt64 = 0
    public var version: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_NodeInfo>.self, tag, into: &nodes)
        case 2:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_Volume>.self, tag, into: &volumes)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &epoch)
        case 4:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &uptimeMs)
        case 5:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &version)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_NodeInfo>.self, nodes, number: 1)
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_Volume>.self, volumes, number: 2)
        encoder.encodeImplicit(ProtobufUInt64.self, epoch, number: 3)
        encoder.encodeImplicit(ProtobufUInt64.self, uptimeMs, number: 4)
        encoder.encodeImplicit(ProtobufString.self, version, number: 5)
    }
}

/// The protobuf message `blockfence.control.v1.AttachVolumeRequest`.
public struct Blockfence_Control_V1_AttachVolumeRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.AttachVolumeRequest"

    public var volume: String = ""
    public var node: String = ""
    public var readOnly: Bool = false
    public var singleNode: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volume)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &node)
        case 3:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &readOnly)
        case 4:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &singleNode)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volume, number: 1)
        encoder.encodeImplicit(ProtobufString.self, node, number: 2)
        encoder.encodeImplicit(ProtobufBool.self, readOnly, number: 3)
        encoder.encodeImplicit(ProtobufBool.self, singleNode, number: 4)
    }
}

/// The protobuf message `blockfence.control.v1.AttachVolumeResponse`.
public struct Blockfence_Control_V1_AttachVolumeResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.AttachVolumeResponse"

    public var volume: Blockfence_Control_V1_Volume? {
        get { _volume?.value }
        set { _volume = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _volume: MessageBox<Blockfence_Control_V1_Volume>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &volume)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_Volume>.self, volume, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.DetachVolumeRequest`.
public struct Blockfence_Control_V1_DetachVolumeRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.DetachVolumeRequest"

    public var volume: String = ""
    public var node: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volume)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &node)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volume, number: 1)
        encoder.encodeImplicit(ProtobufString.self, node, number: 2)
    }
}

/// The protobuf message `blockfence.control.v1.DetachVolumeResponse`.
public struct Blockfence_Control_V1_DetachVolumeResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.DetachVolumeResponse"

    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        false
    }

    public func encodeFields(to encoder: inout WireEncoder) {
    }
}

/// The protobuf message `blockfence.control.v1.ReplicaReport`.
public struct Blockfence_Control_V1_ReplicaReport: Message {
    public static let protoMessageName = "blockfence.control.v1.ReplicaReport"

    public var volumeID: String = ""
    public var acceptedEpoch: UInt64 = 0
    public var appliedSequence: UInt64 = 0
    public var serving: Bool = false
    public var sizeBytes: UInt64 = 0
    public var problem: String = ""
    public var cleanRestart: Bool = false
    public var handedOver: Bool = false
    public var catchingUp: [Blockfence_Control_V1_MemberCatchUp] = []
    public var level: Bool = false
    public var absent: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &acceptedEpoch)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &appliedSequence)
        case 4:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &serving)
        case 5:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &sizeBytes)
        case 6:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &problem)
        case 7:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &cleanRestart)
        case 8:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &handedOver)
        case 9:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_MemberCatchUp>.self, tag, into: &catchingUp)
        case 10:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &level)
        case 11:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &absent)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeImplicit(ProtobufUInt64.self, acceptedEpoch, number: 2)
        encoder.encodeImplicit(ProtobufUInt64.self, appliedSequence, number: 3)
        encoder.encodeImplicit(ProtobufBool.self, serving, number: 4)
        encoder.encodeImplicit(ProtobufUInt64.self, sizeBytes, number: 5)
        encoder.encodeImplicit(ProtobufString.self, problem, number: 6)
        encoder.encodeImplicit(ProtobufBool.self, cleanRestart, number: 7)
        encoder.encodeImplicit(ProtobufBool.self, handedOver, number: 8)
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_MemberCatchUp>.self, catchingUp, number: 9)
        encoder.encodeImplicit(ProtobufBool.self, level, number: 10)
        encoder.encodeImplicit(ProtobufBool.self, absent, number: 11)
    }
}

/// The protobuf message `blockfence.control.v1.MemberCatchUp`.
public struct Blockfence_Control_V1_MemberCatchUp: Message {
    public static let protoMessageName = "blockfence.control.v1.MemberCatchUp"

    public var nodeName: String = ""
    public var progress: Blockfence_Control_V1_CatchUpProgress? {
        get { _progress?.value }
        set { _progress = newValue.map(MessageBox.init) }
    }
    public var caughtUp: Bool = false
    public var caughtUpSequence: UInt64 = 0
    public var unknownFields = UnknownFields()

    private var _progress: MessageBox<Blockfence_Control_V1_CatchUpProgress>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeName)
        case 2:
            return try decoder.decodeMessage(tag, into: &progress)
        case 3:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &caughtUp)
        case 4:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &caughtUpSequence)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, nodeName, number: 1)
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_CatchUpProgress>.self, progress, number: 2)
        encoder.encodeImplicit(ProtobufBool.self, caughtUp, number: 3)
        encoder.encodeImplicit(ProtobufUInt64.self, caughtUpSequence, number: 4)
    }
}

/// The protobuf message `blockfence.control.v1.RegisterRequest`.
public struct Blockfence_Control_V1_RegisterRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.RegisterRequest"

    public var nodeName: String = ""
    public var nbdAddress: String = ""
    public var replicationAddress: String = ""
    public var capacityBytes: UInt64 = 0
    public var availableBytes: UInt64 = 0
    public var replicas: [Blockfence_Control_V1_ReplicaReport] = []
    public var incarnation: String = ""
    public var maxFileSizeBytes: UInt64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeName)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nbdAddress)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &replicationAddress)
        case 4:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &capacityBytes)
        case 5:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &availableBytes)
        case 6:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_ReplicaReport>.self, tag, into: &replicas)
        case 7:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &incarnation)
        case 8:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &maxFileSizeBytes)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, nodeName, number: 1)
        encoder.encodeImplicit(ProtobufString.self, nbdAddress, number: 2)
        encoder.encodeImplicit(ProtobufString.self, replicationAddress, number: 3)
        encoder.encodeImplicit(ProtobufUInt64.self, capacityBytes, number: 4)
        encoder.encodeImplicit(ProtobufUInt64.self, availableBytes, number: 5)
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_ReplicaReport>.self, replicas, number: 6)
        encoder.encodeImplicit(ProtobufString.self, incarnation, number: 7)
        encoder.encodeImplicit(ProtobufUInt64.self, maxFileSizeBytes, number: 8)
    }
}

/// The protobuf message `blockfence.control.v1.RegisterResponse`.
public struct Blockfence_Control_V1_RegisterResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.RegisterResponse"

    public var leaseMs: UInt64 = 0
    public var heartbeatIntervalMs: UInt64 = 0
    public var directives: Blockfence_Control_V1_NodeDirectives? {
        get { _directives?.value }
        set { _directives = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _directives: MessageBox<Blockfence_Control_V1_NodeDirectives>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &leaseMs)
        case 2:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &heartbeatIntervalMs)
        case 3:
            return try decoder.decodeMessage(tag, into: &directives)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufUInt64.self, leaseMs, number: 1)
        encoder.encodeImplicit(ProtobufUInt64.self, heartbeatIntervalMs, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_NodeDirectives>.self, directives, number: 3)
    }
}

/// The protobuf message `blockfence.control.v1.HeartbeatRequest`.
public struct Blockfence_Control_V1_HeartbeatRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.HeartbeatRequest"

    public var nodeName: String = ""
    public var replicas: [Blockfence_Control_V1_ReplicaReport] = []
    public var capacityBytes: UInt64 = 0
    public var availableBytes: UInt64 = 0
    public var incarnation: String = ""
    public var maxFileSizeBytes: UInt64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeName)
        case 2:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_ReplicaReport>.self, tag, into: &replicas)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &capacityBytes)
        case 4:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &availableBytes)
        case 5:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &incarnation)
        case 6:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &maxFileSizeBytes)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, nodeName, number: 1)
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_ReplicaReport>.self, replicas, number: 2)
        encoder.encodeImplicit(ProtobufUInt64.self, capacityBytes, number: 3)
        encoder.encodeImplicit(ProtobufUInt64.self, availableBytes, number: 4)
        encoder.encodeImplicit(ProtobufString.self, incarnation, number: 5)
        encoder.encodeImplicit(ProtobufUInt64.self, maxFileSizeBytes, number: 6)
    }
}

/// The protobuf message `blockfence.control.v1.HeartbeatResponse`.
public struct Blockfence_Control_V1_HeartbeatResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.HeartbeatResponse"

    public var leaseMs: UInt64 = 0
    public var directives: Blockfence_Control_V1_NodeDirectives? {
        get { _directives?.value }
        set { _directives = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _directives: MessageBox<Blockfence_Control_V1_NodeDirectives>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &leaseMs)
        case 2:
            return try decoder.decodeMessage(tag, into: &directives)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufUInt64.self, leaseMs, number: 1)
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_NodeDirectives>.self, directives, number: 2)
    }
}

/// The protobuf message `blockfence.control.v1.HandOver`.
public struct Blockfence_Control_V1_HandOver: Message {
    public static let protoMessageName = "blockfence.control.v1.HandOver"

    public var volumeID: String = ""
    public var epoch: UInt64 = 0
    public var successor: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &epoch)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &successor)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeImplicit(ProtobufUInt64.self, epoch, number: 2)
        encoder.encodeImplicit(ProtobufString.self, successor, number: 3)
    }
}

/// The protobuf message `blockfence.control.v1.NodeDirectives`.
public struct Blockfence_Control_V1_NodeDirectives: Message {
    public static let protoMessageName = "blockfence.control.v1.NodeDirectives"

    public var assignments: [Blockfence_Control_V1_Assignment] = []
    public var handOvers: [Blockfence_Control_V1_HandOver] = []
    public var deletedVolumeIDs: [String] = []
    public var peers: [Blockfence_Control_V1_NodeAddress] = []
    public var fullCopies: [Blockfence_Control_V1_FullCopy] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_Assignment>.self, tag, into: &assignments)
        case 2:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_HandOver>.self, tag, into: &handOvers)
        case 3:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &deletedVolumeIDs)
        case 4:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_NodeAddress>.self, tag, into: &peers)
        case 5:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Control_V1_FullCopy>.self, tag, into: &fullCopies)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_Assignment>.self, assignments, number: 1)
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_HandOver>.self, handOvers, number: 2)
        encoder.encodeRepeated(ProtobufString.self, deletedVolumeIDs, number: 3)
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_NodeAddress>.self, peers, number: 4)
        encoder.encodeRepeated(ProtobufMessageField<Blockfence_Control_V1_FullCopy>.self, fullCopies, number: 5)
    }
}

/// The protobuf message `blockfence.control.v1.FullCopy`.
public struct Blockfence_Control_V1_FullCopy: Message {
    public static let protoMessageName = "blockfence.control.v1.FullCopy"

    public var volumeID: String = ""
    public var nodeName: String = ""
    public var requestedEpoch: UInt64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeName)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &requestedEpoch)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeImplicit(ProtobufString.self, nodeName, number: 2)
        encoder.encodeImplicit(ProtobufUInt64.self, requestedEpoch, number: 3)
    }
}

/// The protobuf message `blockfence.control.v1.NodeAddress`.
public struct Blockfence_Control_V1_NodeAddress: Message {
    public static let protoMessageName = "blockfence.control.v1.NodeAddress"

    public var nodeName: String = ""
    public var nbdAddress: String = ""
    public var replicationAddress: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeName)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nbdAddress)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &replicationAddress)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, nodeName, number: 1)
        encoder.encodeImplicit(ProtobufString.self, nbdAddress, number: 2)
        encoder.encodeImplicit(ProtobufString.self, replicationAddress, number: 3)
    }
}

/// The protobuf message `blockfence.control.v1.WatchRequest`.
public struct Blockfence_Control_V1_WatchRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.WatchRequest"

    public var nodeName: String = ""
    public var incarnation: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeName)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &incarnation)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, nodeName, number: 1)
        encoder.encodeImplicit(ProtobufString.self, incarnation, number: 2)
    }
}

/// The protobuf message `blockfence.control.v1.ReportMemberFailureRequest`.
public struct Blockfence_Control_V1_ReportMemberFailureRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.ReportMemberFailureRequest"

    public var nodeName: String = ""
    public var volumeID: String = ""
    public var epoch: UInt64 = 0
    public var failedMembers: [String] = []
    public var reason: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeName)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &epoch)
        case 4:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &failedMembers)
        case 5:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &reason)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, nodeName, number: 1)
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 2)
        encoder.encodeImplicit(ProtobufUInt64.self, epoch, number: 3)
        encoder.encodeRepeated(ProtobufString.self, failedMembers, number: 4)
        encoder.encodeImplicit(ProtobufString.self, reason, number: 5)
    }
}

/// The protobuf message `blockfence.control.v1.ReportMemberFailureResponse`.
public struct Blockfence_Control_V1_ReportMemberFailureResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.ReportMemberFailureResponse"

    public var assignment: Blockfence_Control_V1_Assignment? {
        get { _assignment?.value }
        set { _assignment = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _assignment: MessageBox<Blockfence_Control_V1_Assignment>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &assignment)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Control_V1_Assignment>.self, assignment, number: 1)
    }
}

/// The protobuf message `blockfence.control.v1.ConfirmHandOverRequest`.
public struct Blockfence_Control_V1_ConfirmHandOverRequest: Message {
    public static let protoMessageName = "blockfence.control.v1.ConfirmHandOverRequest"

    public var nodeName: String = ""
    public var volumeID: String = ""
    public var epoch: UInt64 = 0
    public var appliedSequence: UInt64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeName)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 3:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &epoch)
        case 4:
            return try decoder.decodeSingular(ProtobufUInt64.self, tag, into: &appliedSequence)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, nodeName, number: 1)
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 2)
        encoder.encodeImplicit(ProtobufUInt64.self, epoch, number: 3)
        encoder.encodeImplicit(ProtobufUInt64.self, appliedSequence, number: 4)
    }
}

/// The protobuf message `blockfence.control.v1.ConfirmHandOverResponse`.
public struct Blockfence_Control_V1_ConfirmHandOverResponse: Message {
    public static let protoMessageName = "blockfence.control.v1.ConfirmHandOverResponse"

    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        false
    }

    public func encodeFields(to encoder: inout WireEncoder) {
    }
}
