import CYAML

/// Reads one YAML document into a tree of `YAMLNode`s with libyaml's event parser.
public enum YAMLReader {
    /// Deeper nesting is refused, so that a hostile file cannot exhaust the stack.
    public static let maximumDepth = 64

    public static func read(_ text: String) throws(YAMLError) -> YAMLNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            // Only a failed allocation makes initialisation fail.
            fatalError("libyaml could not allocate a parser")
        }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(YAMLError) -> YAMLNode in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = Builder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw YAMLError.syntax(
                        problem: parser.problem.map { String(cString: $0) } ?? "unreadable YAML",
                        context: parser.context.map { String(cString: $0) },
                        at: position(parser.problem_mark))
                }
                defer { yaml_event_delete(&event) }
                if try builder.take(&event) { break }
            }
            guard let root = builder.root else { throw YAMLError.empty }
            return root
        }
    }

    static func position(_ mark: yaml_mark_t) -> YAMLPosition {
        YAMLPosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// Turns the event stream into nodes; one open collection per level of nesting.
    private struct Builder {
        enum Open {
            case sequence([YAMLNode], YAMLPosition)
            case mapping([(key: String, value: YAMLNode)], pendingKey: (String, YAMLPosition)?, YAMLPosition)
        }

        var stack: [Open] = []
        var root: YAMLNode?
        var documents = 0

        /// Returns true at the end of the stream.
        mutating func take(_ event: inout yaml_event_t) throws(YAMLError) -> Bool {
            let at = YAMLReader.position(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return true
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { throw YAMLError.multipleDocuments(at: at) }
            case YAML_ALIAS_EVENT:
                throw YAMLError.alias(at: at)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                try add(.scalar(text, at), isScalar: true)
            case YAML_SEQUENCE_START_EVENT:
                try open(.sequence([], at), at: at)
            case YAML_MAPPING_START_EVENT:
                try open(.mapping([], pendingKey: nil, at), at: at)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let closed = stack.removeLast()
                switch closed {
                case .sequence(let items, let start): try add(.sequence(items, start), isScalar: false)
                case .mapping(let entries, _, let start): try add(.mapping(entries, start), isScalar: false)
                }
            default:
                break
            }
            return false
        }

        mutating func open(_ collection: Open, at: YAMLPosition) throws(YAMLError) {
            if case .mapping(_, pendingKey: nil, _)? = stack.last { throw YAMLError.complexKey(at: at) }
            guard stack.count < YAMLReader.maximumDepth else { throw YAMLError.tooDeep(at: at) }
            stack.append(collection)
        }

        mutating func add(_ node: YAMLNode, isScalar: Bool) throws(YAMLError) {
            guard let top = stack.popLast() else {
                root = node
                return
            }
            switch top {
            case .sequence(var items, let start):
                items.append(node)
                stack.append(.sequence(items, start))
            case .mapping(var entries, let pendingKey, let start):
                if let (key, _) = pendingKey {
                    entries.append((key, node))
                    stack.append(.mapping(entries, pendingKey: nil, start))
                } else {
                    guard isScalar, case .scalar(let key, let keyAt) = node else {
                        throw YAMLError.complexKey(at: node.position)
                    }
                    if entries.contains(where: { $0.key == key }) { throw YAMLError.duplicateKey(key, at: keyAt) }
                    stack.append(.mapping(entries, pendingKey: (key, keyAt), start))
                }
            }
        }
    }
}
