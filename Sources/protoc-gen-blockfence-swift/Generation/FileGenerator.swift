/// Turns one .proto file into `NAME.pb.swift` (messages, enums, extensions) and, when it declares
/// services, `NAME.rpc.swift`, which alone needs the RPC module.
struct FileGenerator {
    let file: FileDescriptor
    let types: TypeTable
    let options: GeneratorOptions

    func generate() throws(GeneratorError) -> [GeneratedFile] {
        let stem = file.name.hasSuffix(".proto") ? String(file.name.dropLast(6)) : file.name
        let prefix = SwiftNames.packagePrefix(file.package, swiftPrefix: file.options.swiftPrefix)
        let isProto3 = file.syntax == "proto3"
        let scope = file.package.isEmpty ? "" : file.package + "."

        var messages = header(imports: options.runtimeModules)
        for enumeration in file.enums {
            messages.line()
            EnumGenerator(
                descriptor: enumeration, swiftName: prefix + SwiftNames.upperCamel(enumeration.name),
                protoName: scope + enumeration.name
            ).write(to: &messages)
        }
        for message in file.messages {
            messages.line()
            try MessageGenerator(
                descriptor: message, swiftName: prefix + SwiftNames.upperCamel(message.name),
                protoName: scope + message.name, isProto3: isProto3, types: types
            ).write(to: &messages)
        }
        let extensions = ExtensionGenerator(file: file, prefix: prefix, types: types)
        if !extensions.isEmpty {
            messages.line()
            try extensions.write(to: &messages)
        }
        var generated = [GeneratedFile(name: stem + ".pb.swift", content: messages.text)]

        guard !file.services.isEmpty else { return generated }
        var services = header(imports: options.runtimeModules + options.rpcModules)
        for service in file.services {
            services.line()
            try ServiceGenerator(descriptor: service, package: file.package, prefix: prefix, types: types)
                .write(to: &services)
        }
        generated.append(GeneratedFile(name: stem + ".rpc.swift", content: services.text))
        return generated
    }

    private func header(imports: [String]) -> CodeWriter {
        var writer = CodeWriter()
        writer.line("// Generated from \(file.name) by protoc-gen-blockfence-swift. Edit the .proto file and run")
        writer.line("// scripts/generate-protos instead of changing this file.")
        let modules = (imports + options.extraModules).sorted()
        if !modules.isEmpty { writer.line() }
        for module in modules { writer.line("import \(module)") }
        return writer
    }
}

extension GeneratedFile {
    init(name: String, content: String) {
        self.init()
        self.name = name
        self.content = content
    }
}
