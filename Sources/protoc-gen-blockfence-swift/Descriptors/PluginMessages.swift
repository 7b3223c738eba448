import ProtocolBuffers

// The messages of google/protobuf/compiler/plugin.proto that protoc and a plugin exchange over
// standard input and output, written by hand for the same reason as the descriptor types.

/// CodeGeneratorRequest: the files to generate and every file they import, in dependency order.
struct GeneratorRequest: Message {
    static let protoMessageName = "google.protobuf.compiler.CodeGeneratorRequest"
    var filesToGenerate: [String] = []
    /// What follows `--blockfence-swift_opt=` on protoc's command line.
    var parameter = ""
    var protoFiles: [FileDescriptor] = []
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1: try decoder.decodeRepeated(ProtobufString.self, tag, into: &filesToGenerate)
        case 2: try decoder.decodeSingular(ProtobufString.self, tag, into: &parameter)
        case 15: try decoder.decodeRepeated(ProtobufMessageField<FileDescriptor>.self, tag, into: &protoFiles)
        default: false
        }
    }

    func encodeFields(to encoder: inout WireEncoder) {}
}

/// CodeGeneratorResponse: generated files, or an error protoc shows to the user.
struct GeneratorResponse: Message {
    static let protoMessageName = "google.protobuf.compiler.CodeGeneratorResponse"
    /// Feature bit 1 (FEATURE_PROTO3_OPTIONAL): this plugin understands proto3 `optional`.
    static let supportsProto3Optional: UInt64 = 1

    var error: String?
    var supportedFeatures: UInt64 = supportsProto3Optional
    var files: [GeneratedFile] = []
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        false
    }

    func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeOptional(ProtobufString.self, error, number: 1)
        encoder.encodeImplicit(ProtobufUInt64.self, supportedFeatures, number: 2)
        encoder.encodeRepeated(ProtobufMessageField<GeneratedFile>.self, files, number: 15)
    }
}

/// CodeGeneratorResponse.File.
struct GeneratedFile: Message {
    static let protoMessageName = "google.protobuf.compiler.CodeGeneratorResponse.File"
    var name = ""
    var content = ""
    var unknownFields = UnknownFields()

    mutating func decodeField(_ tag: FieldTag, from decoder: inout WireDecoder) throws(DecodingError) -> Bool {
        false
    }

    func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeSingular(ProtobufString.self, name, number: 1)
        encoder.encodeSingular(ProtobufString.self, content, number: 15)
    }
}
