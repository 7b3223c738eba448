/// Writes a file's `extend` declarations (custom options such as `csi_secret`) as constants that
/// read the option's value from the extended message's unknown fields.
struct ExtensionGenerator {
    let file: FileDescriptor
    let prefix: String
    let types: TypeTable

    /// Every extension in the file, top level and nested, with the proto scope that declares it.
    private var extensions: [(scope: String, field: FieldDescriptor)] {
        var found = file.extensions.map { (scope: file.package, field: $0) }
        func collect(_ message: MessageDescriptor, scope: String) {
            let name = scope.isEmpty ? message.name : scope + "." + message.name
            found += message.extensions.map { (scope: name, field: $0) }
            for nested in message.nestedMessages { collect(nested, scope: name) }
        }
        for message in file.messages { collect(message, scope: file.package) }
        return found
    }

    var isEmpty: Bool { extensions.isEmpty }

    func write(to writer: inout CodeWriter) throws(GeneratorError) {
        let baseName = file.name.split(separator: "/").last.map(String.init) ?? file.name
        let stem = baseName.hasSuffix(".proto") ? String(baseName.dropLast(6)) : baseName
        writer.documentation("The extensions `\(file.name)` declares.")
        try writer.block("public enum \(prefix)\(SwiftNames.upperCamel(stem))Extensions {") {
            writer throws(GeneratorError) in
            for (scope, field) in extensions {
                let protoName = scope.isEmpty ? field.name : scope + "." + field.name
                guard field.label != .repeated else {
                    throw .unsupportedField(field: protoName, reason: "repeated extensions are not supported")
                }
                let kind = try extensionKind(field, user: protoName)
                let extendee = String(field.extendee.drop { $0 == "." })
                writer.documentation("`\(protoName)`, field \(field.number) of `\(extendee)`.")
                writer.line(
                    "public static let \(SwiftNames.memberName(SwiftNames.lowerCamel(field.name))) = "
                        + "ProtobufExtension<\(kind)>(number: \(field.number), "
                        + "extendee: \(SwiftNames.stringLiteral(extendee)))")
            }
        }
    }

    private func extensionKind(_ field: FieldDescriptor, user: String) throws(GeneratorError) -> String {
        switch field.type {
        case .double: "ProtobufDouble"
        case .float: "ProtobufFloat"
        case .int64: "ProtobufInt64"
        case .uint64: "ProtobufUInt64"
        case .int32: "ProtobufInt32"
        case .fixed64: "ProtobufFixed64"
        case .fixed32: "ProtobufFixed32"
        case .bool: "ProtobufBool"
        case .string: "ProtobufString"
        case .bytes: "ProtobufBytes"
        case .uint32: "ProtobufUInt32"
        case .sfixed32: "ProtobufSFixed32"
        case .sfixed64: "ProtobufSFixed64"
        case .sint32: "ProtobufSInt32"
        case .sint64: "ProtobufSInt64"
        case .enum: "ProtobufEnumField<\(try types.entry(field.typeName, referencedBy: user).swiftName)>"
        case .message: "ProtobufMessageField<\(try types.entry(field.typeName, referencedBy: user).swiftName)>"
        case .group: throw .unsupportedField(field: user, reason: "proto2 groups are not supported")
        }
    }
}
