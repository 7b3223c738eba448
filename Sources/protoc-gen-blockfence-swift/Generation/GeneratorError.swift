/// Why the plugin could not generate a file. protoc prints the description and fails the run.
enum GeneratorError: Error, CustomStringConvertible {
    case unreadableRequest(String)
    case unknownType(protoName: String, referencedBy: String)
    case unsupportedField(field: String, reason: String)
    case unsupportedMethod(method: String, reason: String)
    case unknownParameter(String)

    var description: String {
        switch self {
        case .unreadableRequest(let reason): "the request from protoc could not be decoded: \(reason)"
        case .unknownType(let protoName, let user): "\(user) refers to \(protoName), which no imported file defines"
        case .unsupportedField(let field, let reason): "field \(field) cannot be generated: \(reason)"
        case .unsupportedMethod(let method, let reason): "method \(method) cannot be generated: \(reason)"
        case .unknownParameter(let parameter):
            "unknown plugin parameter '\(parameter)'; the only one is imports=Module+Module"
        }
    }
}
