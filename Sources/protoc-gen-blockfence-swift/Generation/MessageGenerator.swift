/// Writes one message as a Swift struct: properties, oneof enums, nested types, and the
/// `decodeField` and `encodeFields` methods the runtime calls.
struct MessageGenerator {
    let descriptor: MessageDescriptor
    let swiftName: String
    let protoName: String
    let isProto3: Bool
    let types: TypeTable

    func write(to writer: inout CodeWriter) throws(GeneratorError) {
        let realOneofs = realOneofIndexes()
        var fields: [FieldModel] = []
        for field in descriptor.fields {
            fields.append(
                try FieldModel(
                    field, in: descriptor, qualifiedName: protoName, isProto3: isProto3, realOneofs: realOneofs,
                    types: types))
        }
        let ordered = fields.sorted { $0.number < $1.number }
        writer.documentation("The protobuf message `\(protoName)`.")
        try writer.block("public struct \(unqualified): Message {") { writer throws(GeneratorError) in
            writer.line("public static let protoMessageName = \(SwiftNames.stringLiteral(protoName))")
            writer.line()
            writeProperties(fields, realOneofs: realOneofs, to: &writer)
            writer.line()
            writer.line("public init() {}")
            writeOneofEnums(fields, realOneofs: realOneofs, to: &writer)
            writer.line()
            writeDecodeField(ordered, to: &writer)
            writer.line()
            writeEncodeFields(ordered, to: &writer)
            try writeNestedTypes(to: &writer)
        }
    }

    private var unqualified: String {
        String(swiftName.split(separator: ".").last ?? Substring(swiftName))
    }

    /// Oneofs the user wrote. protoc also wraps each proto3 `optional` field in a oneof of its
    /// own; those are presence markers, generated as optional properties instead.
    private func realOneofIndexes() -> Set<Int32> {
        var indexes: Set<Int32> = []
        for field in descriptor.fields where !field.isProto3Optional {
            if let index = field.oneofIndex { indexes.insert(index) }
        }
        return indexes
    }

    private func oneofPropertyName(_ index: Int) -> String {
        SwiftNames.memberName(SwiftNames.lowerCamel(descriptor.oneofNames[index]))
    }

    private func oneofTypeName(_ index: Int) -> String {
        "OneOf_" + SwiftNames.upperCamel(descriptor.oneofNames[index])
    }

    private func writeProperties(_ fields: [FieldModel], realOneofs: Set<Int32>, to writer: inout CodeWriter) {
        var boxed: [FieldModel] = []
        for field in fields {
            switch field.shape {
            case .implicit:
                writer.line("public var \(field.swiftName): \(field.propertyType) = \(defaultLiteral(field))")
            case .optional:
                writer.line("public var \(field.swiftName): \(field.propertyType)")
            case .repeated:
                writer.line("public var \(field.swiftName): \(field.propertyType) = []")
            case .map:
                writer.line("public var \(field.swiftName): \(field.propertyType) = [:]")
            case .message:
                boxed.append(field)
                writer.block("public var \(field.swiftName): \(field.propertyType) {") { writer in
                    writer.line("get { \(storageName(field))?.value }")
                    writer.line("set { \(storageName(field)) = newValue.map(MessageBox.init) }")
                }
            case .oneofMember:
                break
            }
        }
        for index in realOneofs.sorted() {
            writer.line("public var \(oneofPropertyName(Int(index))): \(oneofTypeName(Int(index)))?")
        }
        writer.line("public var unknownFields = UnknownFields()")
        guard !boxed.isEmpty else { return }
        writer.line()
        for field in boxed {
            writer.line("private var \(storageName(field)): MessageBox<\(field.valueType)>?")
        }
    }

    private func storageName(_ field: FieldModel) -> String {
        "_" + field.swiftName.filter { $0 != "`" }
    }

    private func defaultLiteral(_ field: FieldModel) -> String {
        switch field.descriptor.type {
        case .bool: "false"
        case .string: "\"\""
        case .bytes: "[]"
        case .enum: ".defaultValue"
        default: "0"
        }
    }

    private func writeOneofEnums(_ fields: [FieldModel], realOneofs: Set<Int32>, to writer: inout CodeWriter) {
        for index in realOneofs.sorted() {
            let members = fields.filter {
                if case .oneofMember(let memberIndex) = $0.shape { return memberIndex == Int(index) }
                return false
            }
            let indirect = members.contains { $0.isMessage } ? "indirect " : ""
            writer.line()
            writer.documentation("The oneof `\(descriptor.oneofNames[Int(index)])`: at most one of these is set.")
            writer.block("public \(indirect)enum \(oneofTypeName(Int(index))): Equatable, Sendable {") { writer in
                for member in members { writer.line("case \(member.swiftName)(\(member.valueType))") }
            }
        }
    }

    private func writeDecodeField(_ fields: [FieldModel], to writer: inout CodeWriter) {
        writer.line("public mutating func decodeField(")
        writer.line("    _ tag: FieldTag, from decoder: inout WireDecoder")
        writer.block(") throws(DecodingError) -> Bool {") { writer in
            guard !fields.isEmpty else {
                writer.line("false")
                return
            }
            writer.switchBlock("tag.number") { writer in
                for field in fields { writeDecodeCase(field, to: &writer) }
                writer.line("default:")
                writer.line("    return false")
            }
        }
    }

    private func writeDecodeCase(_ field: FieldModel, to writer: inout CodeWriter) {
        writer.line("case \(field.number):")
        let name = field.swiftName
        switch field.shape {
        case .implicit:
            writer.line("    return try decoder.decodeSingular(\(field.kind).self, tag, into: &\(name))")
        case .optional:
            writer.line("    return try decoder.decodeOptional(\(field.kind).self, tag, into: &\(name))")
        case .message:
            writer.line("    return try decoder.decodeMessage(tag, into: &\(name))")
        case .repeated:
            let method = field.isPackable ? "decodeRepeatedPackable" : "decodeRepeated"
            writer.line("    return try decoder.\(method)(\(field.kind).self, tag, into: &\(name))")
        case .map(let key, let value):
            writer.line(
                "    return try decoder.decodeMapEntry(\(key.kind).self, \(value.kind).self, tag, into: &\(name))")
        case .oneofMember(let index):
            let property = oneofPropertyName(index)
            if field.isMessage {
                writer.line("    var value = \(field.valueType)()")
                writer.line("    if case .\(name)(let existing)? = \(property) { value = existing }")
                writer.line("    guard try decoder.decodeMessage(tag, into: &value) else { return false }")
            } else {
                writer.line("    var value = \(field.kind).defaultValue")
                writer.line(
                    "    guard try decoder.decodeSingular(\(field.kind).self, tag, into: &value) else { return false }")
            }
            writer.line("    \(property) = .\(name)(value)")
            writer.line("    return true")
        }
    }

    private func writeEncodeFields(_ fields: [FieldModel], to writer: inout CodeWriter) {
        writer.block("public func encodeFields(to encoder: inout WireEncoder) {") { writer in
            for field in fields {
                let name = field.swiftName
                let number = field.number
                switch field.shape {
                case .implicit:
                    writer.line("encoder.encodeImplicit(\(field.kind).self, \(name), number: \(number))")
                case .optional, .message:
                    writer.line("encoder.encodeOptional(\(field.kind).self, \(name), number: \(number))")
                case .repeated(let packed):
                    let method = packed ? "encodePacked" : "encodeRepeated"
                    writer.line("encoder.\(method)(\(field.kind).self, \(name), number: \(number))")
                case .map(let key, let value):
                    writer.line("encoder.encodeMap(\(key.kind).self, \(value.kind).self, \(name), number: \(number))")
                case .oneofMember(let index):
                    writer.block("if case .\(name)(let value)? = \(oneofPropertyName(index)) {") { writer in
                        writer.line("encoder.encodeSingular(\(field.kind).self, value, number: \(number))")
                    }
                }
            }
        }
    }

    private func writeNestedTypes(to writer: inout CodeWriter) throws(GeneratorError) {
        for nested in descriptor.nestedMessages where !nested.isMapEntry {
            writer.line()
            try MessageGenerator(
                descriptor: nested,
                swiftName: swiftName + "." + SwiftNames.nestedTypeName(nested.name, suffix: "Message"),
                protoName: protoName + "." + nested.name, isProto3: isProto3, types: types
            ).write(to: &writer)
        }
        for enumeration in descriptor.enums {
            writer.line()
            EnumGenerator(
                descriptor: enumeration,
                swiftName: swiftName + "." + SwiftNames.nestedTypeName(enumeration.name, suffix: "Enum"),
                protoName: protoName + "." + enumeration.name
            ).write(to: &writer)
        }
    }
}
