/// How protobuf names become Swift names. The rules are pure functions of the proto names, so two
/// runs of the plugin, or two modules generated separately, always agree on a type's Swift name.
enum SwiftNames {
    /// Words Swift reserves. A property, case or method with one of these names is written in
    /// backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw",
        "switch", "where", "while", "Any", "as", "false", "is", "nil", "super", "throws", "true", "try", "await",
        "some", "any", "consume", "copy", "borrowing", "consuming",
    ]

    /// Names that cannot be members of a generated type even in backticks, because the type or the
    /// runtime already uses them; they get a trailing underscore.
    static let takenMemberNames: Set<String> = [
        "self", "Self", "Type", "Protocol", "init", "unknownFields", "protoMessageName", "rawValue",
        "unrecognized", "defaultValue", "serviceDefinition", "channel", "decodeField", "encodeFields",
    ]

    /// Names that cannot be nested types: `Foo.Type` and `Foo.Protocol` mean metatypes in Swift, and
    /// a nested type named like a runtime type would hide it from the generated code around it.
    static let takenTypeNames: Set<String> = [
        "Type", "Protocol", "Self", "Any", "Message", "ProtobufEnum", "FieldTag", "WireDecoder", "WireEncoder",
        "UnknownFields", "MessageBox", "DecodingError", "Equatable", "Sendable",
    ]

    /// `blockfence.test` becomes `Blockfence_Test_`; `csi.v1` becomes `Csi_V1_`.
    static func packagePrefix(_ package: String, swiftPrefix: String?) -> String {
        if let swiftPrefix { return swiftPrefix }
        guard !package.isEmpty else { return "" }
        return package.split(separator: ".").map { upperCamel(String($0)) }.joined(separator: "_") + "_"
    }

    /// `access_mode` becomes `AccessMode`; names already in camel case keep their inner capitals.
    static func upperCamel(_ name: String) -> String {
        name.split(separator: "_").map { part in part.prefix(1).uppercased() + part.dropFirst() }.joined()
    }

    /// Words written in capitals inside a Swift name, as the API design guidelines spell
    /// acronyms: `volume_id` becomes `volumeID`.
    static let acronyms: Set<String> = ["id", "ids", "url", "uri", "uuid"]

    /// `volume_id` becomes `volumeID`; `CreateVolume` becomes `createVolume`.
    static func lowerCamel(_ name: String) -> String {
        let parts = name.split(separator: "_")
        guard let first = parts.first else { return name }
        var result = first.prefix(1).lowercased() + first.dropFirst()
        for part in parts.dropFirst() {
            if part == "ids" {
                result += "IDs"
            } else if acronyms.contains(String(part)) {
                result += part.uppercased()
            } else {
                result += part.prefix(1).uppercased() + part.dropFirst()
            }
        }
        return result
    }

    /// A nested type name that is safe inside another type.
    static func nestedTypeName(_ name: String, suffix: String) -> String {
        let upper = upperCamel(name)
        return takenTypeNames.contains(upper) ? upper + suffix : upper
    }

    /// A property, case or method name that is safe to declare and to use after a dot.
    static func memberName(_ name: String) -> String {
        if takenMemberNames.contains(name) { return name + "_" }
        if keywords.contains(name) { return "`\(name)`" }
        return name
    }

    /// The Swift case name for an enum value: the enum's own name as a prefix is dropped
    /// (`SERVING_STATUS_UNKNOWN` in `ServingStatus` becomes `unknown`), then lower camel case.
    static func enumCaseName(_ valueName: String, enumName: String) -> String {
        let prefix = screamingSnake(enumName) + "_"
        var base = valueName
        if valueName.hasPrefix(prefix), let next = valueName.dropFirst(prefix.count).first, !next.isNumber {
            base = String(valueName.dropFirst(prefix.count))
        }
        let words = base.lowercased().split(separator: "_")
        guard let first = words.first else { return memberName(base.lowercased()) }
        var name = String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if let leading = name.first, leading.isNumber { name = "_" + name }
        return memberName(name)
    }

    /// `ServingStatus` becomes `SERVING_STATUS`.
    static func screamingSnake(_ camel: String) -> String {
        var result = ""
        for character in camel {
            if character.isUppercase, !result.isEmpty, result.last != "_" { result += "_" }
            result += character.uppercased()
        }
        return result
    }

    /// A Swift string literal for `text`.
    static func stringLiteral(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"\(escaped)\""
    }
}
