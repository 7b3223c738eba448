import BlockfenceBase
import Glibc
import NBDServer

/// A scratch directory removed when the test ends.
final class ScratchDirectory {
    let path: String

    init() {
        var template = Array("/tmp/blockfence-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit {
        if let directory = opendir(path) {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(directory)
        }
        rmdir(path)
    }
}

/// An in-process NBD server on a loopback port chosen by the kernel.
final class TestServer {
    let server: NBDServer
    let port: UInt16

    init(exports: [FileExport], configuration: ServerConfiguration = ServerConfiguration()) throws {
        server = NBDServer(
            catalog: ExportCatalog(exports), configuration: configuration, logger: Logger(scope: "test", level: .error))
        guard case .tcp(_, let port) = try server.listen(on: .tcp(host: "127.0.0.1", port: 0)) else {
            fatalError("a TCP listen must bind a TCP address")
        }
        self.port = port
    }

    deinit {
        server.stop(timeoutMilliseconds: 5_000)
    }
}
