import Glibc
import ProtocolBuffers

// protoc runs this plugin with a CodeGeneratorRequest on standard input and reads a
// CodeGeneratorResponse from standard output. Errors travel inside the response so that protoc
// reports them with the file's name; the exit status stays 0 unless the response cannot be written.

/// Reads standard input to its end.
func readStandardInput() -> [UInt8] {
    var input: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        input.append(contentsOf: chunk[0..<count])
    }
    return input
}

func generate(_ input: [UInt8]) -> GeneratorResponse {
    var response = GeneratorResponse()
    do {
        let request: GeneratorRequest
        do {
            request = try GeneratorRequest(
                serializedBytes: input, limits: DecodingLimits(maximumMessageBytes: 256 << 20))
        } catch {
            throw GeneratorError.unreadableRequest(error.description)
        }
        let options = try GeneratorOptions(parameter: request.parameter)
        let types = TypeTable(files: request.protoFiles)
        for name in request.filesToGenerate {
            guard let file = request.protoFiles.first(where: { $0.name == name }) else { continue }
            response.files += try FileGenerator(file: file, types: types, options: options).generate()
        }
    } catch let error as GeneratorError {
        response.error = error.description
    } catch {
        response.error = "\(error)"
    }
    return response
}

let output = generate(readStandardInput()).serializedBytes()
var written = 0
while written < output.count {
    let count = output.withUnsafeBytes { write(1, $0.baseAddress! + written, output.count - written) }
    if count < 0 && errno == EINTR { continue }
    if count <= 0 { exit(1) }
    written += count
}
