/// Where a node starts in its document, counted from 1 as editors show it.
public struct YAMLPosition: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column)" }
}

/// One node of a YAML document. Scalars stay text: the reader of a document decides what a
/// scalar means, so that `"3"` and `3` and `three` are checked in one place with one message.
public indirect enum YAMLNode: Sendable, Equatable {
    case scalar(String, YAMLPosition)
    case sequence([YAMLNode], YAMLPosition)
    /// Keys are scalars; their order is kept, and a key appears at most once.
    case mapping([(key: String, value: YAMLNode)], YAMLPosition)

    public var position: YAMLPosition {
        switch self {
        case .scalar(_, let position), .sequence(_, let position), .mapping(_, let position): position
        }
    }

    /// What the node is, for messages: "a scalar", "a sequence", "a mapping".
    public var kind: String {
        switch self {
        case .scalar: "a scalar"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }

    public var scalar: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    public var entries: [(key: String, value: YAMLNode)]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    /// The value of `key` in a mapping, or nil.
    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key == key }?.value
    }

    public static func == (left: YAMLNode, right: YAMLNode) -> Bool {
        switch (left, right) {
        case (.scalar(let a, let p), .scalar(let b, let q)): a == b && p == q
        case (.sequence(let a, let p), .sequence(let b, let q)): a == b && p == q
        case (.mapping(let a, let p), .mapping(let b, let q)):
            p == q && a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}

/// Why a document could not be read, with where.
public enum YAMLError: Error, Equatable, CustomStringConvertible {
    /// libyaml rejected the text; `problem` is its words.
    case syntax(problem: String, context: String?, at: YAMLPosition)
    /// A mapping key that is itself a sequence or a mapping.
    case complexKey(at: YAMLPosition)
    /// The same key twice in one mapping: which value was meant is unknowable.
    case duplicateKey(String, at: YAMLPosition)
    /// Aliases (`*name`) are refused: scenario files have no use for them and they hide content.
    case alias(at: YAMLPosition)
    /// More than one document (`---`) in the text.
    case multipleDocuments(at: YAMLPosition)
    /// An empty text, or one holding only comments.
    case empty
    /// Nesting deeper than the reader accepts, which only a hostile or broken file has.
    case tooDeep(at: YAMLPosition)

    public var description: String {
        switch self {
        case .syntax(let problem, let context, let at):
            "\(at): \(problem)" + (context.map { " (\($0))" } ?? "")
        case .complexKey(let at): "\(at): a mapping key must be a plain value"
        case .duplicateKey(let key, let at): "\(at): the key '\(key)' appears twice in one mapping"
        case .alias(let at): "\(at): aliases are not supported"
        case .multipleDocuments(let at): "\(at): only one document is allowed"
        case .empty: "the document is empty"
        case .tooDeep(let at): "\(at): nesting is too deep"
        }
    }
}
