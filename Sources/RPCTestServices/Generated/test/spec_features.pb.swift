// Generated from test/spec_features.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers

/// The protobuf message `blockfence.test.spec.CreateVolumeRequest`.
public struct Blockfence_Test_Spec_CreateVolumeRequest: Message {
    public static let protoMessageName = "blockfence.test.spec.CreateVolumeRequest"

    public var name: String = ""
    public var capacityRange: Blockfence_Test_Spec_CapacityRange? {
        get { _capacityRange?.value }
        set { _capacityRange = newValue.map(MessageBox.init) }
    }
    public var volumeCapabilities: [Blockfence_Test_Spec_VolumeCapability] = []
    public var parameters: [String: String] = [:]
    public var secrets: [String: String] = [:]
    public var volumeContentSource: Blockfence_Test_Spec_VolumeContentSource? {
        get { _volumeContentSource?.value }
        set { _volumeContentSource = newValue.map(MessageBox.init) }
    }
    public var mutableParameters: [String: String] = [:]
    public var unknownFields = UnknownFields()

    private var _capacityRange: MessageBox<Blockfence_Test_Spec_CapacityRange>?
    private var _volumeContentSource: MessageBox<Blockfence_Test_Spec_VolumeContentSource>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeMessage(tag, into: &capacityRange)
        case 3:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Test_Spec_VolumeCapability>.self, tag, into: &volumeCapabilities)
        case 4:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &parameters)
        case 5:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        case 6:
            return try decoder.decodeMessage(tag, into: &volumeContentSource)
        case 8:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &mutableParameters)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, name, number: 1)
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Test_Spec_CapacityRange>.self, capacityRange, number: 2)
        encoder.encodeRepeated(
            ProtobufMessageField<Blockfence_Test_Spec_VolumeCapability>.self, volumeCapabilities, number: 3)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, parameters, number: 4)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 5)
        encoder.encodeOptional(
            ProtobufMessageField<Blockfence_Test_Spec_VolumeContentSource>.self, volumeContentSource, number: 6)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, mutableParameters, number: 8)
    }
}

/// The protobuf message `blockfence.test.spec.CapacityRange`.
public struct Blockfence_Test_Spec_CapacityRange: Message {
    public static let protoMessageName = "blockfence.test.spec.CapacityRange"

    public var requiredBytes: Int64 = 0
    public var limitBytes: Int64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &requiredBytes)
        case 2:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &limitBytes)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt64.self, requiredBytes, number: 1)
        encoder.encodeImplicit(ProtobufInt64.self, limitBytes, number: 2)
    }
}

/// The protobuf message `blockfence.test.spec.VolumeCapability`.
public struct Blockfence_Test_Spec_VolumeCapability: Message {
    public static let protoMessageName = "blockfence.test.spec.VolumeCapability"

    public var accessMode: Blockfence_Test_Spec_VolumeCapability.AccessMode? {
        get { _accessMode?.value }
        set { _accessMode = newValue.map(MessageBox.init) }
    }
    public var accessType: OneOf_AccessType?
    public var unknownFields = UnknownFields()

    private var _accessMode: MessageBox<Blockfence_Test_Spec_VolumeCapability.AccessMode>?

    public init() {}

    /// The oneof `access_type`: at most one of these is set.
    public indirect enum OneOf_AccessType: Equatable, Sendable {
        case block(Blockfence_Test_Spec_VolumeCapability.BlockVolume)
        case mount(Blockfence_Test_Spec_VolumeCapability.MountVolume)
    }

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            var value = Blockfence_Test_Spec_VolumeCapability.BlockVolume()
            if case .block(let existing)? = accessType { value = existing }
            guard try decoder.decodeMessage(tag, into: &value) else { return false }
            accessType = .block(value)
            return true
        case 2:
            var value = Blockfence_Test_Spec_VolumeCapability.MountVolume()
            if case .mount(let existing)? = accessType { value = existing }
            guard try decoder.decodeMessage(tag, into: &value) else { return false }
            accessType = .mount(value)
            return true
        case 3:
            return try decoder.decodeMessage(tag, into: &accessMode)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        if case .block(let value)? = accessType {
            encoder.encodeSingular(
                ProtobufMessageField<Blockfence_Test_Spec_VolumeCapability.BlockVolume>.self, value, number: 1)
        }
        if case .mount(let value)? = accessType {
            encoder.encodeSingular(
                ProtobufMessageField<Blockfence_Test_Spec_VolumeCapability.MountVolume>.self, value, number: 2)
        }
        encoder.encodeOptional(
            ProtobufMessageField<Blockfence_Test_Spec_VolumeCapability.AccessMode>.self, accessMode, number: 3)
    }

    /// The protobuf message `blockfence.test.spec.VolumeCapability.BlockVolume`.
    public struct BlockVolume: Message {
        public static let protoMessageName = "blockfence.test.spec.VolumeCapability.BlockVolume"

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

    /// The protobuf message `blockfence.test.spec.VolumeCapability.MountVolume`.
    public struct MountVolume: Message {
        public static let protoMessageName = "blockfence.test.spec.VolumeCapability.MountVolume"

        public var fsType: String = ""
        public var mountFlags: [String] = []
        public var volumeMountGroup: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(ProtobufString.self, tag, into: &fsType)
            case 2:
                return try decoder.decodeRepeated(ProtobufString.self, tag, into: &mountFlags)
            case 3:
                return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeMountGroup)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(ProtobufString.self, fsType, number: 1)
            encoder.encodeRepeated(ProtobufString.self, mountFlags, number: 2)
            encoder.encodeImplicit(ProtobufString.self, volumeMountGroup, number: 3)
        }
    }

    /// The protobuf message `blockfence.test.spec.VolumeCapability.AccessMode`.
    public struct AccessMode: Message {
        public static let protoMessageName = "blockfence.test.spec.VolumeCapability.AccessMode"

        public var mode: Blockfence_Test_Spec_VolumeCapability.AccessMode.Mode = .defaultValue
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(
                    ProtobufEnumField<Blockfence_Test_Spec_VolumeCapability.AccessMode.Mode>.self, tag, into: &mode)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(
                ProtobufEnumField<Blockfence_Test_Spec_VolumeCapability.AccessMode.Mode>.self, mode, number: 1)
        }

        /// The protobuf enum `blockfence.test.spec.VolumeCapability.AccessMode.Mode`.
        public enum Mode: ProtobufEnum {
            case unknown
            case singleNodeWriter
            case singleNodeReaderOnly
            case multiNodeMultiWriter
            case singleNodeSingleWriter
            /// A number this schema does not name, kept so that it is encoded again unchanged.
            case unrecognized(Int32)

            public static let defaultValue = Mode.unknown

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unknown
                case 1: self = .singleNodeWriter
                case 2: self = .singleNodeReaderOnly
                case 5: self = .multiNodeMultiWriter
                case 7: self = .singleNodeSingleWriter
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unknown: 0
                case .singleNodeWriter: 1
                case .singleNodeReaderOnly: 2
                case .multiNodeMultiWriter: 5
                case .singleNodeSingleWriter: 7
                case .unrecognized(let number): number
                }
            }
        }
    }
}

/// The protobuf message `blockfence.test.spec.VolumeContentSource`.
public struct Blockfence_Test_Spec_VolumeContentSource: Message {
    public static let protoMessageName = "blockfence.test.spec.VolumeContentSource"

    public var type: OneOf_Type?
    public var unknownFields = UnknownFields()

    public init() {}

    /// The oneof `type`: at most one of these is set.
    public indirect enum OneOf_Type: Equatable, Sendable {
        case snapshot(Blockfence_Test_Spec_VolumeContentSource.SnapshotSource)
        case volume(Blockfence_Test_Spec_VolumeContentSource.VolumeSource)
    }

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            var value = Blockfence_Test_Spec_VolumeContentSource.SnapshotSource()
            if case .snapshot(let existing)? = type { value = existing }
            guard try decoder.decodeMessage(tag, into: &value) else { return false }
            type = .snapshot(value)
            return true
        case 2:
            var value = Blockfence_Test_Spec_VolumeContentSource.VolumeSource()
            if case .volume(let existing)? = type { value = existing }
            guard try decoder.decodeMessage(tag, into: &value) else { return false }
            type = .volume(value)
            return true
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        if case .snapshot(let value)? = type {
            encoder.encodeSingular(
                ProtobufMessageField<Blockfence_Test_Spec_VolumeContentSource.SnapshotSource>.self, value, number: 1)
        }
        if case .volume(let value)? = type {
            encoder.encodeSingular(
                ProtobufMessageField<Blockfence_Test_Spec_VolumeContentSource.VolumeSource>.self, value, number: 2)
        }
    }

    /// The protobuf message `blockfence.test.spec.VolumeContentSource.SnapshotSource`.
    public struct SnapshotSource: Message {
        public static let protoMessageName = "blockfence.test.spec.VolumeContentSource.SnapshotSource"

        public var snapshotID: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(ProtobufString.self, tag, into: &snapshotID)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(ProtobufString.self, snapshotID, number: 1)
        }
    }

    /// The protobuf message `blockfence.test.spec.VolumeContentSource.VolumeSource`.
    public struct VolumeSource: Message {
        public static let protoMessageName = "blockfence.test.spec.VolumeContentSource.VolumeSource"

        public var volumeID: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        }
    }
}

/// The protobuf message `blockfence.test.spec.CreateVolumeResponse`.
public struct Blockfence_Test_Spec_CreateVolumeResponse: Message {
    public static let protoMessageName = "blockfence.test.spec.CreateVolumeResponse"

    public var volume: Blockfence_Test_Spec_Volume? {
        get { _volume?.value }
        set { _volume = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _volume: MessageBox<Blockfence_Test_Spec_Volume>?

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
        encoder.encodeOptional(ProtobufMessageField<Blockfence_Test_Spec_Volume>.self, volume, number: 1)
    }
}

/// The protobuf message `blockfence.test.spec.Volume`.
public struct Blockfence_Test_Spec_Volume: Message {
    public static let protoMessageName = "blockfence.test.spec.Volume"

    public var capacityBytes: Int64 = 0
    public var volumeID: String = ""
    public var volumeContext: [String: String] = [:]
    public var contentSource: Blockfence_Test_Spec_VolumeContentSource? {
        get { _contentSource?.value }
        set { _contentSource = newValue.map(MessageBox.init) }
    }
    public var creationTime: Google_Protobuf_Timestamp? {
        get { _creationTime?.value }
        set { _creationTime = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _contentSource: MessageBox<Blockfence_Test_Spec_VolumeContentSource>?
    private var _creationTime: MessageBox<Google_Protobuf_Timestamp>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &capacityBytes)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 3:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &volumeContext)
        case 4:
            return try decoder.decodeMessage(tag, into: &contentSource)
        case 5:
            return try decoder.decodeMessage(tag, into: &creationTime)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt64.self, capacityBytes, number: 1)
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 2)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, volumeContext, number: 3)
        encoder.encodeOptional(
            ProtobufMessageField<Blockfence_Test_Spec_VolumeContentSource>.self, contentSource, number: 4)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Timestamp>.self, creationTime, number: 5)
    }
}

/// The protobuf message `blockfence.test.spec.GetCapabilitiesRequest`.
public struct Blockfence_Test_Spec_GetCapabilitiesRequest: Message {
    public static let protoMessageName = "blockfence.test.spec.GetCapabilitiesRequest"

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

/// The protobuf message `blockfence.test.spec.GetCapabilitiesResponse`.
public struct Blockfence_Test_Spec_GetCapabilitiesResponse: Message {
    public static let protoMessageName = "blockfence.test.spec.GetCapabilitiesResponse"

    public var capabilities: [Blockfence_Test_Spec_ControllerServiceCapability] = []
    public var availableCapacity: Google_Protobuf_Int64Value? {
        get { _availableCapacity?.value }
        set { _availableCapacity = newValue.map(MessageBox.init) }
    }
    public var abnormal: Google_Protobuf_BoolValue? {
        get { _abnormal?.value }
        set { _abnormal = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _availableCapacity: MessageBox<Google_Protobuf_Int64Value>?
    private var _abnormal: MessageBox<Google_Protobuf_BoolValue>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Blockfence_Test_Spec_ControllerServiceCapability>.self, tag, into: &capabilities)
        case 2:
            return try decoder.decodeMessage(tag, into: &availableCapacity)
        case 3:
            return try decoder.decodeMessage(tag, into: &abnormal)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(
            ProtobufMessageField<Blockfence_Test_Spec_ControllerServiceCapability>.self, capabilities, number: 1)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Int64Value>.self, availableCapacity, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_BoolValue>.self, abnormal, number: 3)
    }
}

/// The protobuf message `blockfence.test.spec.ControllerServiceCapability`.
public struct Blockfence_Test_Spec_ControllerServiceCapability: Message {
    public static let protoMessageName = "blockfence.test.spec.ControllerServiceCapability"

    public var type: OneOf_Type?
    public var unknownFields = UnknownFields()

    public init() {}

    /// The oneof `type`: at most one of these is set.
    public indirect enum OneOf_Type: Equatable, Sendable {
        case rpc(Blockfence_Test_Spec_ControllerServiceCapability.RPC)
    }

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            var value = Blockfence_Test_Spec_ControllerServiceCapability.RPC()
            if case .rpc(let existing)? = type { value = existing }
            guard try decoder.decodeMessage(tag, into: &value) else { return false }
            type = .rpc(value)
            return true
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        if case .rpc(let value)? = type {
            encoder.encodeSingular(
                ProtobufMessageField<Blockfence_Test_Spec_ControllerServiceCapability.RPC>.self, value, number: 1)
        }
    }

    /// The protobuf message `blockfence.test.spec.ControllerServiceCapability.RPC`.
    public struct RPC: Message {
        public static let protoMessageName = "blockfence.test.spec.ControllerServiceCapability.RPC"

        public var type: Blockfence_Test_Spec_ControllerServiceCapability.RPC.TypeEnum = .defaultValue
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(
                    ProtobufEnumField<Blockfence_Test_Spec_ControllerServiceCapability.RPC.TypeEnum>.self, tag,
                    into: &type)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(
                ProtobufEnumField<Blockfence_Test_Spec_ControllerServiceCapability.RPC.TypeEnum>.self, type, number: 1)
        }

        /// The protobuf enum `blockfence.test.spec.ControllerServiceCapability.RPC.Type`.
        public enum TypeEnum: ProtobufEnum {
            case unknown
            case createDeleteVolume
            case publishUnpublishVolume
            case listVolumes
            case getCapacity
            /// A number this schema does not name, kept so that it is encoded again unchanged.
            case unrecognized(Int32)

            public static let defaultValue = TypeEnum.unknown

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unknown
                case 1: self = .createDeleteVolume
                case 2: self = .publishUnpublishVolume
                case 3: self = .listVolumes
                case 4: self = .getCapacity
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unknown: 0
                case .createDeleteVolume: 1
                case .publishUnpublishVolume: 2
                case .listVolumes: 3
                case .getCapacity: 4
                case .unrecognized(let number): number
                }
            }
        }
    }
}

/// The protobuf message `blockfence.test.spec.Keywords`.
public struct Blockfence_Test_Spec_Keywords: Message {
    public static let protoMessageName = "blockfence.test.spec.Keywords"

    public var `class`: String = ""
    public var `default`: String = ""
    public var `protocol`: String = ""
    public var self_: String = ""
    public var unknownFields_: Int32 = 0
    public var type: String = ""
    public var kind: Blockfence_Test_Spec_Keywords.Kind = .defaultValue
    public var message: Blockfence_Test_Spec_Keywords.MessageMessage? {
        get { _message?.value }
        set { _message = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _message: MessageBox<Blockfence_Test_Spec_Keywords.MessageMessage>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &`class`)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &`default`)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &`protocol`)
        case 4:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &self_)
        case 5:
            return try decoder.decodeSingular(ProtobufInt32.self, tag, into: &unknownFields_)
        case 6:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &type)
        case 7:
            return try decoder.decodeSingular(
                ProtobufEnumField<Blockfence_Test_Spec_Keywords.Kind>.self, tag, into: &kind)
        case 8:
            return try decoder.decodeMessage(tag, into: &message)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, `class`, number: 1)
        encoder.encodeImplicit(ProtobufString.self, `default`, number: 2)
        encoder.encodeImplicit(ProtobufString.self, `protocol`, number: 3)
        encoder.encodeImplicit(ProtobufString.self, self_, number: 4)
        encoder.encodeImplicit(ProtobufInt32.self, unknownFields_, number: 5)
        encoder.encodeImplicit(ProtobufString.self, type, number: 6)
        encoder.encodeImplicit(ProtobufEnumField<Blockfence_Test_Spec_Keywords.Kind>.self, kind, number: 7)
        encoder.encodeOptional(
            ProtobufMessageField<Blockfence_Test_Spec_Keywords.MessageMessage>.self, message, number: 8)
    }

    /// The protobuf message `blockfence.test.spec.Keywords.Message`.
    public struct MessageMessage: Message {
        public static let protoMessageName = "blockfence.test.spec.Keywords.Message"

        public var text: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(ProtobufString.self, tag, into: &text)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(ProtobufString.self, text, number: 1)
        }
    }

    /// The protobuf enum `blockfence.test.spec.Keywords.Kind`.
    public enum Kind: ProtobufEnum {
        case unspecified
        case `default`
        case self_
        case kind1st
        /// A number this schema does not name, kept so that it is encoded again unchanged.
        case unrecognized(Int32)

        public static let defaultValue = Kind.unspecified

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .`default`
            case 2: self = .self_
            case 3: self = .kind1st
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .`default`: 1
            case .self_: 2
            case .kind1st: 3
            case .unrecognized(let number): number
            }
        }
    }
}

/// The extensions `test/spec_features.proto` declares.
public enum Blockfence_Test_Spec_SpecFeaturesExtensions {
    /// `blockfence.test.spec.alpha_enum`, field 1060 of `google.protobuf.EnumOptions`.
    public static let alphaEnum = ProtobufExtension<ProtobufBool>(number: 1060, extendee: "google.protobuf.EnumOptions")
    /// `blockfence.test.spec.alpha_enum_value`, field 1061 of `google.protobuf.EnumValueOptions`.
    public static let alphaEnumValue = ProtobufExtension<ProtobufBool>(
        number: 1061, extendee: "google.protobuf.EnumValueOptions")
    /// `blockfence.test.spec.secret`, field 1059 of `google.protobuf.FieldOptions`.
    public static let secret = ProtobufExtension<ProtobufBool>(number: 1059, extendee: "google.protobuf.FieldOptions")
    /// `blockfence.test.spec.alpha_field`, field 1062 of `google.protobuf.FieldOptions`.
    public static let alphaField = ProtobufExtension<ProtobufBool>(
        number: 1062, extendee: "google.protobuf.FieldOptions")
    /// `blockfence.test.spec.alpha_message`, field 1063 of `google.protobuf.MessageOptions`.
    public static let alphaMessage = ProtobufExtension<ProtobufBool>(
        number: 1063, extendee: "google.protobuf.MessageOptions")
    /// `blockfence.test.spec.alpha_method`, field 1064 of `google.protobuf.MethodOptions`.
    public static let alphaMethod = ProtobufExtension<ProtobufBool>(
        number: 1064, extendee: "google.protobuf.MethodOptions")
    /// `blockfence.test.spec.alpha_service`, field 1065 of `google.protobuf.ServiceOptions`.
    public static let alphaService = ProtobufExtension<ProtobufBool>(
        number: 1065, extendee: "google.protobuf.ServiceOptions")
}
