import ProtocolBuffers
import Testing

@testable import protoc_gen_blockfence_swift

@Suite struct FileGeneratorTests {
    static func file(_ build: (inout FileDescriptor) -> Void) -> FileDescriptor {
        var file = FileDescriptor()
        file.name = "test/sample.proto"
        file.package = "sample.v1"
        file.syntax = "proto3"
        build(&file)
        return file
    }

    static func message(_ name: String, fields: [FieldDescriptor] = []) -> MessageDescriptor {
        var message = MessageDescriptor()
        message.name = name
        message.fields = fields
        return message
    }

    static func field(
        _ name: String, _ number: Int32, _ type: FieldType, label: FieldLabel = .optional, typeName: String = ""
    ) -> FieldDescriptor {
        var field = FieldDescriptor()
        field.name = name
        field.number = number
        field.type = type
        field.label = label
        field.typeName = typeName
        return field
    }

    func generate(_ file: FileDescriptor, parameter: String = "") throws -> [GeneratedFile] {
        try FileGenerator(
            file: file, types: TypeTable(files: [file]), options: try GeneratorOptions(parameter: parameter)
        ).generate()
    }

    @Test func messagesGoToPbSwiftAndServicesToRpcSwift() throws {
        let file = Self.file { file in
            file.messages = [Self.message("Ping", fields: [Self.field("text", 1, .string)])]
            var method = MethodDescriptor()
            method.name = "Send"
            method.inputType = ".sample.v1.Ping"
            method.outputType = ".sample.v1.Ping"
            var service = ServiceDescriptor()
            service.name = "Pinger"
            service.methods = [method]
            file.services = [service]
        }
        let generated = try generate(file)
        #expect(generated.map(\.name) == ["test/sample.pb.swift", "test/sample.rpc.swift"])
        #expect(generated[0].content.contains("public struct Sample_V1_Ping: Message {"))
        #expect(generated[0].content.contains("import ProtocolBuffers"))
        #expect(!generated[0].content.contains("import RPC"))
        #expect(generated[1].content.contains("public protocol Sample_V1_PingerService: RPCService {"))
        #expect(generated[1].content.contains("\"/sample.v1.Pinger/Send\""))
    }

    @Test func parametersChooseTheImports() throws {
        let file = Self.file { $0.messages = [Self.message("Ping")] }
        let generated = try generate(file, parameter: "runtime=,imports=Extra+More")
        #expect(!generated[0].content.contains("import ProtocolBuffers"))
        #expect(generated[0].content.contains("import Extra\nimport More"))
    }

    @Test func unknownParametersAreRefused() {
        #expect(throws: GeneratorError.self) { try GeneratorOptions(parameter: "visibility=internal") }
    }

    @Test func clientStreamingMethodsAreRefusedByName() throws {
        let file = Self.file { file in
            file.messages = [Self.message("Ping")]
            var method = MethodDescriptor()
            method.name = "Upload"
            method.inputType = ".sample.v1.Ping"
            method.outputType = ".sample.v1.Ping"
            method.clientStreaming = true
            var service = ServiceDescriptor()
            service.name = "Pinger"
            service.methods = [method]
            file.services = [service]
        }
        #expect {
            try generate(file)
        } throws: { error in
            "\(error)".contains("sample.v1.Pinger.Upload") && "\(error)".contains("client-streaming")
        }
    }

    @Test func groupsAreRefused() {
        let file = Self.file { file in
            file.syntax = ""
            file.messages = [Self.message("Old", fields: [Self.field("data", 1, .group, typeName: ".sample.v1.Old")])]
        }
        #expect(throws: GeneratorError.self) { try generate(file) }
    }

    @Test func unknownTypesNameTheField() {
        let file = Self.file { file in
            file.messages = [Self.message("Ping", fields: [Self.field("other", 1, .message, typeName: ".x.Missing")])]
        }
        #expect {
            try generate(file)
        } throws: { error in
            "\(error)" == "sample.v1.Ping.other refers to .x.Missing, which no imported file defines"
        }
    }

    @Test func proto2ScalarsGetPresence() throws {
        let file = Self.file { file in
            file.syntax = ""
            file.messages = [Self.message("Old", fields: [Self.field("count", 1, .int32)])]
        }
        let content = try generate(file)[0].content
        #expect(content.contains("public var count: Int32?"))
    }

    @Test func everyGeneratedLineFitsTheWidth() throws {
        let file = Self.file { file in
            file.messages = [
                Self.message(
                    "AVeryLongMessageNameThatKeepsGoingAndGoingToForceWrapping",
                    fields: [
                        Self.field(
                            "an_equally_long_field_name_for_the_same_purpose", 1, .message, label: .repeated,
                            typeName: ".sample.v1.AVeryLongMessageNameThatKeepsGoingAndGoingToForceWrapping")
                    ])
            ]
        }
        let content = try generate(file)[0].content
        let tooWide = content.split(separator: "\n").filter { $0.count > CodeWriter.maximumWidth }
        #expect(tooWide.isEmpty, "\(tooWide)")
    }
}
