/// Every message and enum of every file protoc sent, by fully qualified proto name (with the
/// leading dot protoc uses in field types), with the Swift name generated code uses for it.
struct TypeTable {
    enum Definition {
        case message(MessageDescriptor)
        case enumeration(EnumDescriptor)
    }

    struct Entry {
        let swiftName: String
        let definition: Definition
    }

    private var entries: [String: Entry] = [:]

    init(files: [FileDescriptor]) {
        for file in files {
            let scope = file.package.isEmpty ? "" : "." + file.package
            let prefix = SwiftNames.packagePrefix(file.package, swiftPrefix: file.options.swiftPrefix)
            for message in file.messages {
                add(message, protoScope: scope, swiftName: prefix + SwiftNames.upperCamel(message.name))
            }
            for enumeration in file.enums {
                entries[scope + "." + enumeration.name] = Entry(
                    swiftName: prefix + SwiftNames.upperCamel(enumeration.name), definition: .enumeration(enumeration))
            }
        }
    }

    private mutating func add(_ message: MessageDescriptor, protoScope: String, swiftName: String) {
        let protoName = protoScope + "." + message.name
        entries[protoName] = Entry(swiftName: swiftName, definition: .message(message))
        for nested in message.nestedMessages {
            add(
                nested, protoScope: protoName,
                swiftName: swiftName + "." + SwiftNames.nestedTypeName(nested.name, suffix: "Message"))
        }
        for enumeration in message.enums {
            entries[protoName + "." + enumeration.name] = Entry(
                swiftName: swiftName + "." + SwiftNames.nestedTypeName(enumeration.name, suffix: "Enum"),
                definition: .enumeration(enumeration))
        }
    }

    func entry(_ protoName: String, referencedBy user: String) throws(GeneratorError) -> Entry {
        guard let entry = entries[protoName] else { throw .unknownType(protoName: protoName, referencedBy: user) }
        return entry
    }
}
