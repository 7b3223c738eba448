// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error)
]

let package = Package(
    name: "blockfence",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "blockfence", targets: ["blockfence"]),
        .executable(name: "protoc-gen-blockfence-swift", targets: ["protoc-gen-blockfence-swift"]),
    ],
    targets: [
        // Linux system calls and constants that Swift cannot import directly (macros, variadic calls).
        .target(name: "CShims", path: "Sources/CShims"),

        // Logging, sizes, addresses, system errors and signals shared by every layer.
        .target(name: "BlockfenceBase", dependencies: ["CShims"], swiftSettings: strict),

        // The NBD wire format: constants, handshake and transmission messages. No I/O.
        .target(name: "NBDProtocol", swiftSettings: strict),

        // Sockets, the handshake and transmission phases, and file-backed exports.
        .target(
            name: "NBDServer",
            dependencies: ["NBDProtocol", "ReplicationProtocol", "ControlAPI", "RPC", "BlockfenceBase", "CShims"],
            swiftSettings: strict),

        // The gRPC C core (Debian's libgrpc-dev) with shims for the macros and unions Swift cannot use.
        .systemLibrary(name: "CGRPC", path: "Sources/CGRPC"),

        // Protocol Buffers: the wire codec, the message protocol and the well-known types. No I/O.
        .target(name: "ProtocolBuffers", swiftSettings: strict),

        // The protoc plugin that turns Protos/*.proto into Swift messages, enums and gRPC services.
        .executableTarget(
            name: "protoc-gen-blockfence-swift", dependencies: ["ProtocolBuffers"], swiftSettings: strict),

        // gRPC servers and clients over the C core, and the health service. Only layer importing CGRPC.
        .target(name: "RPC", dependencies: ["CGRPC", "ProtocolBuffers", "BlockfenceBase"], swiftSettings: strict),

        // The services and messages of Protos/test, used by the tests, the interop suite and the benchmark.
        .target(name: "RPCTestServices", dependencies: ["RPC", "ProtocolBuffers"], swiftSettings: strict),

        // A small process the Python interop suite and the benchmark drive: a server, a client, a codec pipe.
        .executableTarget(
            name: "rpc-interop-peer", dependencies: ["RPCTestServices", "RPC", "ProtocolBuffers", "BlockfenceBase"],
            swiftSettings: strict),

        // The control API's messages, service protocols and clients, generated from Protos/blockfence/control.proto.
        .target(name: "ControlAPI", dependencies: ["RPC", "ProtocolBuffers"], swiftSettings: strict),

        // The Container Storage Interface's messages, service protocols and clients, generated from
        // Protos/csi/v1/csi.proto.
        .target(name: "CSIAPI", dependencies: ["RPC", "ProtocolBuffers"], swiftSettings: strict),

        // SQLite (Debian's libsqlite3-dev) for the control core's state.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),

        // libyaml (Debian's libyaml-dev) for scenario files.
        .systemLibrary(name: "CYAML", path: "Sources/CYAML"),

        // A YAML document reader over libyaml: scalars, sequences and mappings with their positions.
        .target(name: "YAML", dependencies: ["CYAML"], swiftSettings: strict),

        // The control core: state, the assignment publisher, leases, failover, and the control API.
        .target(
            name: "ControlCore",
            dependencies: ["ControlAPI", "RPC", "ProtocolBuffers", "CSQLite", "BlockfenceBase"],
            swiftSettings: strict),

        // The replication protocol between a volume's primary and its members: frames only, no I/O.
        .target(name: "ReplicationProtocol", swiftSettings: strict),

        // What the operator commands check and print: input rules, tables, JSON, and the one mapping
        // of their failures to messages and exit codes. No I/O, so that it is tested without a process.
        .target(name: "OperatorCLI", dependencies: ["ControlAPI", "RPC", "BlockfenceBase"], swiftSettings: strict),

        // The kernel's NBD client driven over generic netlink: attach a device to a volume's
        // primary, and keep it attached when the primary moves.
        .target(name: "NBDKernel", dependencies: ["NBDProtocol", "BlockfenceBase", "CShims"], swiftSettings: strict),

        // The CSI plugin: Identity, Controller and Node services for the kubelet and the CSI sidecars,
        // with the node's system actions (attach, format, mount) behind small protocols.
        .target(
            name: "CSIPlugin",
            dependencies: ["CSIAPI", "ControlAPI", "RPC", "ProtocolBuffers", "BlockfenceBase", "NBDKernel"],
            swiftSettings: strict),

        // Scenario files, the fault-injecting runner that plays them against real processes, and the
        // checks of its write log against the control core's assignment history.
        .target(
            name: "Scenarios",
            dependencies: ["YAML", "ControlAPI", "RPC", "NBDProtocol", "CSQLite", "BlockfenceBase", "CShims"],
            swiftSettings: strict),

        // The one executable with its subcommands.
        .executableTarget(
            name: "blockfence",
            dependencies: [
                "NBDServer", "NBDKernel", "ControlCore", "ControlAPI", "CSIPlugin", "OperatorCLI", "Scenarios", "RPC",
                "BlockfenceBase", "CShims",
            ],
            swiftSettings: strict),

        .testTarget(name: "BlockfenceBaseTests", dependencies: ["BlockfenceBase"], swiftSettings: strict),
        .testTarget(name: "NBDProtocolTests", dependencies: ["NBDProtocol"], swiftSettings: strict),
        .testTarget(
            name: "NBDKernelTests", dependencies: ["NBDKernel", "NBDProtocol", "NBDServer", "BlockfenceBase"],
            swiftSettings: strict),
        .testTarget(
            name: "NBDServerTests",
            dependencies: ["NBDServer", "NBDProtocol", "ReplicationProtocol", "ControlAPI", "RPC", "BlockfenceBase"],
            swiftSettings: strict),
        .testTarget(
            name: "ControlCoreTests", dependencies: ["ControlCore", "ControlAPI", "RPC", "BlockfenceBase"],
            swiftSettings: strict),
        .testTarget(
            name: "OperatorCLITests", dependencies: ["OperatorCLI", "ControlAPI", "RPC", "BlockfenceBase"],
            swiftSettings: strict),
        .testTarget(
            name: "CSIPluginTests",
            dependencies: ["CSIPlugin", "CSIAPI", "ControlAPI", "RPC", "BlockfenceBase", "NBDKernel"],
            swiftSettings: strict),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"], swiftSettings: strict),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "YAML"], swiftSettings: strict),
        .testTarget(name: "ReplicationProtocolTests", dependencies: ["ReplicationProtocol"], swiftSettings: strict),
        .testTarget(
            name: "ProtocolBuffersTests", dependencies: ["ProtocolBuffers", "RPCTestServices"], swiftSettings: strict),
        .testTarget(
            name: "ProtocGenBlockfenceSwiftTests", dependencies: ["protoc-gen-blockfence-swift", "ProtocolBuffers"],
            swiftSettings: strict),
        .testTarget(
            name: "RPCTests", dependencies: ["RPC", "RPCTestServices", "ProtocolBuffers", "BlockfenceBase"],
            swiftSettings: strict),
    ]
)
