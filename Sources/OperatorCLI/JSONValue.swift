/// A JSON document built in a fixed order, so that the same answer always prints the same text.
///
/// Objects keep their members in the order they were written; that order is part of what
/// `--output json` promises, beside the names.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case unsigned(UInt64)
    case signed(Int64)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Indented by two spaces per level, `"key": value`, one member or element per line, and
    /// empty arrays and objects as `[]` and `{}`: the layout of Python's `json.dumps(indent=2)`.
    public func rendered() -> String {
        var output = ""
        write(to: &output, indent: 0)
        return output
    }

    private func write(to output: inout String, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .unsigned(let value): output += String(value)
        case .signed(let value): output += String(value)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                output += (index == 0 ? "\n" : ",\n") + Self.spaces(indent + 2)
                element.write(to: &output, indent: indent + 2)
            }
            output += "\n" + Self.spaces(indent) + "]"
        case .object(let object):
            guard !object.members.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (index, member) in object.members.enumerated() {
                output += (index == 0 ? "\n" : ",\n") + Self.spaces(indent + 2)
                Self.writeString(member.key, to: &output)
                output += ": "
                member.value.write(to: &output, indent: indent + 2)
            }
            output += "\n" + Self.spaces(indent) + "}"
        }
    }

    private static func spaces(_ count: Int) -> String {
        String(repeating: " ", count: count)
    }

    /// RFC 8259 escaping: the quote, the backslash and every control character below U+0020;
    /// everything else is written as UTF-8.
    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

/// The members of a JSON object, in the order written: `["id": .string(id), "name": …]`.
public struct JSONObject: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: JSONValue
    }

    public private(set) var members: [Member]

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = elements.map { Member(key: $0.0, value: $0.1) }
    }

    public init(_ members: [(String, JSONValue)]) {
        self.members = members.map { Member(key: $0.0, value: $0.1) }
    }

    public subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }
}
