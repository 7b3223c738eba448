import BlockfenceBase
import Foundation
import Glibc
import Testing

@testable import CSIPlugin

/// What the plugin does with whatever it finds at its socket path before listening.
struct PluginServerTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("csi-socket-\(UUID().uuidString)").path
    let logger = Logger(scope: "test", level: .error)

    init() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func server(at path: String) throws -> PluginServer {
        try PluginServer(socketPath: path, services: [], logger: logger)
    }

    @Test func aRegularFileAtTheSocketPathIsRefusedAndKept() throws {
        let path = root + "/csi.sock"
        try Data("data".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: PluginStartError.self) { try server(at: path).start() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("data".utf8))
    }

    @Test func aDirectoryAtTheSocketPathIsRefusedAndKept() throws {
        let path = root + "/csi.sock"
        try FileManager.default.createDirectory(atPath: path + "/inner", withIntermediateDirectories: true)
        try Data("data".utf8).write(to: URL(fileURLWithPath: path + "/inner/file"))
        #expect(throws: PluginStartError.self) { try server(at: path).start() }
        #expect(FileManager.default.fileExists(atPath: path + "/inner/file"))
    }

    @Test func aLinkAtTheSocketPathIsRefusedAndKept() throws {
        let path = root + "/csi.sock"
        try Data("data".utf8).write(to: URL(fileURLWithPath: root + "/target"))
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: root + "/target")
        #expect(throws: PluginStartError.self) { try server(at: path).start() }
        #expect(FileManager.default.fileExists(atPath: root + "/target"))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == root + "/target")
    }

    @Test func aStaleSocketIsReplaced() throws {
        let path = root + "/csi.sock"
        let first = try server(at: path)
        try first.start()
        first.stop(gracePeriod: .zero)
        // A killed plugin leaves its socket file behind; nobody listens on it any more.
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        let second = try server(at: path)
        try second.start()
        second.stop(gracePeriod: .zero)
    }
}
