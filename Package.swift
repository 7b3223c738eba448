// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error)
]

let package = Package(
    name: "blockfence",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "blockfence", targets: ["blockfence"])
    ],
    targets: [
        // Linux system calls and constants that Swift cannot import directly (macros, variadic calls).
        .target(name: "CShims", path: "Sources/CShims"),

        // Logging, sizes, addresses, system errors and signals shared by every layer.
        .target(name: "BlockfenceBase", dependencies: ["CShims"], swiftSettings: strict),

        // The NBD wire format: constants, handshake and transmission messages. No I/O.
        .target(name: "NBDProtocol", swiftSettings: strict),

        // Sockets, the handshake and transmission phases, and file-backed exports.
        .target(name: "NBDServer", dependencies: ["NBDProtocol", "BlockfenceBase", "CShims"], swiftSettings: strict),

        // The one executable with its subcommands.
        .executableTarget(
            name: "blockfence", dependencies: ["NBDServer", "BlockfenceBase"], swiftSettings: strict),

        .testTarget(name: "BlockfenceBaseTests", dependencies: ["BlockfenceBase"], swiftSettings: strict),
        .testTarget(name: "NBDProtocolTests", dependencies: ["NBDProtocol"], swiftSettings: strict),
        .testTarget(
            name: "NBDServerTests", dependencies: ["NBDServer", "NBDProtocol", "BlockfenceBase"],
            swiftSettings: strict),
    ]
)
