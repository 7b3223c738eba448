import BlockfenceBase
import Glibc
import NBDProtocol
import NBDServer
import Testing

@testable import NBDKernel

/// The client handshake against blockfence's own NBD server, over TCP and a Unix socket: what the
/// kernel is handed must be a socket that finished NBD_OPT_GO, with the export's size and flags.
@Suite(.serialized)
struct NBDClientHandshakeTests {
    final class Served {
        let directory: String
        let server: NBDServer
        let tcp: ListenAddress
        let unix: ListenAddress

        init() throws {
            var template = Array("/tmp/blockfence-kernel-test-XXXXXX".utf8CString)
            directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
            let export = try FileExport.open(
                name: "disk", path: directory + "/disk.img", sizeBytes: 8 << 20, readOnly: false)
            server = NBDServer(
                catalog: ExportCatalog([export]), configuration: ServerConfiguration(),
                logger: Logger(scope: "test", level: .error))
            tcp = try server.listen(on: .tcp(host: "127.0.0.1", port: 0))
            unix = try server.listen(on: .unix(path: directory + "/nbd.sock"))
        }

        deinit {
            server.stop(timeoutMilliseconds: 5_000)
            unlink(directory + "/disk.img")
            unlink(directory + "/nbd.sock")
            rmdir(directory)
        }
    }

    @Test("NBD_OPT_GO over TCP and a Unix socket yields the export's size and flags")
    func negotiatesOverBothSockets() throws {
        let served = try Served()
        for address in [served.tcp, served.unix] {
            let connection = try NBDClientConnection.open(
                NBDTarget(address: address, exportName: "disk"), timeoutMilliseconds: 5_000)
            defer { connection.closeDescriptor() }
            #expect(connection.export.sizeBytes == 8 << 20)
            #expect(connection.export.flags.isSuperset(of: [.hasFlags, .sendFlush, .sendFUA]))
            #expect(!connection.export.flags.contains(.readOnly))
            #expect(connection.export.preferredBlockBytes == 4096)
            // The socket is in the transmission phase: a FLUSH is answered without an error.
            var request = WireWriter()
            request.append(NBDMagic.request)
            request.append(UInt16(0))
            request.append(CommandType.flush.rawValue)
            request.append(UInt64(7))
            request.append(UInt64(0))
            request.append(UInt32(0))
            let sent = request.bytes.withUnsafeBytes { send(connection.descriptor, $0.baseAddress, $0.count, 0) }
            #expect(sent == NBDWireSize.requestHeader)
            var reply = [UInt8](repeating: 0, count: NBDWireSize.simpleReplyHeader)
            let received = reply.withUnsafeMutableBytes {
                recv(connection.descriptor, $0.baseAddress, $0.count, Int32(MSG_WAITALL))
            }
            #expect(received == NBDWireSize.simpleReplyHeader)
            var reader = WireReader(reply)
            #expect(reader.readUInt32() == NBDMagic.simpleReply)
            #expect(reader.readUInt32() == 0)
            #expect(reader.readUInt64() == 7)
        }
    }

    @Test("An unknown export is refused with the server's reason")
    func refusesUnknownExports() throws {
        let served = try Served()
        let target = NBDTarget(address: served.tcp, exportName: "missing")
        #expect {
            try NBDClientConnection.open(target, timeoutMilliseconds: 5_000)
        } throws: { error in
            guard case NBDKernelError.negotiation(_, .refused(let type, _))? = error as? NBDKernelError else {
                return false
            }
            return type == OptionReplyType.errorUnknownExport
        }
    }

    @Test("A port without a server fails to connect, naming the address")
    func reportsRefusedConnections() throws {
        let port: UInt16
        do {
            let served = try Served()
            guard case .tcp(_, let bound) = served.tcp else { return }
            port = bound
        }
        let target = NBDTarget(address: .tcp(host: "127.0.0.1", port: port), exportName: "disk")
        #expect {
            try NBDClientConnection.open(target, timeoutMilliseconds: 5_000)
        } throws: { error in
            guard case NBDKernelError.system(let failure)? = error as? NBDKernelError else { return false }
            return failure.call == "connect" && failure.errno == ECONNREFUSED
        }
    }

    static let blockSizes: [(UInt32?, UInt64)] = [
        (nil, 512), (1, 512), (512, 512), (1024, 1024), (4096, 4096), (65536, 4096),
    ]

    @Test("The device's block size is 512 unless the server needs more, at most a page", arguments: blockSizes)
    func choosesBlockSizes(minimum: UInt32?, expected: UInt64) {
        let export = ServedExport(sizeBytes: 1 << 20, flags: [.hasFlags], minimumBlockBytes: minimum)
        #expect(NBDDeviceSupervisor.blockSize(for: export) == expected)
    }
}
