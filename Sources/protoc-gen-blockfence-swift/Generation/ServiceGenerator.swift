/// Writes a gRPC service as a Swift protocol to implement on the server side and a client struct
/// to call it with. Unary and server-streaming methods are supported; the RPC layer has no
/// client-streaming calls, so such a method stops generation with an error instead of vanishing.
struct ServiceGenerator {
    let descriptor: ServiceDescriptor
    let package: String
    let prefix: String
    let types: TypeTable

    private struct Method {
        let protoName: String
        let swiftName: String
        let requestType: String
        let responseType: String
        let isServerStreaming: Bool
    }

    private var protoName: String { package.isEmpty ? descriptor.name : package + "." + descriptor.name }

    func write(to writer: inout CodeWriter) throws(GeneratorError) {
        var methods: [Method] = []
        for method in descriptor.methods {
            let user = protoName + "." + method.name
            guard !method.clientStreaming else {
                throw .unsupportedMethod(
                    method: user, reason: "client-streaming and bidirectional calls are not supported")
            }
            methods.append(
                Method(
                    protoName: method.name, swiftName: SwiftNames.memberName(SwiftNames.lowerCamel(method.name)),
                    requestType: try types.entry(method.inputType, referencedBy: user).swiftName,
                    responseType: try types.entry(method.outputType, referencedBy: user).swiftName,
                    isServerStreaming: method.serverStreaming))
        }
        let serviceName = prefix + SwiftNames.upperCamel(descriptor.name)
        writeServerProtocol(serviceName + "Service", methods: methods, to: &writer)
        writer.line()
        writeClient(serviceName + "Client", methods: methods, to: &writer)
    }

    private func writeServerProtocol(_ name: String, methods: [Method], to writer: inout CodeWriter) {
        writer.documentation(
            "Serves `\(protoName)` over gRPC. Implement the methods and register the value with an `RPCServer`;\n"
                + "a method throws `RPCError` to answer with a status code other than OK.")
        writer.block("public protocol \(name): RPCService {") { writer in
            for method in methods {
                writer.line("func \(method.swiftName)(")
                if method.isServerStreaming {
                    writer.line("    _ request: \(method.requestType),")
                    writer.line("    responses: ResponseWriter<\(method.responseType)>,")
                    writer.line("    context: ServerContext")
                    writer.line(") async throws")
                } else {
                    writer.line("    _ request: \(method.requestType), context: ServerContext")
                    writer.line(") async throws -> \(method.responseType)")
                }
            }
        }
        writer.line()
        writer.block("extension \(name) {") { writer in
            writer.block("public var serviceDefinition: ServiceDefinition {") { writer in
                writer.block("ServiceDefinition(", closing: ")") { writer in
                    writer.line("name: \(SwiftNames.stringLiteral(protoName)),")
                    writer.block("methods: [", closing: "]") { writer in
                        for method in methods { writeMethodDefinition(method, to: &writer) }
                    }
                }
            }
        }
    }

    private func writeMethodDefinition(_ method: Method, to writer: inout CodeWriter) {
        let literal = SwiftNames.stringLiteral(method.protoName)
        if method.isServerStreaming {
            writer.block(
                ".serverStreaming(\(literal)) { (request: \(method.requestType), responses, context) in",
                closing: "},"
            ) { writer in
                writer.line("try await self.\(method.swiftName)(request, responses: responses, context: context)")
            }
        } else {
            writer.block(".unary(\(literal)) { (request: \(method.requestType), context) in", closing: "},") { writer in
                writer.line("try await self.\(method.swiftName)(request, context: context)")
            }
        }
    }

    private func writeClient(_ name: String, methods: [Method], to writer: inout CodeWriter) {
        writer.documentation("Calls the gRPC service `\(protoName)` over an `RPCChannel`.")
        writer.block("public struct \(name): Sendable {") { writer in
            writer.line("public let channel: RPCChannel")
            writer.line()
            writer.block("public init(channel: RPCChannel) {") { writer in
                writer.line("self.channel = channel")
            }
            for method in methods {
                let path = SwiftNames.stringLiteral("/\(protoName)/\(method.protoName)")
                writer.line()
                writer.line("public func \(method.swiftName)(")
                writer.line("    _ request: \(method.requestType), options: CallOptions = CallOptions()")
                if method.isServerStreaming {
                    writer.block(") -> ServerStreamingCall<\(method.responseType)> {") { writer in
                        writer.line("channel.serverStreaming(path: \(path), request: request, options: options)")
                    }
                } else {
                    writer.block(") async throws(RPCError) -> \(method.responseType) {") { writer in
                        writer.line("try await channel.unary(path: \(path), request: request, options: options)")
                    }
                }
            }
        }
    }
}
