import ProtocolBuffers

// The parts of google/protobuf/descriptor.proto the generator reads, written by hand rather than
// generated. The plugin therefore never depends on its own output: a generator change that breaks
// the generated descriptor types cannot break the generator that would fix them. Fields the
// generator does not read stay in `unknownFields`.

/// FileDescriptorProto: one .proto file.
struct FileDescriptor: Message {
    static let protoMessageName = "google.protobuf.FileDescriptorProto"
    var name = ""
    var package = ""
    var dependencies: [String] = []
    var messages: [MessageDescriptor] = []
    var enums: [EnumDescriptor] = []
    var services: [ServiceDescriptor] = []
    var extensions: [FieldDescriptor] = []
    var options = FileOptions()
    /// "proto3", or empty for proto2.
    var syntax = ""
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1: return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2: return try decoder.decodeSingular(ProtobufString.self, tag, into: &package)
        case 3: return try decoder.decodeRepeated(ProtobufString.self, tag, into: &dependencies)
        case 4: return try decoder.decodeRepeated(ProtobufMessageField<MessageDescriptor>.self, tag, into: &messages)
        case 5: return try decoder.decodeRepeated(ProtobufMessageField<EnumDescriptor>.self, tag, into: &enums)
        case 6: return try decoder.decodeRepeated(ProtobufMessageField<ServiceDescriptor>.self, tag, into: &services)
        case 7: return try decoder.decodeRepeated(ProtobufMessageField<FieldDescriptor>.self, tag, into: &extensions)
        case 8: return try decoder.decodeMessage(tag, into: &options)
        case 12: return try decoder.decodeSingular(ProtobufString.self, tag, into: &syntax)
        default: return false
        }
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// FileOptions: only `swift_prefix` matters here.
struct FileOptions: Message {
    static let protoMessageName = "google.protobuf.FileOptions"
    var swiftPrefix: String?
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        guard tag.number == 39 else { return false }
        return try decoder.decodeOptional(ProtobufString.self, tag, into: &swiftPrefix)
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// DescriptorProto: a message type and the types nested in it.
struct MessageDescriptor: Message {
    static let protoMessageName = "google.protobuf.DescriptorProto"
    var name = ""
    var fields: [FieldDescriptor] = []
    var nestedMessages: [MessageDescriptor] = []
    var enums: [EnumDescriptor] = []
    var extensions: [FieldDescriptor] = []
    var oneofNames: [String] = []
    var isMapEntry = false
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1: return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2: return try decoder.decodeRepeated(ProtobufMessageField<FieldDescriptor>.self, tag, into: &fields)
        case 3:
            return try decoder.decodeRepeated(ProtobufMessageField<MessageDescriptor>.self, tag, into: &nestedMessages)
        case 4: return try decoder.decodeRepeated(ProtobufMessageField<EnumDescriptor>.self, tag, into: &enums)
        case 6: return try decoder.decodeRepeated(ProtobufMessageField<FieldDescriptor>.self, tag, into: &extensions)
        case 7:
            var options = MessageOptions()
            guard try decoder.decodeMessage(tag, into: &options) else { return false }
            isMapEntry = isMapEntry || options.isMapEntry
            return true
        case 8:
            var oneof = OneofDescriptor()
            guard try decoder.decodeMessage(tag, into: &oneof) else { return false }
            oneofNames.append(oneof.name)
            return true
        default: return false
        }
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// MessageOptions: only `map_entry`, which marks the entry type protoc synthesizes for a map field.
struct MessageOptions: Message {
    static let protoMessageName = "google.protobuf.MessageOptions"
    var isMapEntry = false
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        guard tag.number == 7 else { return false }
        return try decoder.decodeSingular(ProtobufBool.self, tag, into: &isMapEntry)
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// OneofDescriptorProto: only its name.
struct OneofDescriptor: Message {
    static let protoMessageName = "google.protobuf.OneofDescriptorProto"
    var name = ""
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        guard tag.number == 1 else { return false }
        return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// FieldDescriptorProto: one field, or one extension when `extendee` is set.
struct FieldDescriptor: Message {
    static let protoMessageName = "google.protobuf.FieldDescriptorProto"
    var name = ""
    var number: Int32 = 0
    var label = FieldLabel.optional
    var type = FieldType.double
    /// A fully qualified name with a leading dot, for message and enum fields.
    var typeName = ""
    var extendee = ""
    var oneofIndex: Int32?
    var jsonName = ""
    /// `[packed = …]` as written; nil means the syntax's default (packed in proto3).
    var packed: Bool?
    /// proto3 `optional`: protoc wraps the field in a synthetic oneof of its own.
    var isProto3Optional = false
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1: return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2: return try decoder.decodeSingular(ProtobufString.self, tag, into: &extendee)
        case 3: return try decoder.decodeSingular(ProtobufInt32.self, tag, into: &number)
        case 4: return try decoder.decodeSingular(ProtobufEnumField<FieldLabel>.self, tag, into: &label)
        case 5: return try decoder.decodeSingular(ProtobufEnumField<FieldType>.self, tag, into: &type)
        case 6: return try decoder.decodeSingular(ProtobufString.self, tag, into: &typeName)
        case 8:
            var options = FieldOptions()
            guard try decoder.decodeMessage(tag, into: &options) else { return false }
            packed = options.packed ?? packed
            return true
        case 9: return try decoder.decodeOptional(ProtobufInt32.self, tag, into: &oneofIndex)
        case 10: return try decoder.decodeSingular(ProtobufString.self, tag, into: &jsonName)
        case 17: return try decoder.decodeSingular(ProtobufBool.self, tag, into: &isProto3Optional)
        default: return false
        }
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// FieldOptions: only `packed`.
struct FieldOptions: Message {
    static let protoMessageName = "google.protobuf.FieldOptions"
    var packed: Bool?
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        guard tag.number == 2 else { return false }
        return try decoder.decodeOptional(ProtobufBool.self, tag, into: &packed)
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// FieldDescriptorProto.Label.
enum FieldLabel: Int32, ProtobufEnum {
    case optional = 1
    case required = 2
    case repeated = 3

    init(rawValue: Int32) {
        self = FieldLabel.allValues.first { $0.rawValue == rawValue } ?? .optional
    }

    private static let allValues: [FieldLabel] = [.optional, .required, .repeated]
    static let defaultValue = FieldLabel.optional
}

/// FieldDescriptorProto.Type, with the numbers descriptor.proto gives them.
enum FieldType: Int32, ProtobufEnum {
    case double = 1
    case float = 2
    case int64 = 3
    case uint64 = 4
    case int32 = 5
    case fixed64 = 6
    case fixed32 = 7
    case bool = 8
    case string = 9
    case group = 10
    case message = 11
    case bytes = 12
    case uint32 = 13
    case `enum` = 14
    case sfixed32 = 15
    case sfixed64 = 16
    case sint32 = 17
    case sint64 = 18

    init(rawValue: Int32) {
        self = (1...18).contains(rawValue) ? FieldType.allValues[Int(rawValue) - 1] : .double
    }

    private static let allValues: [FieldType] = [
        .double, .float, .int64, .uint64, .int32, .fixed64, .fixed32, .bool, .string, .group, .message, .bytes,
        .uint32, .enum, .sfixed32, .sfixed64, .sint32, .sint64,
    ]
    static let defaultValue = FieldType.double
}

/// EnumDescriptorProto.
struct EnumDescriptor: Message {
    static let protoMessageName = "google.protobuf.EnumDescriptorProto"
    var name = ""
    var values: [EnumValueDescriptor] = []
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1: return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2: return try decoder.decodeRepeated(ProtobufMessageField<EnumValueDescriptor>.self, tag, into: &values)
        default: return false
        }
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// EnumValueDescriptorProto.
struct EnumValueDescriptor: Message {
    static let protoMessageName = "google.protobuf.EnumValueDescriptorProto"
    var name = ""
    var number: Int32 = 0
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1: return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2: return try decoder.decodeSingular(ProtobufInt32.self, tag, into: &number)
        default: return false
        }
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// ServiceDescriptorProto.
struct ServiceDescriptor: Message {
    static let protoMessageName = "google.protobuf.ServiceDescriptorProto"
    var name = ""
    var methods: [MethodDescriptor] = []
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1: return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2: return try decoder.decodeRepeated(ProtobufMessageField<MethodDescriptor>.self, tag, into: &methods)
        default: return false
        }
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// MethodDescriptorProto.
struct MethodDescriptor: Message {
    static let protoMessageName = "google.protobuf.MethodDescriptorProto"
    var name = ""
    var inputType = ""
    var outputType = ""
    var clientStreaming = false
    var serverStreaming = false
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1: return try decoder.decodeSingular(ProtobufString.self, tag, into: &name)
        case 2: return try decoder.decodeSingular(ProtobufString.self, tag, into: &inputType)
        case 3: return try decoder.decodeSingular(ProtobufString.self, tag, into: &outputType)
        case 5: return try decoder.decodeSingular(ProtobufBool.self, tag, into: &clientStreaming)
        case 6: return try decoder.decodeSingular(ProtobufBool.self, tag, into: &serverStreaming)
        default: return false
        }
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}
