import BlockfenceBase
import Glibc
import NBDServer

/// `blockfence nbd`: a standalone NBD server for plain files and block devices.
enum NBDCommand {
    static let help = """
        Usage: blockfence nbd [--listen ADDR]... --export NAME=PATH [--size SIZE] [--read-only]
                              [--description TEXT] [--export ...] [options]

        Serves files or block devices over the Network Block Device protocol to any NBD client:
        nbdinfo, nbdcopy, qemu-img, qemu-io, fio, nbd-client and the Linux kernel.

        Exports:
          --export NAME=PATH    Serve PATH as the export NAME. Repeat for more exports; the first
                                one is also the default export (an empty name selects it).
          --size SIZE           Size of the export named just before. A missing file is created
                                sparse with this size; an existing one must already have it.
                                Given before any --export, it applies to every export.
                                Units (any case): B, KiB, MiB, GiB, TiB, PiB (or K, M, G, T,
                                P); decimal kB, MB, GB, TB, PB.
          --read-only           Serve the export named just before (or every export, when given
                                first) read-only: writes, trims and zeroing get EPERM.
          --description TEXT    A description shown by NBD_OPT_LIST and NBD_INFO_DESCRIPTION,
                                for the export named just before (or every export, when given
                                first).

        Network:
          --listen ADDR         host:port, [ipv6]:port or unix:/path; :port alone listens on
                                every interface. Repeat to listen on several.
                                Default: 127.0.0.1:10809.
          --handshake-timeout SECONDS
                                Time a client has to finish negotiating (default 10).
          --max-connections N   Connections served at once (default 256).
          --max-handshakes N    Connections still negotiating at once (default 64).
          --no-structured-replies
                                Refuse NBD_OPT_STRUCTURED_REPLY so every reply is a simple one
                                (for comparing with servers that lack structured replies).

        Other:
          --log-level LEVEL     trace, debug, info, warning or error (default info; or
                                BLOCKFENCE_LOG_LEVEL).
          -h, --help            Show this help.

        Examples:
          blockfence nbd --export disk=/var/lib/disk.img --size 10GiB
          blockfence nbd --listen unix:/run/nbd.sock --export iso=/srv/debian.iso --read-only
          nbdinfo nbd://127.0.0.1:10809/disk

        Stops cleanly on Ctrl-C or SIGTERM: replies owed to clients are sent first.
        """

    static let valued: Set<String> = LoggingOptions.valued.union([
        "--listen", "--export", "--size", "--description", "--handshake-timeout", "--max-connections",
        "--max-handshakes",
    ])

    /// One `--export` and the per-export options that followed it.
    struct ExportSpecification {
        var name: String
        var path: String
        var sizeBytes: UInt64?
        var readOnly: Bool
        var description: String
    }

    static func run(_ words: [String]) throws -> Int32 {
        var arguments = try Arguments(words, valued: valued)
        if arguments.wantsHelp {
            Console.out(help)
            return 0
        }
        let exports = try parseExports(arguments.items)
        _ = arguments.values("--export")
        _ = arguments.values("--size")
        _ = arguments.values("--description")
        _ = arguments.flag("--read-only")
        let logger = try LoggingOptions.logger(&arguments, scope: "nbd")
        let listens = try arguments.values("--listen").map { text throws(UsageError) in
            do { return try ListenAddress.parse(text) } catch { throw UsageError("--listen: \(error)") }
        }
        var configuration = ServerConfiguration()
        if let text = try arguments.value("--handshake-timeout") {
            guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                throw UsageError("--handshake-timeout must be a number of seconds above 0 and at most 3600")
            }
            configuration.handshakeDeadlineMilliseconds = Int64(seconds * 1000)
        }
        if let text = try arguments.value("--max-connections") {
            guard let count = Int(text), count > 0, count <= 65_536 else {
                throw UsageError("--max-connections must be between 1 and 65536")
            }
            configuration.maximumConnections = count
        }
        if let text = try arguments.value("--max-handshakes") {
            guard let count = Int(text), count > 0, count <= 65_536 else {
                throw UsageError("--max-handshakes must be between 1 and 65536")
            }
            configuration.maximumPendingHandshakes = count
        }
        configuration.structuredRepliesEnabled = !arguments.flag("--no-structured-replies")
        try arguments.finish()
        guard !exports.isEmpty else { throw UsageError("give at least one --export NAME=PATH") }

        var opened: [FileExport] = []
        for export in exports {
            do {
                let file = try FileExport.open(
                    name: export.name, path: export.path, sizeBytes: export.sizeBytes, readOnly: export.readOnly,
                    description: export.description)
                logger.info(
                    "Export ready.",
                    [
                        "export": file.name, "path": file.path, "size": ByteSize.format(file.sizeBytes),
                        "read_only": file.readOnly,
                    ])
                opened.append(file)
            } catch {
                removeCreatedFiles(opened)
                throw RuntimeError(error.description)
            }
        }
        let server = NBDServer(catalog: ExportCatalog(opened), configuration: configuration, logger: logger)
        for address in listens.isEmpty ? [.tcp(host: "127.0.0.1", port: 10809)] : listens {
            do {
                try server.listen(on: address)
            } catch {
                server.stop(timeoutMilliseconds: 0)
                removeCreatedFiles(opened)
                throw RuntimeError("cannot listen on \(address): \(error)")
            }
        }
        let signal = TerminationSignals.wait()
        logger.info("Stopping.", ["signal": TerminationSignals.name(signal)])
        server.stop()
        logger.info("Stopped.")
        return 0
    }

    /// A command that fails to start leaves no new files behind.
    static func removeCreatedFiles(_ exports: [FileExport]) {
        for export in exports where export.createdFile { unlink(export.path) }
    }

    /// Reads `--export` and the options that belong to it, in command-line order.
    static func parseExports(_ items: [Arguments.Item]) throws(UsageError) -> [ExportSpecification] {
        var exports: [ExportSpecification] = []
        var defaultSize: UInt64?
        var defaultReadOnly = false
        var defaultDescription = ""
        var defaultDescriptionGiven = false
        var explicitSize: Set<Int> = []
        var explicitReadOnly: Set<Int> = []
        var explicitDescription: Set<Int> = []
        for item in items {
            switch item {
            case .option("--export", let value):
                guard let equals = value.firstIndex(of: "=") else {
                    throw UsageError("--export needs NAME=PATH, got '\(value)'")
                }
                let name = String(value[..<equals])
                let path = String(value[value.index(after: equals)...])
                guard !name.isEmpty, name.utf8.count <= 4096, !name.contains("\0") else {
                    throw UsageError("--export needs a non-empty NAME of at most 4096 bytes")
                }
                guard !path.isEmpty else { throw UsageError("--export \(name)= needs a PATH") }
                guard !exports.contains(where: { $0.name == name }) else {
                    throw UsageError("export '\(name)' is given twice")
                }
                exports.append(
                    ExportSpecification(name: name, path: path, sizeBytes: nil, readOnly: false, description: ""))
            case .option("--size", let value):
                let size: UInt64
                do { size = try ByteSize.parse(value) } catch { throw UsageError("--size: \(error)") }
                if exports.isEmpty {
                    defaultSize = size
                } else {
                    guard explicitSize.insert(exports.count - 1).inserted else {
                        throw UsageError("--size is given twice for export '\(exports[exports.count - 1].name)'")
                    }
                    exports[exports.count - 1].sizeBytes = size
                }
            case .flag("--read-only"):
                if exports.isEmpty {
                    defaultReadOnly = true
                } else {
                    explicitReadOnly.insert(exports.count - 1)
                    exports[exports.count - 1].readOnly = true
                }
            case .option("--description", let value):
                if exports.isEmpty {
                    guard !defaultDescriptionGiven else {
                        throw UsageError("--description is given twice before the first --export")
                    }
                    defaultDescriptionGiven = true
                    defaultDescription = value
                } else {
                    guard explicitDescription.insert(exports.count - 1).inserted else {
                        throw UsageError(
                            "--description is given twice for export '\(exports[exports.count - 1].name)'")
                    }
                    exports[exports.count - 1].description = value
                }
            default:
                break
            }
        }
        for index in exports.indices {
            if !explicitSize.contains(index) { exports[index].sizeBytes = defaultSize }
            if !explicitReadOnly.contains(index) { exports[index].readOnly = defaultReadOnly }
            if !explicitDescription.contains(index) { exports[index].description = defaultDescription }
        }
        return exports
    }
}
