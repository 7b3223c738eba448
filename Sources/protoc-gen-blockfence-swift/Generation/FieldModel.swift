/// One field of a message as the generated code sees it: its Swift name and type, and which
/// runtime kind reads and writes it.
struct FieldModel {
    indirect enum Shape {
        /// proto3 without presence: a plain property, left off the wire when it holds the default.
        case implicit
        /// Explicit presence (proto3 `optional`, proto2 scalars): an optional property.
        case optional
        /// A singular embedded message: an optional property boxed out of line.
        case message
        case repeated(packed: Bool)
        case map(key: FieldModel, value: FieldModel)
        /// A member of a real oneof, stored as a case of the oneof's enum.
        case oneofMember(oneofIndex: Int)
    }

    let descriptor: FieldDescriptor
    let swiftName: String
    /// The Swift type of one value, for example `Int32`, `[UInt8]` or `Csi_V1_Topology`.
    let valueType: String
    /// The runtime kind, for example `ProtobufSInt32` or `ProtobufMessageField<Csi_V1_Topology>`.
    let kind: String
    let shape: Shape
    let isMessage: Bool
    let isPackable: Bool

    var number: Int32 { descriptor.number }

    /// The Swift type of the property.
    var propertyType: String {
        switch shape {
        case .implicit: valueType
        case .optional, .message: valueType + "?"
        case .repeated: "[\(valueType)]"
        case .map(let key, let value): "[\(key.valueType): \(value.valueType)]"
        case .oneofMember: valueType
        }
    }

    init(
        _ descriptor: FieldDescriptor, in message: MessageDescriptor, qualifiedName: String, isProto3: Bool,
        realOneofs: Set<Int32>, types: TypeTable
    ) throws(GeneratorError) {
        self.descriptor = descriptor
        swiftName = SwiftNames.memberName(SwiftNames.lowerCamel(descriptor.name))
        let user = qualifiedName + "." + descriptor.name
        (valueType, kind, isMessage, isPackable) = try FieldModel.kind(of: descriptor, user: user, types: types)
        if descriptor.label == .repeated {
            if case .message(let entry) = try FieldModel.referencedDefinition(descriptor, user: user, types: types),
                entry.isMapEntry
            {
                shape = try FieldModel.mapShape(entry, in: message, qualifiedName: qualifiedName, types: types)
                return
            }
            let packedByDefault = isProto3
            shape = .repeated(packed: isPackable && (descriptor.packed ?? packedByDefault))
            return
        }
        if let index = descriptor.oneofIndex, realOneofs.contains(index) {
            shape = .oneofMember(oneofIndex: Int(index))
        } else if isMessage {
            shape = .message
        } else if isProto3 && !descriptor.isProto3Optional {
            shape = .implicit
        } else {
            shape = .optional
        }
    }

    private init(mapPart descriptor: FieldDescriptor, user: String, types: TypeTable) throws(GeneratorError) {
        self.descriptor = descriptor
        swiftName = descriptor.name
        (valueType, kind, isMessage, isPackable) = try FieldModel.kind(of: descriptor, user: user, types: types)
        shape = .implicit
    }

    private static func mapShape(
        _ entry: MessageDescriptor, in message: MessageDescriptor, qualifiedName: String, types: TypeTable
    ) throws(GeneratorError) -> Shape {
        guard let keyField = entry.fields.first(where: { $0.number == 1 }),
            let valueField = entry.fields.first(where: { $0.number == 2 })
        else {
            throw .unsupportedField(field: qualifiedName + "." + entry.name, reason: "map entry without key or value")
        }
        let user = qualifiedName + "." + entry.name
        return .map(
            key: try FieldModel(mapPart: keyField, user: user, types: types),
            value: try FieldModel(mapPart: valueField, user: user, types: types))
    }

    private static func referencedDefinition(
        _ descriptor: FieldDescriptor, user: String, types: TypeTable
    ) throws(GeneratorError) -> TypeTable.Definition? {
        guard descriptor.type == .message || descriptor.type == .enum else { return nil }
        return try types.entry(descriptor.typeName, referencedBy: user).definition
    }

    private static func kind(
        of descriptor: FieldDescriptor, user: String, types: TypeTable
    ) throws(GeneratorError) -> (valueType: String, kind: String, isMessage: Bool, isPackable: Bool) {
        switch descriptor.type {
        case .double: return ("Double", "ProtobufDouble", false, true)
        case .float: return ("Float", "ProtobufFloat", false, true)
        case .int64: return ("Int64", "ProtobufInt64", false, true)
        case .uint64: return ("UInt64", "ProtobufUInt64", false, true)
        case .int32: return ("Int32", "ProtobufInt32", false, true)
        case .fixed64: return ("UInt64", "ProtobufFixed64", false, true)
        case .fixed32: return ("UInt32", "ProtobufFixed32", false, true)
        case .bool: return ("Bool", "ProtobufBool", false, true)
        case .string: return ("String", "ProtobufString", false, false)
        case .bytes: return ("[UInt8]", "ProtobufBytes", false, false)
        case .uint32: return ("UInt32", "ProtobufUInt32", false, true)
        case .sfixed32: return ("Int32", "ProtobufSFixed32", false, true)
        case .sfixed64: return ("Int64", "ProtobufSFixed64", false, true)
        case .sint32: return ("Int32", "ProtobufSInt32", false, true)
        case .sint64: return ("Int64", "ProtobufSInt64", false, true)
        case .enum:
            let name = try types.entry(descriptor.typeName, referencedBy: user).swiftName
            return (name, "ProtobufEnumField<\(name)>", false, true)
        case .message:
            let name = try types.entry(descriptor.typeName, referencedBy: user).swiftName
            return (name, "ProtobufMessageField<\(name)>", true, false)
        case .group:
            throw .unsupportedField(field: user, reason: "proto2 groups are not supported")
        }
    }
}
