// Generated from csi/v1/csi.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers

/// The protobuf message `csi.v1.GetPluginInfoRequest`.
public struct Csi_V1_GetPluginInfoRequest: Message {
    public static let protoMessageName = "csi.v1.GetPluginInfoRequest"

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

/// The protobuf message `csi.v1.GetPluginInfoResponse`.
public struct Csi_V1_GetPluginInfoResponse: Message {
    public static let protoMessageName = "csi.v1.GetPluginInfoResponse"

    public var name: String = ""
    public var vendorVersion: String = ""
    public var manifest: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &vendorVersion)
        case 3:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &manifest)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, name, number: 1)
        encoder.encodeImplicit(ProtobufString.self, vendorVersion, number: 2)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, manifest, number: 3)
    }
}

/// The protobuf message `csi.v1.GetPluginCapabilitiesRequest`.
public struct Csi_V1_GetPluginCapabilitiesRequest: Message {
    public static let protoMessageName = "csi.v1.GetPluginCapabilitiesRequest"

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

/// The protobuf message `csi.v1.GetPluginCapabilitiesResponse`.
public struct Csi_V1_GetPluginCapabilitiesResponse: Message {
    public static let protoMessageName = "csi.v1.GetPluginCapabilitiesResponse"

    public var capabilities: [Csi_V1_PluginCapability] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Csi_V1_PluginCapability>.self, tag, into: &capabilities)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_PluginCapability>.self, capabilities, number: 1)
    }
}

/// The protobuf message `csi.v1.PluginCapability`.
public struct Csi_V1_PluginCapability: Message {
    public static let protoMessageName = "csi.v1.PluginCapability"

    public var type: OneOf_Type?
    public var unknownFields = UnknownFields()

    public init() {}

    /// The oneof `type`: at most one of these is set.
    public indirect enum OneOf_Type: Equatable, Sendable {
        case service(Csi_V1_PluginCapability.Service)
        case volumeExpansion(Csi_V1_PluginCapability.VolumeExpansion)
    }

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            var value = Csi_V1_PluginCapability.Service()
            if case .service(let existing)? = type { value = existing }
            guard try decoder.decodeMessage(tag, into: &value) else { return false }
            type = .service(value)
            return true
        case 2:
            var value = Csi_V1_PluginCapability.VolumeExpansion()
            if case .volumeExpansion(let existing)? = type { value = existing }
            guard try decoder.decodeMessage(tag, into: &value) else { return false }
            type = .volumeExpansion(value)
            return true
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        if case .service(let value)? = type {
            encoder.encodeSingular(ProtobufMessageField<Csi_V1_PluginCapability.Service>.self, value, number: 1)
        }
        if case .volumeExpansion(let value)? = type {
            encoder.encodeSingular(ProtobufMessageField<Csi_V1_PluginCapability.VolumeExpansion>.self, value, number: 2)
        }
    }

    /// The protobuf message `csi.v1.PluginCapability.Service`.
    public struct Service: Message {
        public static let protoMessageName = "csi.v1.PluginCapability.Service"

        public var type: Csi_V1_PluginCapability.Service.TypeEnum = .defaultValue
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(
                    ProtobufEnumField<Csi_V1_PluginCapability.Service.TypeEnum>.self, tag, into: &type)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(ProtobufEnumField<Csi_V1_PluginCapability.Service.TypeEnum>.self, type, number: 1)
        }

        /// The protobuf enum `csi.v1.PluginCapability.Service.Type`.
        public enum TypeEnum: ProtobufEnum {
            case unknown
            case controllerService
            case volumeAccessibilityConstraints
            case groupControllerService
            /// A number this schema does not name, kept so that it is encoded again unchanged.
            case unrecognized(Int32)

            public static let defaultValue = TypeEnum.unknown

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unknown
                case 1: self = .controllerService
                case 2: self = .volumeAccessibilityConstraints
                case 3: self = .groupControllerService
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unknown: 0
                case .controllerService: 1
                case .volumeAccessibilityConstraints: 2
                case .groupControllerService: 3
                case .unrecognized(let number): number
                }
            }
        }
    }

    /// The protobuf message `csi.v1.PluginCapability.VolumeExpansion`.
    public struct VolumeExpansion: Message {
        public static let protoMessageName = "csi.v1.PluginCapability.VolumeExpansion"

        public var type: Csi_V1_PluginCapability.VolumeExpansion.TypeEnum = .defaultValue
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(
                    ProtobufEnumField<Csi_V1_PluginCapability.VolumeExpansion.TypeEnum>.self, tag, into: &type)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(
                ProtobufEnumField<Csi_V1_PluginCapability.VolumeExpansion.TypeEnum>.self, type, number: 1)
        }

        /// The protobuf enum `csi.v1.PluginCapability.VolumeExpansion.Type`.
        public enum TypeEnum: ProtobufEnum {
            case unknown
            case online
            case offline
            /// A number this schema does not name, kept so that it is encoded again unchanged.
            case unrecognized(Int32)

            public static let defaultValue = TypeEnum.unknown

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unknown
                case 1: self = .online
                case 2: self = .offline
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unknown: 0
                case .online: 1
                case .offline: 2
                case .unrecognized(let number): number
                }
            }
        }
    }
}

/// The protobuf message `csi.v1.ProbeRequest`.
public struct Csi_V1_ProbeRequest: Message {
    public static let protoMessageName = "csi.v1.ProbeRequest"

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

/// The protobuf message `csi.v1.ProbeResponse`.
public struct Csi_V1_ProbeResponse: Message {
    public static let protoMessageName = "csi.v1.ProbeResponse"

    public var ready: Google_Protobuf_BoolValue? {
        get { _ready?.value }
        set { _ready = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _ready: MessageBox<Google_Protobuf_BoolValue>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &ready)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_BoolValue>.self, ready, number: 1)
    }
}

/// The protobuf message `csi.v1.CreateVolumeRequest`.
public struct Csi_V1_CreateVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.CreateVolumeRequest"

    public var name: String = ""
    public var capacityRange: Csi_V1_CapacityRange? {
        get { _capacityRange?.value }
        set { _capacityRange = newValue.map(MessageBox.init) }
    }
    public var volumeCapabilities: [Csi_V1_VolumeCapability] = []
    public var parameters: [String: String] = [:]
    public var secrets: [String: String] = [:]
    public var volumeContentSource: Csi_V1_VolumeContentSource? {
        get { _volumeContentSource?.value }
        set { _volumeContentSource = newValue.map(MessageBox.init) }
    }
    public var accessibilityRequirements: Csi_V1_TopologyRequirement? {
        get { _accessibilityRequirements?.value }
        set { _accessibilityRequirements = newValue.map(MessageBox.init) }
    }
    public var mutableParameters: [String: String] = [:]
    public var unknownFields = UnknownFields()

    private var _capacityRange: MessageBox<Csi_V1_CapacityRange>?
    private var _volumeContentSource: MessageBox<Csi_V1_VolumeContentSource>?
    private var _accessibilityRequirements: MessageBox<Csi_V1_TopologyRequirement>?

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
                ProtobufMessageField<Csi_V1_VolumeCapability>.self, tag, into: &volumeCapabilities)
        case 4:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &parameters)
        case 5:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        case 6:
            return try decoder.decodeMessage(tag, into: &volumeContentSource)
        case 7:
            return try decoder.decodeMessage(tag, into: &accessibilityRequirements)
        case 8:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &mutableParameters)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, name, number: 1)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_CapacityRange>.self, capacityRange, number: 2)
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_VolumeCapability>.self, volumeCapabilities, number: 3)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, parameters, number: 4)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 5)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeContentSource>.self, volumeContentSource, number: 6)
        encoder.encodeOptional(
            ProtobufMessageField<Csi_V1_TopologyRequirement>.self, accessibilityRequirements, number: 7)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, mutableParameters, number: 8)
    }
}

/// The protobuf message `csi.v1.VolumeContentSource`.
public struct Csi_V1_VolumeContentSource: Message {
    public static let protoMessageName = "csi.v1.VolumeContentSource"

    public var type: OneOf_Type?
    public var unknownFields = UnknownFields()

    public init() {}

    /// The oneof `type`: at most one of these is set.
    public indirect enum OneOf_Type: Equatable, Sendable {
        case snapshot(Csi_V1_VolumeContentSource.SnapshotSource)
        case volume(Csi_V1_VolumeContentSource.VolumeSource)
    }

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            var value = Csi_V1_VolumeContentSource.SnapshotSource()
            if case .snapshot(let existing)? = type { value = existing }
            guard try decoder.decodeMessage(tag, into: &value) else { return false }
            type = .snapshot(value)
            return true
        case 2:
            var value = Csi_V1_VolumeContentSource.VolumeSource()
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
                ProtobufMessageField<Csi_V1_VolumeContentSource.SnapshotSource>.self, value, number: 1)
        }
        if case .volume(let value)? = type {
            encoder.encodeSingular(ProtobufMessageField<Csi_V1_VolumeContentSource.VolumeSource>.self, value, number: 2)
        }
    }

    /// The protobuf message `csi.v1.VolumeContentSource.SnapshotSource`.
    public struct SnapshotSource: Message {
        public static let protoMessageName = "csi.v1.VolumeContentSource.SnapshotSource"

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

    /// The protobuf message `csi.v1.VolumeContentSource.VolumeSource`.
    public struct VolumeSource: Message {
        public static let protoMessageName = "csi.v1.VolumeContentSource.VolumeSource"

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

/// The protobuf message `csi.v1.CreateVolumeResponse`.
public struct Csi_V1_CreateVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.CreateVolumeResponse"

    public var volume: Csi_V1_Volume? {
        get { _volume?.value }
        set { _volume = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _volume: MessageBox<Csi_V1_Volume>?

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
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_Volume>.self, volume, number: 1)
    }
}

/// The protobuf message `csi.v1.VolumeCapability`.
public struct Csi_V1_VolumeCapability: Message {
    public static let protoMessageName = "csi.v1.VolumeCapability"

    public var accessMode: Csi_V1_VolumeCapability.AccessMode? {
        get { _accessMode?.value }
        set { _accessMode = newValue.map(MessageBox.init) }
    }
    public var accessType: OneOf_AccessType?
    public var unknownFields = UnknownFields()

    private var _accessMode: MessageBox<Csi_V1_VolumeCapability.AccessMode>?

    public init() {}

    /// The oneof `access_type`: at most one of these is set.
    public indirect enum OneOf_AccessType: Equatable, Sendable {
        case block(Csi_V1_VolumeCapability.BlockVolume)
        case mount(Csi_V1_VolumeCapability.MountVolume)
    }

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            var value = Csi_V1_VolumeCapability.BlockVolume()
            if case .block(let existing)? = accessType { value = existing }
            guard try decoder.decodeMessage(tag, into: &value) else { return false }
            accessType = .block(value)
            return true
        case 2:
            var value = Csi_V1_VolumeCapability.MountVolume()
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
            encoder.encodeSingular(ProtobufMessageField<Csi_V1_VolumeCapability.BlockVolume>.self, value, number: 1)
        }
        if case .mount(let value)? = accessType {
            encoder.encodeSingular(ProtobufMessageField<Csi_V1_VolumeCapability.MountVolume>.self, value, number: 2)
        }
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeCapability.AccessMode>.self, accessMode, number: 3)
    }

    /// The protobuf message `csi.v1.VolumeCapability.BlockVolume`.
    public struct BlockVolume: Message {
        public static let protoMessageName = "csi.v1.VolumeCapability.BlockVolume"

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

    /// The protobuf message `csi.v1.VolumeCapability.MountVolume`.
    public struct MountVolume: Message {
        public static let protoMessageName = "csi.v1.VolumeCapability.MountVolume"

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

    /// The protobuf message `csi.v1.VolumeCapability.AccessMode`.
    public struct AccessMode: Message {
        public static let protoMessageName = "csi.v1.VolumeCapability.AccessMode"

        public var mode: Csi_V1_VolumeCapability.AccessMode.Mode = .defaultValue
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(
                    ProtobufEnumField<Csi_V1_VolumeCapability.AccessMode.Mode>.self, tag, into: &mode)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(ProtobufEnumField<Csi_V1_VolumeCapability.AccessMode.Mode>.self, mode, number: 1)
        }

        /// The protobuf enum `csi.v1.VolumeCapability.AccessMode.Mode`.
        public enum Mode: ProtobufEnum {
            case unknown
            case singleNodeWriter
            case singleNodeReaderOnly
            case multiNodeReaderOnly
            case multiNodeSingleWriter
            case multiNodeMultiWriter
            case singleNodeSingleWriter
            case singleNodeMultiWriter
            /// A number this schema does not name, kept so that it is encoded again unchanged.
            case unrecognized(Int32)

            public static let defaultValue = Mode.unknown

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unknown
                case 1: self = .singleNodeWriter
                case 2: self = .singleNodeReaderOnly
                case 3: self = .multiNodeReaderOnly
                case 4: self = .multiNodeSingleWriter
                case 5: self = .multiNodeMultiWriter
                case 6: self = .singleNodeSingleWriter
                case 7: self = .singleNodeMultiWriter
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unknown: 0
                case .singleNodeWriter: 1
                case .singleNodeReaderOnly: 2
                case .multiNodeReaderOnly: 3
                case .multiNodeSingleWriter: 4
                case .multiNodeMultiWriter: 5
                case .singleNodeSingleWriter: 6
                case .singleNodeMultiWriter: 7
                case .unrecognized(let number): number
                }
            }
        }
    }
}

/// The protobuf message `csi.v1.CapacityRange`.
public struct Csi_V1_CapacityRange: Message {
    public static let protoMessageName = "csi.v1.CapacityRange"

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

/// The protobuf message `csi.v1.Volume`.
public struct Csi_V1_Volume: Message {
    public static let protoMessageName = "csi.v1.Volume"

    public var capacityBytes: Int64 = 0
    public var volumeID: String = ""
    public var volumeContext: [String: String] = [:]
    public var contentSource: Csi_V1_VolumeContentSource? {
        get { _contentSource?.value }
        set { _contentSource = newValue.map(MessageBox.init) }
    }
    public var accessibleTopology: [Csi_V1_Topology] = []
    public var unknownFields = UnknownFields()

    private var _contentSource: MessageBox<Csi_V1_VolumeContentSource>?

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
            return try decoder.decodeRepeated(
                ProtobufMessageField<Csi_V1_Topology>.self, tag, into: &accessibleTopology)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt64.self, capacityBytes, number: 1)
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 2)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, volumeContext, number: 3)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeContentSource>.self, contentSource, number: 4)
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_Topology>.self, accessibleTopology, number: 5)
    }
}

/// The protobuf message `csi.v1.TopologyRequirement`.
public struct Csi_V1_TopologyRequirement: Message {
    public static let protoMessageName = "csi.v1.TopologyRequirement"

    public var requisite: [Csi_V1_Topology] = []
    public var preferred: [Csi_V1_Topology] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(ProtobufMessageField<Csi_V1_Topology>.self, tag, into: &requisite)
        case 2:
            return try decoder.decodeRepeated(ProtobufMessageField<Csi_V1_Topology>.self, tag, into: &preferred)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_Topology>.self, requisite, number: 1)
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_Topology>.self, preferred, number: 2)
    }
}

/// The protobuf message `csi.v1.Topology`.
public struct Csi_V1_Topology: Message {
    public static let protoMessageName = "csi.v1.Topology"

    public var segments: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &segments)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, segments, number: 1)
    }
}

/// The protobuf message `csi.v1.DeleteVolumeRequest`.
public struct Csi_V1_DeleteVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.DeleteVolumeRequest"

    public var volumeID: String = ""
    public var secrets: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 2)
    }
}

/// The protobuf message `csi.v1.DeleteVolumeResponse`.
public struct Csi_V1_DeleteVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.DeleteVolumeResponse"

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

/// The protobuf message `csi.v1.ControllerPublishVolumeRequest`.
public struct Csi_V1_ControllerPublishVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.ControllerPublishVolumeRequest"

    public var volumeID: String = ""
    public var nodeID: String = ""
    public var volumeCapability: Csi_V1_VolumeCapability? {
        get { _volumeCapability?.value }
        set { _volumeCapability = newValue.map(MessageBox.init) }
    }
    public var readonly: Bool = false
    public var secrets: [String: String] = [:]
    public var volumeContext: [String: String] = [:]
    public var unknownFields = UnknownFields()

    private var _volumeCapability: MessageBox<Csi_V1_VolumeCapability>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeID)
        case 3:
            return try decoder.decodeMessage(tag, into: &volumeCapability)
        case 4:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &readonly)
        case 5:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        case 6:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &volumeContext)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeImplicit(ProtobufString.self, nodeID, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeCapability>.self, volumeCapability, number: 3)
        encoder.encodeImplicit(ProtobufBool.self, readonly, number: 4)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 5)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, volumeContext, number: 6)
    }
}

/// The protobuf message `csi.v1.ControllerPublishVolumeResponse`.
public struct Csi_V1_ControllerPublishVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.ControllerPublishVolumeResponse"

    public var publishContext: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &publishContext)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, publishContext, number: 1)
    }
}

/// The protobuf message `csi.v1.ControllerUnpublishVolumeRequest`.
public struct Csi_V1_ControllerUnpublishVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.ControllerUnpublishVolumeRequest"

    public var volumeID: String = ""
    public var nodeID: String = ""
    public var secrets: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeID)
        case 3:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeImplicit(ProtobufString.self, nodeID, number: 2)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 3)
    }
}

/// The protobuf message `csi.v1.ControllerUnpublishVolumeResponse`.
public struct Csi_V1_ControllerUnpublishVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.ControllerUnpublishVolumeResponse"

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

/// The protobuf message `csi.v1.ValidateVolumeCapabilitiesRequest`.
public struct Csi_V1_ValidateVolumeCapabilitiesRequest: Message {
    public static let protoMessageName = "csi.v1.ValidateVolumeCapabilitiesRequest"

    public var volumeID: String = ""
    public var volumeContext: [String: String] = [:]
    public var volumeCapabilities: [Csi_V1_VolumeCapability] = []
    public var parameters: [String: String] = [:]
    public var secrets: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &volumeContext)
        case 3:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Csi_V1_VolumeCapability>.self, tag, into: &volumeCapabilities)
        case 4:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &parameters)
        case 5:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, volumeContext, number: 2)
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_VolumeCapability>.self, volumeCapabilities, number: 3)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, parameters, number: 4)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 5)
    }
}

/// The protobuf message `csi.v1.ValidateVolumeCapabilitiesResponse`.
public struct Csi_V1_ValidateVolumeCapabilitiesResponse: Message {
    public static let protoMessageName = "csi.v1.ValidateVolumeCapabilitiesResponse"

    public var confirmed: Csi_V1_ValidateVolumeCapabilitiesResponse.Confirmed? {
        get { _confirmed?.value }
        set { _confirmed = newValue.map(MessageBox.init) }
    }
    public var message: String = ""
    public var unknownFields = UnknownFields()

    private var _confirmed: MessageBox<Csi_V1_ValidateVolumeCapabilitiesResponse.Confirmed>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &confirmed)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &message)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(
            ProtobufMessageField<Csi_V1_ValidateVolumeCapabilitiesResponse.Confirmed>.self, confirmed, number: 1)
        encoder.encodeImplicit(ProtobufString.self, message, number: 2)
    }

    /// The protobuf message `csi.v1.ValidateVolumeCapabilitiesResponse.Confirmed`.
    public struct Confirmed: Message {
        public static let protoMessageName = "csi.v1.ValidateVolumeCapabilitiesResponse.Confirmed"

        public var volumeContext: [String: String] = [:]
        public var volumeCapabilities: [Csi_V1_VolumeCapability] = []
        public var parameters: [String: String] = [:]
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &volumeContext)
            case 2:
                return try decoder.decodeRepeated(
                    ProtobufMessageField<Csi_V1_VolumeCapability>.self, tag, into: &volumeCapabilities)
            case 3:
                return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &parameters)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeMap(ProtobufString.self, ProtobufString.self, volumeContext, number: 1)
            encoder.encodeRepeated(ProtobufMessageField<Csi_V1_VolumeCapability>.self, volumeCapabilities, number: 2)
            encoder.encodeMap(ProtobufString.self, ProtobufString.self, parameters, number: 3)
        }
    }
}

/// The protobuf message `csi.v1.ListVolumesRequest`.
public struct Csi_V1_ListVolumesRequest: Message {
    public static let protoMessageName = "csi.v1.ListVolumesRequest"

    public var maxEntries: Int32 = 0
    public var startingToken: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt32.self, tag, into: &maxEntries)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &startingToken)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt32.self, maxEntries, number: 1)
        encoder.encodeImplicit(ProtobufString.self, startingToken, number: 2)
    }
}

/// The protobuf message `csi.v1.ListVolumesResponse`.
public struct Csi_V1_ListVolumesResponse: Message {
    public static let protoMessageName = "csi.v1.ListVolumesResponse"

    public var entries: [Csi_V1_ListVolumesResponse.Entry] = []
    public var nextToken: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Csi_V1_ListVolumesResponse.Entry>.self, tag, into: &entries)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nextToken)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_ListVolumesResponse.Entry>.self, entries, number: 1)
        encoder.encodeImplicit(ProtobufString.self, nextToken, number: 2)
    }

    /// The protobuf message `csi.v1.ListVolumesResponse.VolumeStatus`.
    public struct VolumeStatus: Message {
        public static let protoMessageName = "csi.v1.ListVolumesResponse.VolumeStatus"

        public var publishedNodeIDs: [String] = []
        public var volumeCondition: Csi_V1_VolumeCondition? {
            get { _volumeCondition?.value }
            set { _volumeCondition = newValue.map(MessageBox.init) }
        }
        public var unknownFields = UnknownFields()

        private var _volumeCondition: MessageBox<Csi_V1_VolumeCondition>?

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeRepeated(ProtobufString.self, tag, into: &publishedNodeIDs)
            case 2:
                return try decoder.decodeMessage(tag, into: &volumeCondition)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeRepeated(ProtobufString.self, publishedNodeIDs, number: 1)
            encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeCondition>.self, volumeCondition, number: 2)
        }
    }

    /// The protobuf message `csi.v1.ListVolumesResponse.Entry`.
    public struct Entry: Message {
        public static let protoMessageName = "csi.v1.ListVolumesResponse.Entry"

        public var volume: Csi_V1_Volume? {
            get { _volume?.value }
            set { _volume = newValue.map(MessageBox.init) }
        }
        public var status: Csi_V1_ListVolumesResponse.VolumeStatus? {
            get { _status?.value }
            set { _status = newValue.map(MessageBox.init) }
        }
        public var unknownFields = UnknownFields()

        private var _volume: MessageBox<Csi_V1_Volume>?
        private var _status: MessageBox<Csi_V1_ListVolumesResponse.VolumeStatus>?

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeMessage(tag, into: &volume)
            case 2:
                return try decoder.decodeMessage(tag, into: &status)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeOptional(ProtobufMessageField<Csi_V1_Volume>.self, volume, number: 1)
            encoder.encodeOptional(
                ProtobufMessageField<Csi_V1_ListVolumesResponse.VolumeStatus>.self, status, number: 2)
        }
    }
}

/// The protobuf message `csi.v1.ControllerGetVolumeRequest`.
public struct Csi_V1_ControllerGetVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.ControllerGetVolumeRequest"

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

/// The protobuf message `csi.v1.ControllerGetVolumeResponse`.
public struct Csi_V1_ControllerGetVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.ControllerGetVolumeResponse"

    public var volume: Csi_V1_Volume? {
        get { _volume?.value }
        set { _volume = newValue.map(MessageBox.init) }
    }
    public var status: Csi_V1_ControllerGetVolumeResponse.VolumeStatus? {
        get { _status?.value }
        set { _status = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _volume: MessageBox<Csi_V1_Volume>?
    private var _status: MessageBox<Csi_V1_ControllerGetVolumeResponse.VolumeStatus>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &volume)
        case 2:
            return try decoder.decodeMessage(tag, into: &status)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_Volume>.self, volume, number: 1)
        encoder.encodeOptional(
            ProtobufMessageField<Csi_V1_ControllerGetVolumeResponse.VolumeStatus>.self, status, number: 2)
    }

    /// The protobuf message `csi.v1.ControllerGetVolumeResponse.VolumeStatus`.
    public struct VolumeStatus: Message {
        public static let protoMessageName = "csi.v1.ControllerGetVolumeResponse.VolumeStatus"

        public var publishedNodeIDs: [String] = []
        public var volumeCondition: Csi_V1_VolumeCondition? {
            get { _volumeCondition?.value }
            set { _volumeCondition = newValue.map(MessageBox.init) }
        }
        public var unknownFields = UnknownFields()

        private var _volumeCondition: MessageBox<Csi_V1_VolumeCondition>?

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeRepeated(ProtobufString.self, tag, into: &publishedNodeIDs)
            case 2:
                return try decoder.decodeMessage(tag, into: &volumeCondition)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeRepeated(ProtobufString.self, publishedNodeIDs, number: 1)
            encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeCondition>.self, volumeCondition, number: 2)
        }
    }
}

/// The protobuf message `csi.v1.ControllerModifyVolumeRequest`.
public struct Csi_V1_ControllerModifyVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.ControllerModifyVolumeRequest"

    public var volumeID: String = ""
    public var secrets: [String: String] = [:]
    public var mutableParameters: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        case 3:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &mutableParameters)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 2)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, mutableParameters, number: 3)
    }
}

/// The protobuf message `csi.v1.ControllerModifyVolumeResponse`.
public struct Csi_V1_ControllerModifyVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.ControllerModifyVolumeResponse"

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

/// The protobuf message `csi.v1.GetCapacityRequest`.
public struct Csi_V1_GetCapacityRequest: Message {
    public static let protoMessageName = "csi.v1.GetCapacityRequest"

    public var volumeCapabilities: [Csi_V1_VolumeCapability] = []
    public var parameters: [String: String] = [:]
    public var accessibleTopology: Csi_V1_Topology? {
        get { _accessibleTopology?.value }
        set { _accessibleTopology = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _accessibleTopology: MessageBox<Csi_V1_Topology>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Csi_V1_VolumeCapability>.self, tag, into: &volumeCapabilities)
        case 2:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &parameters)
        case 3:
            return try decoder.decodeMessage(tag, into: &accessibleTopology)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_VolumeCapability>.self, volumeCapabilities, number: 1)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, parameters, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_Topology>.self, accessibleTopology, number: 3)
    }
}

/// The protobuf message `csi.v1.GetCapacityResponse`.
public struct Csi_V1_GetCapacityResponse: Message {
    public static let protoMessageName = "csi.v1.GetCapacityResponse"

    public var availableCapacity: Int64 = 0
    public var maximumVolumeSize: Google_Protobuf_Int64Value? {
        get { _maximumVolumeSize?.value }
        set { _maximumVolumeSize = newValue.map(MessageBox.init) }
    }
    public var minimumVolumeSize: Google_Protobuf_Int64Value? {
        get { _minimumVolumeSize?.value }
        set { _minimumVolumeSize = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _maximumVolumeSize: MessageBox<Google_Protobuf_Int64Value>?
    private var _minimumVolumeSize: MessageBox<Google_Protobuf_Int64Value>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &availableCapacity)
        case 2:
            return try decoder.decodeMessage(tag, into: &maximumVolumeSize)
        case 3:
            return try decoder.decodeMessage(tag, into: &minimumVolumeSize)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt64.self, availableCapacity, number: 1)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Int64Value>.self, maximumVolumeSize, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Int64Value>.self, minimumVolumeSize, number: 3)
    }
}

/// The protobuf message `csi.v1.ControllerGetCapabilitiesRequest`.
public struct Csi_V1_ControllerGetCapabilitiesRequest: Message {
    public static let protoMessageName = "csi.v1.ControllerGetCapabilitiesRequest"

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

/// The protobuf message `csi.v1.ControllerGetCapabilitiesResponse`.
public struct Csi_V1_ControllerGetCapabilitiesResponse: Message {
    public static let protoMessageName = "csi.v1.ControllerGetCapabilitiesResponse"

    public var capabilities: [Csi_V1_ControllerServiceCapability] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Csi_V1_ControllerServiceCapability>.self, tag, into: &capabilities)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_ControllerServiceCapability>.self, capabilities, number: 1)
    }
}

/// The protobuf message `csi.v1.ControllerServiceCapability`.
public struct Csi_V1_ControllerServiceCapability: Message {
    public static let protoMessageName = "csi.v1.ControllerServiceCapability"

    public var type: OneOf_Type?
    public var unknownFields = UnknownFields()

    public init() {}

    /// The oneof `type`: at most one of these is set.
    public indirect enum OneOf_Type: Equatable, Sendable {
        case rpc(Csi_V1_ControllerServiceCapability.RPC)
    }

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            var value = Csi_V1_ControllerServiceCapability.RPC()
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
            encoder.encodeSingular(ProtobufMessageField<Csi_V1_ControllerServiceCapability.RPC>.self, value, number: 1)
        }
    }

    /// The protobuf message `csi.v1.ControllerServiceCapability.RPC`.
    public struct RPC: Message {
        public static let protoMessageName = "csi.v1.ControllerServiceCapability.RPC"

        public var type: Csi_V1_ControllerServiceCapability.RPC.TypeEnum = .defaultValue
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(
                    ProtobufEnumField<Csi_V1_ControllerServiceCapability.RPC.TypeEnum>.self, tag, into: &type)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(
                ProtobufEnumField<Csi_V1_ControllerServiceCapability.RPC.TypeEnum>.self, type, number: 1)
        }

        /// The protobuf enum `csi.v1.ControllerServiceCapability.RPC.Type`.
        public enum TypeEnum: ProtobufEnum {
            case unknown
            case createDeleteVolume
            case publishUnpublishVolume
            case listVolumes
            case getCapacity
            case createDeleteSnapshot
            case listSnapshots
            case cloneVolume
            case publishReadonly
            case expandVolume
            case listVolumesPublishedNodes
            case volumeCondition
            case getVolume
            case singleNodeMultiWriter
            case modifyVolume
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
                case 5: self = .createDeleteSnapshot
                case 6: self = .listSnapshots
                case 7: self = .cloneVolume
                case 8: self = .publishReadonly
                case 9: self = .expandVolume
                case 10: self = .listVolumesPublishedNodes
                case 11: self = .volumeCondition
                case 12: self = .getVolume
                case 13: self = .singleNodeMultiWriter
                case 14: self = .modifyVolume
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
                case .createDeleteSnapshot: 5
                case .listSnapshots: 6
                case .cloneVolume: 7
                case .publishReadonly: 8
                case .expandVolume: 9
                case .listVolumesPublishedNodes: 10
                case .volumeCondition: 11
                case .getVolume: 12
                case .singleNodeMultiWriter: 13
                case .modifyVolume: 14
                case .unrecognized(let number): number
                }
            }
        }
    }
}

/// The protobuf message `csi.v1.CreateSnapshotRequest`.
public struct Csi_V1_CreateSnapshotRequest: Message {
    public static let protoMessageName = "csi.v1.CreateSnapshotRequest"

    public var sourceVolumeID: String = ""
    public var name: String = ""
    public var secrets: [String: String] = [:]
    public var parameters: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &sourceVolumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 3:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        case 4:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &parameters)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, sourceVolumeID, number: 1)
        encoder.encodeImplicit(ProtobufString.self, name, number: 2)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 3)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, parameters, number: 4)
    }
}

/// The protobuf message `csi.v1.CreateSnapshotResponse`.
public struct Csi_V1_CreateSnapshotResponse: Message {
    public static let protoMessageName = "csi.v1.CreateSnapshotResponse"

    public var snapshot: Csi_V1_Snapshot? {
        get { _snapshot?.value }
        set { _snapshot = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _snapshot: MessageBox<Csi_V1_Snapshot>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &snapshot)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_Snapshot>.self, snapshot, number: 1)
    }
}

/// The protobuf message `csi.v1.Snapshot`.
public struct Csi_V1_Snapshot: Message {
    public static let protoMessageName = "csi.v1.Snapshot"

    public var sizeBytes: Int64 = 0
    public var snapshotID: String = ""
    public var sourceVolumeID: String = ""
    public var creationTime: Google_Protobuf_Timestamp? {
        get { _creationTime?.value }
        set { _creationTime = newValue.map(MessageBox.init) }
    }
    public var readyToUse: Bool = false
    public var groupSnapshotID: String = ""
    public var unknownFields = UnknownFields()

    private var _creationTime: MessageBox<Google_Protobuf_Timestamp>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &sizeBytes)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &snapshotID)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &sourceVolumeID)
        case 4:
            return try decoder.decodeMessage(tag, into: &creationTime)
        case 5:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &readyToUse)
        case 6:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &groupSnapshotID)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt64.self, sizeBytes, number: 1)
        encoder.encodeImplicit(ProtobufString.self, snapshotID, number: 2)
        encoder.encodeImplicit(ProtobufString.self, sourceVolumeID, number: 3)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Timestamp>.self, creationTime, number: 4)
        encoder.encodeImplicit(ProtobufBool.self, readyToUse, number: 5)
        encoder.encodeImplicit(ProtobufString.self, groupSnapshotID, number: 6)
    }
}

/// The protobuf message `csi.v1.DeleteSnapshotRequest`.
public struct Csi_V1_DeleteSnapshotRequest: Message {
    public static let protoMessageName = "csi.v1.DeleteSnapshotRequest"

    public var snapshotID: String = ""
    public var secrets: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &snapshotID)
        case 2:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, snapshotID, number: 1)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 2)
    }
}

/// The protobuf message `csi.v1.DeleteSnapshotResponse`.
public struct Csi_V1_DeleteSnapshotResponse: Message {
    public static let protoMessageName = "csi.v1.DeleteSnapshotResponse"

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

/// The protobuf message `csi.v1.ListSnapshotsRequest`.
public struct Csi_V1_ListSnapshotsRequest: Message {
    public static let protoMessageName = "csi.v1.ListSnapshotsRequest"

    public var maxEntries: Int32 = 0
    public var startingToken: String = ""
    public var sourceVolumeID: String = ""
    public var snapshotID: String = ""
    public var secrets: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt32.self, tag, into: &maxEntries)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &startingToken)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &sourceVolumeID)
        case 4:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &snapshotID)
        case 5:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt32.self, maxEntries, number: 1)
        encoder.encodeImplicit(ProtobufString.self, startingToken, number: 2)
        encoder.encodeImplicit(ProtobufString.self, sourceVolumeID, number: 3)
        encoder.encodeImplicit(ProtobufString.self, snapshotID, number: 4)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 5)
    }
}

/// The protobuf message `csi.v1.ListSnapshotsResponse`.
public struct Csi_V1_ListSnapshotsResponse: Message {
    public static let protoMessageName = "csi.v1.ListSnapshotsResponse"

    public var entries: [Csi_V1_ListSnapshotsResponse.Entry] = []
    public var nextToken: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Csi_V1_ListSnapshotsResponse.Entry>.self, tag, into: &entries)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nextToken)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_ListSnapshotsResponse.Entry>.self, entries, number: 1)
        encoder.encodeImplicit(ProtobufString.self, nextToken, number: 2)
    }

    /// The protobuf message `csi.v1.ListSnapshotsResponse.Entry`.
    public struct Entry: Message {
        public static let protoMessageName = "csi.v1.ListSnapshotsResponse.Entry"

        public var snapshot: Csi_V1_Snapshot? {
            get { _snapshot?.value }
            set { _snapshot = newValue.map(MessageBox.init) }
        }
        public var unknownFields = UnknownFields()

        private var _snapshot: MessageBox<Csi_V1_Snapshot>?

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeMessage(tag, into: &snapshot)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeOptional(ProtobufMessageField<Csi_V1_Snapshot>.self, snapshot, number: 1)
        }
    }
}

/// The protobuf message `csi.v1.ControllerExpandVolumeRequest`.
public struct Csi_V1_ControllerExpandVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.ControllerExpandVolumeRequest"

    public var volumeID: String = ""
    public var capacityRange: Csi_V1_CapacityRange? {
        get { _capacityRange?.value }
        set { _capacityRange = newValue.map(MessageBox.init) }
    }
    public var secrets: [String: String] = [:]
    public var volumeCapability: Csi_V1_VolumeCapability? {
        get { _volumeCapability?.value }
        set { _volumeCapability = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _capacityRange: MessageBox<Csi_V1_CapacityRange>?
    private var _volumeCapability: MessageBox<Csi_V1_VolumeCapability>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeMessage(tag, into: &capacityRange)
        case 3:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        case 4:
            return try decoder.decodeMessage(tag, into: &volumeCapability)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_CapacityRange>.self, capacityRange, number: 2)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 3)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeCapability>.self, volumeCapability, number: 4)
    }
}

/// The protobuf message `csi.v1.ControllerExpandVolumeResponse`.
public struct Csi_V1_ControllerExpandVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.ControllerExpandVolumeResponse"

    public var capacityBytes: Int64 = 0
    public var nodeExpansionRequired: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &capacityBytes)
        case 2:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &nodeExpansionRequired)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt64.self, capacityBytes, number: 1)
        encoder.encodeImplicit(ProtobufBool.self, nodeExpansionRequired, number: 2)
    }
}

/// The protobuf message `csi.v1.NodeStageVolumeRequest`.
public struct Csi_V1_NodeStageVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.NodeStageVolumeRequest"

    public var volumeID: String = ""
    public var publishContext: [String: String] = [:]
    public var stagingTargetPath: String = ""
    public var volumeCapability: Csi_V1_VolumeCapability? {
        get { _volumeCapability?.value }
        set { _volumeCapability = newValue.map(MessageBox.init) }
    }
    public var secrets: [String: String] = [:]
    public var volumeContext: [String: String] = [:]
    public var unknownFields = UnknownFields()

    private var _volumeCapability: MessageBox<Csi_V1_VolumeCapability>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &publishContext)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &stagingTargetPath)
        case 4:
            return try decoder.decodeMessage(tag, into: &volumeCapability)
        case 5:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        case 6:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &volumeContext)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, publishContext, number: 2)
        encoder.encodeImplicit(ProtobufString.self, stagingTargetPath, number: 3)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeCapability>.self, volumeCapability, number: 4)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 5)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, volumeContext, number: 6)
    }
}

/// The protobuf message `csi.v1.NodeStageVolumeResponse`.
public struct Csi_V1_NodeStageVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.NodeStageVolumeResponse"

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

/// The protobuf message `csi.v1.NodeUnstageVolumeRequest`.
public struct Csi_V1_NodeUnstageVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.NodeUnstageVolumeRequest"

    public var volumeID: String = ""
    public var stagingTargetPath: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &stagingTargetPath)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeImplicit(ProtobufString.self, stagingTargetPath, number: 2)
    }
}

/// The protobuf message `csi.v1.NodeUnstageVolumeResponse`.
public struct Csi_V1_NodeUnstageVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.NodeUnstageVolumeResponse"

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

/// The protobuf message `csi.v1.NodePublishVolumeRequest`.
public struct Csi_V1_NodePublishVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.NodePublishVolumeRequest"

    public var volumeID: String = ""
    public var publishContext: [String: String] = [:]
    public var stagingTargetPath: String = ""
    public var targetPath: String = ""
    public var volumeCapability: Csi_V1_VolumeCapability? {
        get { _volumeCapability?.value }
        set { _volumeCapability = newValue.map(MessageBox.init) }
    }
    public var readonly: Bool = false
    public var secrets: [String: String] = [:]
    public var volumeContext: [String: String] = [:]
    public var unknownFields = UnknownFields()

    private var _volumeCapability: MessageBox<Csi_V1_VolumeCapability>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &publishContext)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &stagingTargetPath)
        case 4:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &targetPath)
        case 5:
            return try decoder.decodeMessage(tag, into: &volumeCapability)
        case 6:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &readonly)
        case 7:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        case 8:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &volumeContext)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, publishContext, number: 2)
        encoder.encodeImplicit(ProtobufString.self, stagingTargetPath, number: 3)
        encoder.encodeImplicit(ProtobufString.self, targetPath, number: 4)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeCapability>.self, volumeCapability, number: 5)
        encoder.encodeImplicit(ProtobufBool.self, readonly, number: 6)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 7)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, volumeContext, number: 8)
    }
}

/// The protobuf message `csi.v1.NodePublishVolumeResponse`.
public struct Csi_V1_NodePublishVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.NodePublishVolumeResponse"

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

/// The protobuf message `csi.v1.NodeUnpublishVolumeRequest`.
public struct Csi_V1_NodeUnpublishVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.NodeUnpublishVolumeRequest"

    public var volumeID: String = ""
    public var targetPath: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &targetPath)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeImplicit(ProtobufString.self, targetPath, number: 2)
    }
}

/// The protobuf message `csi.v1.NodeUnpublishVolumeResponse`.
public struct Csi_V1_NodeUnpublishVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.NodeUnpublishVolumeResponse"

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

/// The protobuf message `csi.v1.NodeGetVolumeStatsRequest`.
public struct Csi_V1_NodeGetVolumeStatsRequest: Message {
    public static let protoMessageName = "csi.v1.NodeGetVolumeStatsRequest"

    public var volumeID: String = ""
    public var volumePath: String = ""
    public var stagingTargetPath: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumePath)
        case 3:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &stagingTargetPath)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeImplicit(ProtobufString.self, volumePath, number: 2)
        encoder.encodeImplicit(ProtobufString.self, stagingTargetPath, number: 3)
    }
}

/// The protobuf message `csi.v1.NodeGetVolumeStatsResponse`.
public struct Csi_V1_NodeGetVolumeStatsResponse: Message {
    public static let protoMessageName = "csi.v1.NodeGetVolumeStatsResponse"

    public var usage: [Csi_V1_VolumeUsage] = []
    public var volumeCondition: Csi_V1_VolumeCondition? {
        get { _volumeCondition?.value }
        set { _volumeCondition = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _volumeCondition: MessageBox<Csi_V1_VolumeCondition>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(ProtobufMessageField<Csi_V1_VolumeUsage>.self, tag, into: &usage)
        case 2:
            return try decoder.decodeMessage(tag, into: &volumeCondition)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_VolumeUsage>.self, usage, number: 1)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeCondition>.self, volumeCondition, number: 2)
    }
}

/// The protobuf message `csi.v1.VolumeUsage`.
public struct Csi_V1_VolumeUsage: Message {
    public static let protoMessageName = "csi.v1.VolumeUsage"

    public var available: Int64 = 0
    public var total: Int64 = 0
    public var used: Int64 = 0
    public var unit: Csi_V1_VolumeUsage.Unit = .defaultValue
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &available)
        case 2:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &total)
        case 3:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &used)
        case 4:
            return try decoder.decodeSingular(ProtobufEnumField<Csi_V1_VolumeUsage.Unit>.self, tag, into: &unit)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt64.self, available, number: 1)
        encoder.encodeImplicit(ProtobufInt64.self, total, number: 2)
        encoder.encodeImplicit(ProtobufInt64.self, used, number: 3)
        encoder.encodeImplicit(ProtobufEnumField<Csi_V1_VolumeUsage.Unit>.self, unit, number: 4)
    }

    /// The protobuf enum `csi.v1.VolumeUsage.Unit`.
    public enum Unit: ProtobufEnum {
        case unknown
        case bytes
        case inodes
        /// A number this schema does not name, kept so that it is encoded again unchanged.
        case unrecognized(Int32)

        public static let defaultValue = Unit.unknown

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unknown
            case 1: self = .bytes
            case 2: self = .inodes
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unknown: 0
            case .bytes: 1
            case .inodes: 2
            case .unrecognized(let number): number
            }
        }
    }
}

/// The protobuf message `csi.v1.VolumeCondition`.
public struct Csi_V1_VolumeCondition: Message {
    public static let protoMessageName = "csi.v1.VolumeCondition"

    public var abnormal: Bool = false
    public var message: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &abnormal)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &message)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufBool.self, abnormal, number: 1)
        encoder.encodeImplicit(ProtobufString.self, message, number: 2)
    }
}

/// The protobuf message `csi.v1.NodeGetCapabilitiesRequest`.
public struct Csi_V1_NodeGetCapabilitiesRequest: Message {
    public static let protoMessageName = "csi.v1.NodeGetCapabilitiesRequest"

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

/// The protobuf message `csi.v1.NodeGetCapabilitiesResponse`.
public struct Csi_V1_NodeGetCapabilitiesResponse: Message {
    public static let protoMessageName = "csi.v1.NodeGetCapabilitiesResponse"

    public var capabilities: [Csi_V1_NodeServiceCapability] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Csi_V1_NodeServiceCapability>.self, tag, into: &capabilities)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_NodeServiceCapability>.self, capabilities, number: 1)
    }
}

/// The protobuf message `csi.v1.NodeServiceCapability`.
public struct Csi_V1_NodeServiceCapability: Message {
    public static let protoMessageName = "csi.v1.NodeServiceCapability"

    public var type: OneOf_Type?
    public var unknownFields = UnknownFields()

    public init() {}

    /// The oneof `type`: at most one of these is set.
    public indirect enum OneOf_Type: Equatable, Sendable {
        case rpc(Csi_V1_NodeServiceCapability.RPC)
    }

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            var value = Csi_V1_NodeServiceCapability.RPC()
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
            encoder.encodeSingular(ProtobufMessageField<Csi_V1_NodeServiceCapability.RPC>.self, value, number: 1)
        }
    }

    /// The protobuf message `csi.v1.NodeServiceCapability.RPC`.
    public struct RPC: Message {
        public static let protoMessageName = "csi.v1.NodeServiceCapability.RPC"

        public var type: Csi_V1_NodeServiceCapability.RPC.TypeEnum = .defaultValue
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(
                    ProtobufEnumField<Csi_V1_NodeServiceCapability.RPC.TypeEnum>.self, tag, into: &type)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(ProtobufEnumField<Csi_V1_NodeServiceCapability.RPC.TypeEnum>.self, type, number: 1)
        }

        /// The protobuf enum `csi.v1.NodeServiceCapability.RPC.Type`.
        public enum TypeEnum: ProtobufEnum {
            case unknown
            case stageUnstageVolume
            case getVolumeStats
            case expandVolume
            case volumeCondition
            case singleNodeMultiWriter
            case volumeMountGroup
            /// A number this schema does not name, kept so that it is encoded again unchanged.
            case unrecognized(Int32)

            public static let defaultValue = TypeEnum.unknown

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unknown
                case 1: self = .stageUnstageVolume
                case 2: self = .getVolumeStats
                case 3: self = .expandVolume
                case 4: self = .volumeCondition
                case 5: self = .singleNodeMultiWriter
                case 6: self = .volumeMountGroup
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unknown: 0
                case .stageUnstageVolume: 1
                case .getVolumeStats: 2
                case .expandVolume: 3
                case .volumeCondition: 4
                case .singleNodeMultiWriter: 5
                case .volumeMountGroup: 6
                case .unrecognized(let number): number
                }
            }
        }
    }
}

/// The protobuf message `csi.v1.NodeGetInfoRequest`.
public struct Csi_V1_NodeGetInfoRequest: Message {
    public static let protoMessageName = "csi.v1.NodeGetInfoRequest"

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

/// The protobuf message `csi.v1.NodeGetInfoResponse`.
public struct Csi_V1_NodeGetInfoResponse: Message {
    public static let protoMessageName = "csi.v1.NodeGetInfoResponse"

    public var nodeID: String = ""
    public var maxVolumesPerNode: Int64 = 0
    public var accessibleTopology: Csi_V1_Topology? {
        get { _accessibleTopology?.value }
        set { _accessibleTopology = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _accessibleTopology: MessageBox<Csi_V1_Topology>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &nodeID)
        case 2:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &maxVolumesPerNode)
        case 3:
            return try decoder.decodeMessage(tag, into: &accessibleTopology)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, nodeID, number: 1)
        encoder.encodeImplicit(ProtobufInt64.self, maxVolumesPerNode, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_Topology>.self, accessibleTopology, number: 3)
    }
}

/// The protobuf message `csi.v1.NodeExpandVolumeRequest`.
public struct Csi_V1_NodeExpandVolumeRequest: Message {
    public static let protoMessageName = "csi.v1.NodeExpandVolumeRequest"

    public var volumeID: String = ""
    public var volumePath: String = ""
    public var capacityRange: Csi_V1_CapacityRange? {
        get { _capacityRange?.value }
        set { _capacityRange = newValue.map(MessageBox.init) }
    }
    public var stagingTargetPath: String = ""
    public var volumeCapability: Csi_V1_VolumeCapability? {
        get { _volumeCapability?.value }
        set { _volumeCapability = newValue.map(MessageBox.init) }
    }
    public var secrets: [String: String] = [:]
    public var unknownFields = UnknownFields()

    private var _capacityRange: MessageBox<Csi_V1_CapacityRange>?
    private var _volumeCapability: MessageBox<Csi_V1_VolumeCapability>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumeID)
        case 2:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &volumePath)
        case 3:
            return try decoder.decodeMessage(tag, into: &capacityRange)
        case 4:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &stagingTargetPath)
        case 5:
            return try decoder.decodeMessage(tag, into: &volumeCapability)
        case 6:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, volumeID, number: 1)
        encoder.encodeImplicit(ProtobufString.self, volumePath, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_CapacityRange>.self, capacityRange, number: 3)
        encoder.encodeImplicit(ProtobufString.self, stagingTargetPath, number: 4)
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeCapability>.self, volumeCapability, number: 5)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 6)
    }
}

/// The protobuf message `csi.v1.NodeExpandVolumeResponse`.
public struct Csi_V1_NodeExpandVolumeResponse: Message {
    public static let protoMessageName = "csi.v1.NodeExpandVolumeResponse"

    public var capacityBytes: Int64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufInt64.self, tag, into: &capacityBytes)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufInt64.self, capacityBytes, number: 1)
    }
}

/// The protobuf message `csi.v1.GroupControllerGetCapabilitiesRequest`.
public struct Csi_V1_GroupControllerGetCapabilitiesRequest: Message {
    public static let protoMessageName = "csi.v1.GroupControllerGetCapabilitiesRequest"

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

/// The protobuf message `csi.v1.GroupControllerGetCapabilitiesResponse`.
public struct Csi_V1_GroupControllerGetCapabilitiesResponse: Message {
    public static let protoMessageName = "csi.v1.GroupControllerGetCapabilitiesResponse"

    public var capabilities: [Csi_V1_GroupControllerServiceCapability] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Csi_V1_GroupControllerServiceCapability>.self, tag, into: &capabilities)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(
            ProtobufMessageField<Csi_V1_GroupControllerServiceCapability>.self, capabilities, number: 1)
    }
}

/// The protobuf message `csi.v1.GroupControllerServiceCapability`.
public struct Csi_V1_GroupControllerServiceCapability: Message {
    public static let protoMessageName = "csi.v1.GroupControllerServiceCapability"

    public var type: OneOf_Type?
    public var unknownFields = UnknownFields()

    public init() {}

    /// The oneof `type`: at most one of these is set.
    public indirect enum OneOf_Type: Equatable, Sendable {
        case rpc(Csi_V1_GroupControllerServiceCapability.RPC)
    }

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            var value = Csi_V1_GroupControllerServiceCapability.RPC()
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
                ProtobufMessageField<Csi_V1_GroupControllerServiceCapability.RPC>.self, value, number: 1)
        }
    }

    /// The protobuf message `csi.v1.GroupControllerServiceCapability.RPC`.
    public struct RPC: Message {
        public static let protoMessageName = "csi.v1.GroupControllerServiceCapability.RPC"

        public var type: Csi_V1_GroupControllerServiceCapability.RPC.TypeEnum = .defaultValue
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeSingular(
                    ProtobufEnumField<Csi_V1_GroupControllerServiceCapability.RPC.TypeEnum>.self, tag, into: &type)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeImplicit(
                ProtobufEnumField<Csi_V1_GroupControllerServiceCapability.RPC.TypeEnum>.self, type, number: 1)
        }

        /// The protobuf enum `csi.v1.GroupControllerServiceCapability.RPC.Type`.
        public enum TypeEnum: ProtobufEnum {
            case unknown
            case createDeleteGetVolumeGroupSnapshot
            /// A number this schema does not name, kept so that it is encoded again unchanged.
            case unrecognized(Int32)

            public static let defaultValue = TypeEnum.unknown

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unknown
                case 1: self = .createDeleteGetVolumeGroupSnapshot
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unknown: 0
                case .createDeleteGetVolumeGroupSnapshot: 1
                case .unrecognized(let number): number
                }
            }
        }
    }
}

/// The protobuf message `csi.v1.CreateVolumeGroupSnapshotRequest`.
public struct Csi_V1_CreateVolumeGroupSnapshotRequest: Message {
    public static let protoMessageName = "csi.v1.CreateVolumeGroupSnapshotRequest"

    public var name: String = ""
    public var sourceVolumeIDs: [String] = []
    public var secrets: [String: String] = [:]
    public var parameters: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &sourceVolumeIDs)
        case 3:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        case 4:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &parameters)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, name, number: 1)
        encoder.encodeRepeated(ProtobufString.self, sourceVolumeIDs, number: 2)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 3)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, parameters, number: 4)
    }
}

/// The protobuf message `csi.v1.CreateVolumeGroupSnapshotResponse`.
public struct Csi_V1_CreateVolumeGroupSnapshotResponse: Message {
    public static let protoMessageName = "csi.v1.CreateVolumeGroupSnapshotResponse"

    public var groupSnapshot: Csi_V1_VolumeGroupSnapshot? {
        get { _groupSnapshot?.value }
        set { _groupSnapshot = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _groupSnapshot: MessageBox<Csi_V1_VolumeGroupSnapshot>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &groupSnapshot)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeGroupSnapshot>.self, groupSnapshot, number: 1)
    }
}

/// The protobuf message `csi.v1.VolumeGroupSnapshot`.
public struct Csi_V1_VolumeGroupSnapshot: Message {
    public static let protoMessageName = "csi.v1.VolumeGroupSnapshot"

    public var groupSnapshotID: String = ""
    public var snapshots: [Csi_V1_Snapshot] = []
    public var creationTime: Google_Protobuf_Timestamp? {
        get { _creationTime?.value }
        set { _creationTime = newValue.map(MessageBox.init) }
    }
    public var readyToUse: Bool = false
    public var unknownFields = UnknownFields()

    private var _creationTime: MessageBox<Google_Protobuf_Timestamp>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &groupSnapshotID)
        case 2:
            return try decoder.decodeRepeated(ProtobufMessageField<Csi_V1_Snapshot>.self, tag, into: &snapshots)
        case 3:
            return try decoder.decodeMessage(tag, into: &creationTime)
        case 4:
            return try decoder.decodeSingular(ProtobufBool.self, tag, into: &readyToUse)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, groupSnapshotID, number: 1)
        encoder.encodeRepeated(ProtobufMessageField<Csi_V1_Snapshot>.self, snapshots, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_Timestamp>.self, creationTime, number: 3)
        encoder.encodeImplicit(ProtobufBool.self, readyToUse, number: 4)
    }
}

/// The protobuf message `csi.v1.DeleteVolumeGroupSnapshotRequest`.
public struct Csi_V1_DeleteVolumeGroupSnapshotRequest: Message {
    public static let protoMessageName = "csi.v1.DeleteVolumeGroupSnapshotRequest"

    public var groupSnapshotID: String = ""
    public var snapshotIDs: [String] = []
    public var secrets: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &groupSnapshotID)
        case 2:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &snapshotIDs)
        case 3:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, groupSnapshotID, number: 1)
        encoder.encodeRepeated(ProtobufString.self, snapshotIDs, number: 2)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 3)
    }
}

/// The protobuf message `csi.v1.DeleteVolumeGroupSnapshotResponse`.
public struct Csi_V1_DeleteVolumeGroupSnapshotResponse: Message {
    public static let protoMessageName = "csi.v1.DeleteVolumeGroupSnapshotResponse"

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

/// The protobuf message `csi.v1.GetVolumeGroupSnapshotRequest`.
public struct Csi_V1_GetVolumeGroupSnapshotRequest: Message {
    public static let protoMessageName = "csi.v1.GetVolumeGroupSnapshotRequest"

    public var groupSnapshotID: String = ""
    public var snapshotIDs: [String] = []
    public var secrets: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &groupSnapshotID)
        case 2:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &snapshotIDs)
        case 3:
            return try decoder.decodeMapEntry(ProtobufString.self, ProtobufString.self, tag, into: &secrets)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, groupSnapshotID, number: 1)
        encoder.encodeRepeated(ProtobufString.self, snapshotIDs, number: 2)
        encoder.encodeMap(ProtobufString.self, ProtobufString.self, secrets, number: 3)
    }
}

/// The protobuf message `csi.v1.GetVolumeGroupSnapshotResponse`.
public struct Csi_V1_GetVolumeGroupSnapshotResponse: Message {
    public static let protoMessageName = "csi.v1.GetVolumeGroupSnapshotResponse"

    public var groupSnapshot: Csi_V1_VolumeGroupSnapshot? {
        get { _groupSnapshot?.value }
        set { _groupSnapshot = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _groupSnapshot: MessageBox<Csi_V1_VolumeGroupSnapshot>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeMessage(tag, into: &groupSnapshot)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufMessageField<Csi_V1_VolumeGroupSnapshot>.self, groupSnapshot, number: 1)
    }
}

/// The extensions `csi/v1/csi.proto` declares.
public enum Csi_V1_CsiExtensions {
    /// `csi.v1.alpha_enum`, field 1060 of `google.protobuf.EnumOptions`.
    public static let alphaEnum = ProtobufExtension<ProtobufBool>(number: 1060, extendee: "google.protobuf.EnumOptions")
    /// `csi.v1.alpha_enum_value`, field 1060 of `google.protobuf.EnumValueOptions`.
    public static let alphaEnumValue = ProtobufExtension<ProtobufBool>(
        number: 1060, extendee: "google.protobuf.EnumValueOptions")
    /// `csi.v1.csi_secret`, field 1059 of `google.protobuf.FieldOptions`.
    public static let csiSecret = ProtobufExtension<ProtobufBool>(
        number: 1059, extendee: "google.protobuf.FieldOptions")
    /// `csi.v1.alpha_field`, field 1060 of `google.protobuf.FieldOptions`.
    public static let alphaField = ProtobufExtension<ProtobufBool>(
        number: 1060, extendee: "google.protobuf.FieldOptions")
    /// `csi.v1.alpha_message`, field 1060 of `google.protobuf.MessageOptions`.
    public static let alphaMessage = ProtobufExtension<ProtobufBool>(
        number: 1060, extendee: "google.protobuf.MessageOptions")
    /// `csi.v1.alpha_method`, field 1060 of `google.protobuf.MethodOptions`.
    public static let alphaMethod = ProtobufExtension<ProtobufBool>(
        number: 1060, extendee: "google.protobuf.MethodOptions")
    /// `csi.v1.alpha_service`, field 1060 of `google.protobuf.ServiceOptions`.
    public static let alphaService = ProtobufExtension<ProtobufBool>(
        number: 1060, extendee: "google.protobuf.ServiceOptions")
}
