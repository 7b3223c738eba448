// Generated from google/protobuf/descriptor.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

/// The protobuf message `google.protobuf.FileDescriptorSet`.
public struct Google_Protobuf_FileDescriptorSet: Message {
    public static let protoMessageName = "google.protobuf.FileDescriptorSet"

    public var file: [Google_Protobuf_FileDescriptorProto] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_FileDescriptorProto>.self, tag, into: &file)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_FileDescriptorProto>.self, file, number: 1)
    }
}

/// The protobuf message `google.protobuf.FileDescriptorProto`.
public struct Google_Protobuf_FileDescriptorProto: Message {
    public static let protoMessageName = "google.protobuf.FileDescriptorProto"

    public var name: String?
    public var package: String?
    public var dependency: [String] = []
    public var publicDependency: [Int32] = []
    public var weakDependency: [Int32] = []
    public var messageType: [Google_Protobuf_DescriptorProto] = []
    public var enumType: [Google_Protobuf_EnumDescriptorProto] = []
    public var service: [Google_Protobuf_ServiceDescriptorProto] = []
    public var `extension`: [Google_Protobuf_FieldDescriptorProto] = []
    public var options: Google_Protobuf_FileOptions? {
        get { _options?.value }
        set { _options = newValue.map(MessageBox.init) }
    }
    public var sourceCodeInfo: Google_Protobuf_SourceCodeInfo? {
        get { _sourceCodeInfo?.value }
        set { _sourceCodeInfo = newValue.map(MessageBox.init) }
    }
    public var syntax: String?
    public var unknownFields = UnknownFields()

    private var _options: MessageBox<Google_Protobuf_FileOptions>?
    private var _sourceCodeInfo: MessageBox<Google_Protobuf_SourceCodeInfo>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &package)
        case 3:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &dependency)
        case 4:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_DescriptorProto>.self, tag, into: &messageType)
        case 5:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_EnumDescriptorProto>.self, tag, into: &enumType)
        case 6:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_ServiceDescriptorProto>.self, tag, into: &service)
        case 7:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_FieldDescriptorProto>.self, tag, into: &`extension`)
        case 8:
            return try decoder.decodeMessage(tag, into: &options)
        case 9:
            return try decoder.decodeMessage(tag, into: &sourceCodeInfo)
        case 10:
            return try decoder.decodeRepeatedPackable(ProtobufInt32.self, tag, into: &publicDependency)
        case 11:
            return try decoder.decodeRepeatedPackable(ProtobufInt32.self, tag, into: &weakDependency)
        case 12:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &syntax)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufString.self, name, number: 1)
        encoder.encodeOptional(ProtobufString.self, package, number: 2)
        encoder.encodeRepeated(ProtobufString.self, dependency, number: 3)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_DescriptorProto>.self, messageType, number: 4)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_EnumDescriptorProto>.self, enumType, number: 5)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_ServiceDescriptorProto>.self, service, number: 6)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_FieldDescriptorProto>.self, `extension`, number: 7)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_FileOptions>.self, options, number: 8)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_SourceCodeInfo>.self, sourceCodeInfo, number: 9)
        encoder.encodeRepeated(ProtobufInt32.self, publicDependency, number: 10)
        encoder.encodeRepeated(ProtobufInt32.self, weakDependency, number: 11)
        encoder.encodeOptional(ProtobufString.self, syntax, number: 12)
    }
}

/// The protobuf message `google.protobuf.DescriptorProto`.
public struct Google_Protobuf_DescriptorProto: Message {
    public static let protoMessageName = "google.protobuf.DescriptorProto"

    public var name: String?
    public var field: [Google_Protobuf_FieldDescriptorProto] = []
    public var `extension`: [Google_Protobuf_FieldDescriptorProto] = []
    public var nestedType: [Google_Protobuf_DescriptorProto] = []
    public var enumType: [Google_Protobuf_EnumDescriptorProto] = []
    public var extensionRange: [Google_Protobuf_DescriptorProto.ExtensionRange] = []
    public var oneofDecl: [Google_Protobuf_OneofDescriptorProto] = []
    public var options: Google_Protobuf_MessageOptions? {
        get { _options?.value }
        set { _options = newValue.map(MessageBox.init) }
    }
    public var reservedRange: [Google_Protobuf_DescriptorProto.ReservedRange] = []
    public var reservedName: [String] = []
    public var unknownFields = UnknownFields()

    private var _options: MessageBox<Google_Protobuf_MessageOptions>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_FieldDescriptorProto>.self, tag, into: &field)
        case 3:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_DescriptorProto>.self, tag, into: &nestedType)
        case 4:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_EnumDescriptorProto>.self, tag, into: &enumType)
        case 5:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_DescriptorProto.ExtensionRange>.self, tag, into: &extensionRange)
        case 6:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_FieldDescriptorProto>.self, tag, into: &`extension`)
        case 7:
            return try decoder.decodeMessage(tag, into: &options)
        case 8:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_OneofDescriptorProto>.self, tag, into: &oneofDecl)
        case 9:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_DescriptorProto.ReservedRange>.self, tag, into: &reservedRange)
        case 10:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &reservedName)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufString.self, name, number: 1)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_FieldDescriptorProto>.self, field, number: 2)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_DescriptorProto>.self, nestedType, number: 3)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_EnumDescriptorProto>.self, enumType, number: 4)
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_DescriptorProto.ExtensionRange>.self, extensionRange, number: 5)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_FieldDescriptorProto>.self, `extension`, number: 6)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_MessageOptions>.self, options, number: 7)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_OneofDescriptorProto>.self, oneofDecl, number: 8)
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_DescriptorProto.ReservedRange>.self, reservedRange, number: 9)
        encoder.encodeRepeated(ProtobufString.self, reservedName, number: 10)
    }

    /// The protobuf message `google.protobuf.DescriptorProto.ExtensionRange`.
    public struct ExtensionRange: Message {
        public static let protoMessageName = "google.protobuf.DescriptorProto.ExtensionRange"

        public var start: Int32?
        public var end: Int32?
        public var options: Google_Protobuf_ExtensionRangeOptions? {
            get { _options?.value }
            set { _options = newValue.map(MessageBox.init) }
        }
        public var unknownFields = UnknownFields()

        private var _options: MessageBox<Google_Protobuf_ExtensionRangeOptions>?

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &start)
            case 2:
                return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &end)
            case 3:
                return try decoder.decodeMessage(tag, into: &options)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeOptional(ProtobufInt32.self, start, number: 1)
            encoder.encodeOptional(ProtobufInt32.self, end, number: 2)
            encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_ExtensionRangeOptions>.self, options, number: 3)
        }
    }

    /// The protobuf message `google.protobuf.DescriptorProto.ReservedRange`.
    public struct ReservedRange: Message {
        public static let protoMessageName = "google.protobuf.DescriptorProto.ReservedRange"

        public var start: Int32?
        public var end: Int32?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &start)
            case 2:
                return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &end)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeOptional(ProtobufInt32.self, start, number: 1)
            encoder.encodeOptional(ProtobufInt32.self, end, number: 2)
        }
    }
}

/// The protobuf message `google.protobuf.ExtensionRangeOptions`.
public struct Google_Protobuf_ExtensionRangeOptions: Message {
    public static let protoMessageName = "google.protobuf.ExtensionRangeOptions"

    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 999:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, number: 999)
    }
}

/// The protobuf message `google.protobuf.FieldDescriptorProto`.
public struct Google_Protobuf_FieldDescriptorProto: Message {
    public static let protoMessageName = "google.protobuf.FieldDescriptorProto"

    public var name: String?
    public var number: Int32?
    public var label: Google_Protobuf_FieldDescriptorProto.Label?
    public var type: Google_Protobuf_FieldDescriptorProto.TypeEnum?
    public var typeName: String?
    public var extendee: String?
    public var defaultValue_: String?
    public var oneofIndex: Int32?
    public var jsonName: String?
    public var options: Google_Protobuf_FieldOptions? {
        get { _options?.value }
        set { _options = newValue.map(MessageBox.init) }
    }
    public var proto3Optional: Bool?
    public var unknownFields = UnknownFields()

    private var _options: MessageBox<Google_Protobuf_FieldOptions>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &extendee)
        case 3:
            return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &number)
        case 4:
            return try decoder.decodeOptional(
                ProtobufEnumField<Google_Protobuf_FieldDescriptorProto.Label>.self, tag, into: &label)
        case 5:
            return try decoder.decodeOptional(
                ProtobufEnumField<Google_Protobuf_FieldDescriptorProto.TypeEnum>.self, tag, into: &type)
        case 6:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &typeName)
        case 7:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &defaultValue_)
        case 8:
            return try decoder.decodeMessage(tag, into: &options)
        case 9:
            return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &oneofIndex)
        case 10:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &jsonName)
        case 17:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &proto3Optional)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufString.self, name, number: 1)
        encoder.encodeOptional(ProtobufString.self, extendee, number: 2)
        encoder.encodeOptional(ProtobufInt32.self, number, number: 3)
        encoder.encodeOptional(ProtobufEnumField<Google_Protobuf_FieldDescriptorProto.Label>.self, label, number: 4)
        encoder.encodeOptional(ProtobufEnumField<Google_Protobuf_FieldDescriptorProto.TypeEnum>.self, type, number: 5)
        encoder.encodeOptional(ProtobufString.self, typeName, number: 6)
        encoder.encodeOptional(ProtobufString.self, defaultValue_, number: 7)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_FieldOptions>.self, options, number: 8)
        encoder.encodeOptional(ProtobufInt32.self, oneofIndex, number: 9)
        encoder.encodeOptional(ProtobufString.self, jsonName, number: 10)
        encoder.encodeOptional(ProtobufBool.self, proto3Optional, number: 17)
    }

    /// The protobuf enum `google.protobuf.FieldDescriptorProto.Type`.
    public enum TypeEnum: ProtobufEnum {
        case double
        case float
        case int64
        case uint64
        case int32
        case fixed64
        case fixed32
        case bool
        case string
        case group
        case message
        case bytes
        case uint32
        case `enum`
        case sfixed32
        case sfixed64
        case sint32
        case sint64
        /// A number this schema does not name, kept so that it is encoded again unchanged.
        case unrecognized(Int32)

        public static let defaultValue = TypeEnum.double

        public init(rawValue: Int32) {
            switch rawValue {
            case 1: self = .double
            case 2: self = .float
            case 3: self = .int64
            case 4: self = .uint64
            case 5: self = .int32
            case 6: self = .fixed64
            case 7: self = .fixed32
            case 8: self = .bool
            case 9: self = .string
            case 10: self = .group
            case 11: self = .message
            case 12: self = .bytes
            case 13: self = .uint32
            case 14: self = .`enum`
            case 15: self = .sfixed32
            case 16: self = .sfixed64
            case 17: self = .sint32
            case 18: self = .sint64
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .double: 1
            case .float: 2
            case .int64: 3
            case .uint64: 4
            case .int32: 5
            case .fixed64: 6
            case .fixed32: 7
            case .bool: 8
            case .string: 9
            case .group: 10
            case .message: 11
            case .bytes: 12
            case .uint32: 13
            case .`enum`: 14
            case .sfixed32: 15
            case .sfixed64: 16
            case .sint32: 17
            case .sint64: 18
            case .unrecognized(let number): number
            }
        }
    }

    /// The protobuf enum `google.protobuf.FieldDescriptorProto.Label`.
    public enum Label: ProtobufEnum {
        case optional
        case required
        case repeated
        /// A number this schema does not name, kept so that it is encoded again unchanged.
        case unrecognized(Int32)

        public static let defaultValue = Label.optional

        public init(rawValue: Int32) {
            switch rawValue {
            case 1: self = .optional
            case 2: self = .required
            case 3: self = .repeated
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .optional: 1
            case .required: 2
            case .repeated: 3
            case .unrecognized(let number): number
            }
        }
    }
}

/// The protobuf message `google.protobuf.OneofDescriptorProto`.
public struct Google_Protobuf_OneofDescriptorProto: Message {
    public static let protoMessageName = "google.protobuf.OneofDescriptorProto"

    public var name: String?
    public var options: Google_Protobuf_OneofOptions? {
        get { _options?.value }
        set { _options = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _options: MessageBox<Google_Protobuf_OneofOptions>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeMessage(tag, into: &options)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufString.self, name, number: 1)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_OneofOptions>.self, options, number: 2)
    }
}

/// The protobuf message `google.protobuf.EnumDescriptorProto`.
public struct Google_Protobuf_EnumDescriptorProto: Message {
    public static let protoMessageName = "google.protobuf.EnumDescriptorProto"

    public var name: String?
    public var value: [Google_Protobuf_EnumValueDescriptorProto] = []
    public var options: Google_Protobuf_EnumOptions? {
        get { _options?.value }
        set { _options = newValue.map(MessageBox.init) }
    }
    public var reservedRange: [Google_Protobuf_EnumDescriptorProto.EnumReservedRange] = []
    public var reservedName: [String] = []
    public var unknownFields = UnknownFields()

    private var _options: MessageBox<Google_Protobuf_EnumOptions>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_EnumValueDescriptorProto>.self, tag, into: &value)
        case 3:
            return try decoder.decodeMessage(tag, into: &options)
        case 4:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_EnumDescriptorProto.EnumReservedRange>.self, tag,
                into: &reservedRange)
        case 5:
            return try decoder.decodeRepeated(ProtobufString.self, tag, into: &reservedName)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufString.self, name, number: 1)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_EnumValueDescriptorProto>.self, value, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_EnumOptions>.self, options, number: 3)
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_EnumDescriptorProto.EnumReservedRange>.self, reservedRange, number: 4)
        encoder.encodeRepeated(ProtobufString.self, reservedName, number: 5)
    }

    /// The protobuf message `google.protobuf.EnumDescriptorProto.EnumReservedRange`.
    public struct EnumReservedRange: Message {
        public static let protoMessageName = "google.protobuf.EnumDescriptorProto.EnumReservedRange"

        public var start: Int32?
        public var end: Int32?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &start)
            case 2:
                return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &end)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeOptional(ProtobufInt32.self, start, number: 1)
            encoder.encodeOptional(ProtobufInt32.self, end, number: 2)
        }
    }
}

/// The protobuf message `google.protobuf.EnumValueDescriptorProto`.
public struct Google_Protobuf_EnumValueDescriptorProto: Message {
    public static let protoMessageName = "google.protobuf.EnumValueDescriptorProto"

    public var name: String?
    public var number: Int32?
    public var options: Google_Protobuf_EnumValueOptions? {
        get { _options?.value }
        set { _options = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _options: MessageBox<Google_Protobuf_EnumValueOptions>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &number)
        case 3:
            return try decoder.decodeMessage(tag, into: &options)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufString.self, name, number: 1)
        encoder.encodeOptional(ProtobufInt32.self, number, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_EnumValueOptions>.self, options, number: 3)
    }
}

/// The protobuf message `google.protobuf.ServiceDescriptorProto`.
public struct Google_Protobuf_ServiceDescriptorProto: Message {
    public static let protoMessageName = "google.protobuf.ServiceDescriptorProto"

    public var name: String?
    public var method: [Google_Protobuf_MethodDescriptorProto] = []
    public var options: Google_Protobuf_ServiceOptions? {
        get { _options?.value }
        set { _options = newValue.map(MessageBox.init) }
    }
    public var unknownFields = UnknownFields()

    private var _options: MessageBox<Google_Protobuf_ServiceOptions>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_MethodDescriptorProto>.self, tag, into: &method)
        case 3:
            return try decoder.decodeMessage(tag, into: &options)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufString.self, name, number: 1)
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_MethodDescriptorProto>.self, method, number: 2)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_ServiceOptions>.self, options, number: 3)
    }
}

/// The protobuf message `google.protobuf.MethodDescriptorProto`.
public struct Google_Protobuf_MethodDescriptorProto: Message {
    public static let protoMessageName = "google.protobuf.MethodDescriptorProto"

    public var name: String?
    public var inputType: String?
    public var outputType: String?
    public var options: Google_Protobuf_MethodOptions? {
        get { _options?.value }
        set { _options = newValue.map(MessageBox.init) }
    }
    public var clientStreaming: Bool?
    public var serverStreaming: Bool?
    public var unknownFields = UnknownFields()

    private var _options: MessageBox<Google_Protobuf_MethodOptions>?

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &name)
        case 2:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &inputType)
        case 3:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &outputType)
        case 4:
            return try decoder.decodeMessage(tag, into: &options)
        case 5:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &clientStreaming)
        case 6:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &serverStreaming)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufString.self, name, number: 1)
        encoder.encodeOptional(ProtobufString.self, inputType, number: 2)
        encoder.encodeOptional(ProtobufString.self, outputType, number: 3)
        encoder.encodeOptional(ProtobufMessageField<Google_Protobuf_MethodOptions>.self, options, number: 4)
        encoder.encodeOptional(ProtobufBool.self, clientStreaming, number: 5)
        encoder.encodeOptional(ProtobufBool.self, serverStreaming, number: 6)
    }
}

/// The protobuf message `google.protobuf.FileOptions`.
public struct Google_Protobuf_FileOptions: Message {
    public static let protoMessageName = "google.protobuf.FileOptions"

    public var javaPackage: String?
    public var javaOuterClassname: String?
    public var javaMultipleFiles: Bool?
    public var javaGenerateEqualsAndHash: Bool?
    public var javaStringCheckUtf8: Bool?
    public var optimizeFor: Google_Protobuf_FileOptions.OptimizeMode?
    public var goPackage: String?
    public var ccGenericServices: Bool?
    public var javaGenericServices: Bool?
    public var pyGenericServices: Bool?
    public var phpGenericServices: Bool?
    public var deprecated: Bool?
    public var ccEnableArenas: Bool?
    public var objcClassPrefix: String?
    public var csharpNamespace: String?
    public var swiftPrefix: String?
    public var phpClassPrefix: String?
    public var phpNamespace: String?
    public var phpMetadataNamespace: String?
    public var rubyPackage: String?
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &javaPackage)
        case 8:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &javaOuterClassname)
        case 9:
            return try decoder.decodeOptional(
                ProtobufEnumField<Google_Protobuf_FileOptions.OptimizeMode>.self, tag, into: &optimizeFor)
        case 10:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &javaMultipleFiles)
        case 11:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &goPackage)
        case 16:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &ccGenericServices)
        case 17:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &javaGenericServices)
        case 18:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &pyGenericServices)
        case 20:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &javaGenerateEqualsAndHash)
        case 23:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &deprecated)
        case 27:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &javaStringCheckUtf8)
        case 31:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &ccEnableArenas)
        case 36:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &objcClassPrefix)
        case 37:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &csharpNamespace)
        case 39:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &swiftPrefix)
        case 40:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &phpClassPrefix)
        case 41:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &phpNamespace)
        case 42:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &phpGenericServices)
        case 44:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &phpMetadataNamespace)
        case 45:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &rubyPackage)
        case 999:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufString.self, javaPackage, number: 1)
        encoder.encodeOptional(ProtobufString.self, javaOuterClassname, number: 8)
        encoder.encodeOptional(ProtobufEnumField<Google_Protobuf_FileOptions.OptimizeMode>.self, optimizeFor, number: 9)
        encoder.encodeOptional(ProtobufBool.self, javaMultipleFiles, number: 10)
        encoder.encodeOptional(ProtobufString.self, goPackage, number: 11)
        encoder.encodeOptional(ProtobufBool.self, ccGenericServices, number: 16)
        encoder.encodeOptional(ProtobufBool.self, javaGenericServices, number: 17)
        encoder.encodeOptional(ProtobufBool.self, pyGenericServices, number: 18)
        encoder.encodeOptional(ProtobufBool.self, javaGenerateEqualsAndHash, number: 20)
        encoder.encodeOptional(ProtobufBool.self, deprecated, number: 23)
        encoder.encodeOptional(ProtobufBool.self, javaStringCheckUtf8, number: 27)
        encoder.encodeOptional(ProtobufBool.self, ccEnableArenas, number: 31)
        encoder.encodeOptional(ProtobufString.self, objcClassPrefix, number: 36)
        encoder.encodeOptional(ProtobufString.self, csharpNamespace, number: 37)
        encoder.encodeOptional(ProtobufString.self, swiftPrefix, number: 39)
        encoder.encodeOptional(ProtobufString.self, phpClassPrefix, number: 40)
        encoder.encodeOptional(ProtobufString.self, phpNamespace, number: 41)
        encoder.encodeOptional(ProtobufBool.self, phpGenericServices, number: 42)
        encoder.encodeOptional(ProtobufString.self, phpMetadataNamespace, number: 44)
        encoder.encodeOptional(ProtobufString.self, rubyPackage, number: 45)
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, number: 999)
    }

    /// The protobuf enum `google.protobuf.FileOptions.OptimizeMode`.
    public enum OptimizeMode: ProtobufEnum {
        case speed
        case codeSize
        case liteRuntime
        /// A number this schema does not name, kept so that it is encoded again unchanged.
        case unrecognized(Int32)

        public static let defaultValue = OptimizeMode.speed

        public init(rawValue: Int32) {
            switch rawValue {
            case 1: self = .speed
            case 2: self = .codeSize
            case 3: self = .liteRuntime
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .speed: 1
            case .codeSize: 2
            case .liteRuntime: 3
            case .unrecognized(let number): number
            }
        }
    }
}

/// The protobuf message `google.protobuf.MessageOptions`.
public struct Google_Protobuf_MessageOptions: Message {
    public static let protoMessageName = "google.protobuf.MessageOptions"

    public var messageSetWireFormat: Bool?
    public var noStandardDescriptorAccessor: Bool?
    public var deprecated: Bool?
    public var mapEntry: Bool?
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &messageSetWireFormat)
        case 2:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &noStandardDescriptorAccessor)
        case 3:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &deprecated)
        case 7:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &mapEntry)
        case 999:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufBool.self, messageSetWireFormat, number: 1)
        encoder.encodeOptional(ProtobufBool.self, noStandardDescriptorAccessor, number: 2)
        encoder.encodeOptional(ProtobufBool.self, deprecated, number: 3)
        encoder.encodeOptional(ProtobufBool.self, mapEntry, number: 7)
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, number: 999)
    }
}

/// The protobuf message `google.protobuf.FieldOptions`.
public struct Google_Protobuf_FieldOptions: Message {
    public static let protoMessageName = "google.protobuf.FieldOptions"

    public var ctype: Google_Protobuf_FieldOptions.CType?
    public var packed: Bool?
    public var jstype: Google_Protobuf_FieldOptions.JSType?
    public var lazy: Bool?
    public var unverifiedLazy: Bool?
    public var deprecated: Bool?
    public var weak: Bool?
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(
                ProtobufEnumField<Google_Protobuf_FieldOptions.CType>.self, tag, into: &ctype)
        case 2:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &packed)
        case 3:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &deprecated)
        case 5:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &lazy)
        case 6:
            return try decoder.decodeOptional(
                ProtobufEnumField<Google_Protobuf_FieldOptions.JSType>.self, tag, into: &jstype)
        case 10:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &weak)
        case 15:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &unverifiedLazy)
        case 999:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufEnumField<Google_Protobuf_FieldOptions.CType>.self, ctype, number: 1)
        encoder.encodeOptional(ProtobufBool.self, packed, number: 2)
        encoder.encodeOptional(ProtobufBool.self, deprecated, number: 3)
        encoder.encodeOptional(ProtobufBool.self, lazy, number: 5)
        encoder.encodeOptional(ProtobufEnumField<Google_Protobuf_FieldOptions.JSType>.self, jstype, number: 6)
        encoder.encodeOptional(ProtobufBool.self, weak, number: 10)
        encoder.encodeOptional(ProtobufBool.self, unverifiedLazy, number: 15)
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, number: 999)
    }

    /// The protobuf enum `google.protobuf.FieldOptions.CType`.
    public enum CType: ProtobufEnum {
        case string
        case cord
        case stringPiece
        /// A number this schema does not name, kept so that it is encoded again unchanged.
        case unrecognized(Int32)

        public static let defaultValue = CType.string

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .string
            case 1: self = .cord
            case 2: self = .stringPiece
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .string: 0
            case .cord: 1
            case .stringPiece: 2
            case .unrecognized(let number): number
            }
        }
    }

    /// The protobuf enum `google.protobuf.FieldOptions.JSType`.
    public enum JSType: ProtobufEnum {
        case jsNormal
        case jsString
        case jsNumber
        /// A number this schema does not name, kept so that it is encoded again unchanged.
        case unrecognized(Int32)

        public static let defaultValue = JSType.jsNormal

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .jsNormal
            case 1: self = .jsString
            case 2: self = .jsNumber
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .jsNormal: 0
            case .jsString: 1
            case .jsNumber: 2
            case .unrecognized(let number): number
            }
        }
    }
}

/// The protobuf message `google.protobuf.OneofOptions`.
public struct Google_Protobuf_OneofOptions: Message {
    public static let protoMessageName = "google.protobuf.OneofOptions"

    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 999:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, number: 999)
    }
}

/// The protobuf message `google.protobuf.EnumOptions`.
public struct Google_Protobuf_EnumOptions: Message {
    public static let protoMessageName = "google.protobuf.EnumOptions"

    public var allowAlias: Bool?
    public var deprecated: Bool?
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 2:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &allowAlias)
        case 3:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &deprecated)
        case 999:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufBool.self, allowAlias, number: 2)
        encoder.encodeOptional(ProtobufBool.self, deprecated, number: 3)
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, number: 999)
    }
}

/// The protobuf message `google.protobuf.EnumValueOptions`.
public struct Google_Protobuf_EnumValueOptions: Message {
    public static let protoMessageName = "google.protobuf.EnumValueOptions"

    public var deprecated: Bool?
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &deprecated)
        case 999:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufBool.self, deprecated, number: 1)
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, number: 999)
    }
}

/// The protobuf message `google.protobuf.ServiceOptions`.
public struct Google_Protobuf_ServiceOptions: Message {
    public static let protoMessageName = "google.protobuf.ServiceOptions"

    public var deprecated: Bool?
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 33:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &deprecated)
        case 999:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufBool.self, deprecated, number: 33)
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, number: 999)
    }
}

/// The protobuf message `google.protobuf.MethodOptions`.
public struct Google_Protobuf_MethodOptions: Message {
    public static let protoMessageName = "google.protobuf.MethodOptions"

    public var deprecated: Bool?
    public var idempotencyLevel: Google_Protobuf_MethodOptions.IdempotencyLevel?
    public var uninterpretedOption: [Google_Protobuf_UninterpretedOption] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 33:
            return try decoder.decodeOptional(ProtobufBool.self, tag, into: &deprecated)
        case 34:
            return try decoder.decodeOptional(
                ProtobufEnumField<Google_Protobuf_MethodOptions.IdempotencyLevel>.self, tag, into: &idempotencyLevel)
        case 999:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, tag, into: &uninterpretedOption)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufBool.self, deprecated, number: 33)
        encoder.encodeOptional(
            ProtobufEnumField<Google_Protobuf_MethodOptions.IdempotencyLevel>.self, idempotencyLevel, number: 34)
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_UninterpretedOption>.self, uninterpretedOption, number: 999)
    }

    /// The protobuf enum `google.protobuf.MethodOptions.IdempotencyLevel`.
    public enum IdempotencyLevel: ProtobufEnum {
        case idempotencyUnknown
        case noSideEffects
        case idempotent
        /// A number this schema does not name, kept so that it is encoded again unchanged.
        case unrecognized(Int32)

        public static let defaultValue = IdempotencyLevel.idempotencyUnknown

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .idempotencyUnknown
            case 1: self = .noSideEffects
            case 2: self = .idempotent
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .idempotencyUnknown: 0
            case .noSideEffects: 1
            case .idempotent: 2
            case .unrecognized(let number): number
            }
        }
    }
}

/// The protobuf message `google.protobuf.UninterpretedOption`.
public struct Google_Protobuf_UninterpretedOption: Message {
    public static let protoMessageName = "google.protobuf.UninterpretedOption"

    public var name: [Google_Protobuf_UninterpretedOption.NamePart] = []
    public var identifierValue: String?
    public var positiveIntValue: UInt64?
    public var negativeIntValue: Int64?
    public var doubleValue: Double?
    public var stringValue: [UInt8]?
    public var aggregateValue: String?
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 2:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_UninterpretedOption.NamePart>.self, tag, into: &name)
        case 3:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &identifierValue)
        case 4:
            return try decoder.decodeOptional(ProtobufUInt64.self, tag, into: &positiveIntValue)
        case 5:
            return try decoder.decodeOptional(ProtobufInt64.self, tag, into: &negativeIntValue)
        case 6:
            return try decoder.decodeOptional(ProtobufDouble.self, tag, into: &doubleValue)
        case 7:
            return try decoder.decodeOptional(ProtobufBytes.self, tag, into: &stringValue)
        case 8:
            return try decoder.decodeOptional(ProtobufString.self, tag, into: &aggregateValue)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_UninterpretedOption.NamePart>.self, name, number: 2)
        encoder.encodeOptional(ProtobufString.self, identifierValue, number: 3)
        encoder.encodeOptional(ProtobufUInt64.self, positiveIntValue, number: 4)
        encoder.encodeOptional(ProtobufInt64.self, negativeIntValue, number: 5)
        encoder.encodeOptional(ProtobufDouble.self, doubleValue, number: 6)
        encoder.encodeOptional(ProtobufBytes.self, stringValue, number: 7)
        encoder.encodeOptional(ProtobufString.self, aggregateValue, number: 8)
    }

    /// The protobuf message `google.protobuf.UninterpretedOption.NamePart`.
    public struct NamePart: Message {
        public static let protoMessageName = "google.protobuf.UninterpretedOption.NamePart"

        public var namePart: String?
        public var isExtension: Bool?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeOptional(ProtobufString.self, tag, into: &namePart)
            case 2:
                return try decoder.decodeOptional(ProtobufBool.self, tag, into: &isExtension)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodeOptional(ProtobufString.self, namePart, number: 1)
            encoder.encodeOptional(ProtobufBool.self, isExtension, number: 2)
        }
    }
}

/// The protobuf message `google.protobuf.SourceCodeInfo`.
public struct Google_Protobuf_SourceCodeInfo: Message {
    public static let protoMessageName = "google.protobuf.SourceCodeInfo"

    public var location: [Google_Protobuf_SourceCodeInfo.Location] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_SourceCodeInfo.Location>.self, tag, into: &location)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(ProtobufMessageField<Google_Protobuf_SourceCodeInfo.Location>.self, location, number: 1)
    }

    /// The protobuf message `google.protobuf.SourceCodeInfo.Location`.
    public struct Location: Message {
        public static let protoMessageName = "google.protobuf.SourceCodeInfo.Location"

        public var path: [Int32] = []
        public var span: [Int32] = []
        public var leadingComments: String?
        public var trailingComments: String?
        public var leadingDetachedComments: [String] = []
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeRepeatedPackable(ProtobufInt32.self, tag, into: &path)
            case 2:
                return try decoder.decodeRepeatedPackable(ProtobufInt32.self, tag, into: &span)
            case 3:
                return try decoder.decodeOptional(ProtobufString.self, tag, into: &leadingComments)
            case 4:
                return try decoder.decodeOptional(ProtobufString.self, tag, into: &trailingComments)
            case 6:
                return try decoder.decodeRepeated(ProtobufString.self, tag, into: &leadingDetachedComments)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodePacked(ProtobufInt32.self, path, number: 1)
            encoder.encodePacked(ProtobufInt32.self, span, number: 2)
            encoder.encodeOptional(ProtobufString.self, leadingComments, number: 3)
            encoder.encodeOptional(ProtobufString.self, trailingComments, number: 4)
            encoder.encodeRepeated(ProtobufString.self, leadingDetachedComments, number: 6)
        }
    }
}

/// The protobuf message `google.protobuf.GeneratedCodeInfo`.
public struct Google_Protobuf_GeneratedCodeInfo: Message {
    public static let protoMessageName = "google.protobuf.GeneratedCodeInfo"

    public var annotation: [Google_Protobuf_GeneratedCodeInfo.Annotation] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeRepeated(
                ProtobufMessageField<Google_Protobuf_GeneratedCodeInfo.Annotation>.self, tag, into: &annotation)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeRepeated(
            ProtobufMessageField<Google_Protobuf_GeneratedCodeInfo.Annotation>.self, annotation, number: 1)
    }

    /// The protobuf message `google.protobuf.GeneratedCodeInfo.Annotation`.
    public struct Annotation: Message {
        public static let protoMessageName = "google.protobuf.GeneratedCodeInfo.Annotation"

        public var path: [Int32] = []
        public var sourceFile: String?
        public var begin: Int32?
        public var end: Int32?
        public var unknownFields = UnknownFields()

        public init() {}

        public mutating func decodeField(
            _ tag: FieldTag, from decoder: inout WireDecoder
        ) throws(DecodingError) -> Bool {
            switch tag.number {
            case 1:
                return try decoder.decodeRepeatedPackable(ProtobufInt32.self, tag, into: &path)
            case 2:
                return try decoder.decodeOptional(ProtobufString.self, tag, into: &sourceFile)
            case 3:
                return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &begin)
            case 4:
                return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &end)
            default:
                return false
            }
        }

        public func encodeFields(to encoder: inout WireEncoder) {
            encoder.encodePacked(ProtobufInt32.self, path, number: 1)
            encoder.encodeOptional(ProtobufString.self, sourceFile, number: 2)
            encoder.encodeOptional(ProtobufInt32.self, begin, number: 3)
            encoder.encodeOptional(ProtobufInt32.self, end, number: 4)
        }
    }
}
