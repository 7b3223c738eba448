/// The plugin's parameters, given to protoc as `--blockfence-swift_opt=key=value,key=value`.
///
/// - `runtime=ProtocolBuffers`: the module with the protobuf runtime; empty when generating into
///   that module itself.
/// - `rpc=RPC`: the module with the gRPC layer, imported by service files; empty inside it.
/// - `imports=A+B`: further modules every generated file imports, for types defined elsewhere.
struct GeneratorOptions {
    var runtimeModules = ["ProtocolBuffers"]
    var rpcModules = ["RPC"]
    var extraModules: [String] = []

    init(parameter: String) throws(GeneratorError) {
        for pair in parameter.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].trimmingCharacters()
            let modules = parts.count > 1 ? parts[1].split(separator: "+").map(String.init) : []
            switch key {
            case "runtime": runtimeModules = modules
            case "rpc": rpcModules = modules
            case "imports": extraModules = modules
            default: throw .unknownParameter(String(pair))
            }
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
