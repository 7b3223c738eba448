import BlockfenceBase
import Glibc
import NBDServer

/// `blockfence up`: the local product in one command, for trying it out.
enum UpCommand {
    static let help = """
        Usage: blockfence up [--data-dir DIR] [--port PORT] [--log-level LEVEL]

        Starts blockfence on this machine, on loopback only, with one export named 'demo'
        (1 GiB, sparse: it takes disk space only as it is written). Prints how to reach it and
        runs until Ctrl-C or SIGTERM, then stops cleanly. Data stays in the data directory and
        is served again by the next 'blockfence up'.

        Options:
          --data-dir DIR      Where the data lives (default: $BLOCKFENCE_DATA_DIR, else
                              $XDG_DATA_HOME/blockfence, else ~/.local/share/blockfence).
          --port PORT         TCP port on 127.0.0.1 (default 10809, the NBD port).
          --log-level LEVEL   trace, debug, info, warning or error (default info).
          -h, --help          Show this help.
        """

    static let demoSizeBytes: UInt64 = 1 << 30

    static func run(_ words: [String]) throws -> Int32 {
        var arguments = try Arguments(words, valued: LoggingOptions.valued.union(["--data-dir", "--port"]))
        if arguments.wantsHelp {
            Console.out(help)
            return 0
        }
        let logger = try LoggingOptions.logger(&arguments, scope: "up")
        let dataDirectory = try arguments.value("--data-dir") ?? defaultDataDirectory()
        let portText = try arguments.value("--port") ?? "10809"
        guard let port = UInt16(portText) else { throw UsageError("--port must be a number between 0 and 65535") }
        try arguments.finish()

        let exportsDirectory = dataDirectory + "/exports"
        try makeDirectories(exportsDirectory)
        let imagePath = exportsDirectory + "/demo.img"
        let export: FileExport
        do {
            let exists = access(imagePath, F_OK) == 0
            export = try FileExport.open(
                name: "demo", path: imagePath, sizeBytes: exists ? nil : demoSizeBytes, readOnly: false,
                description: "blockfence demo volume")
        } catch {
            throw RuntimeError(error.description)
        }

        let server = NBDServer(catalog: ExportCatalog([export]), logger: logger.scoped("nbd"))
        let bound: ListenAddress
        do {
            bound = try server.listen(on: .tcp(host: "127.0.0.1", port: port))
        } catch {
            NBDCommand.removeCreatedFiles([export])
            throw RuntimeError("cannot listen on 127.0.0.1:\(port): \(error); is another server using it? Try --port")
        }
        guard case .tcp(_, let boundPort) = bound else { return 1 }
        let uri = "nbd://127.0.0.1:\(boundPort)/demo"
        Console.out(
            """
            blockfence is up.

              export   demo, \(ByteSize.format(export.sizeBytes)), at \(uri)
              data     \(imagePath)

            Try it from another terminal:
              nbdinfo \(uri)
              qemu-io -f raw -c 'write -P 0xab 0 1M' -c 'read -P 0xab 0 1M' \(uri)
              nbdcopy /etc/os-release \(uri)
              nbd-client 127.0.0.1 \(boundPort) /dev/nbd0 -N demo    (needs the nbd kernel module)

            Stop with Ctrl-C.
            """)
        let signal = TerminationSignals.wait()
        logger.info("Stopping.", ["signal": TerminationSignals.name(signal)])
        server.stop()
        Console.out("blockfence stopped; data kept in \(dataDirectory).")
        return 0
    }

    static func defaultDataDirectory() -> String {
        if let directory = Environment.value("BLOCKFENCE_DATA_DIR") { return directory }
        if let directory = Environment.value("XDG_DATA_HOME") { return directory + "/blockfence" }
        return (Environment.value("HOME") ?? ".") + "/.local/share/blockfence"
    }

    /// mkdir -p.
    static func makeDirectories(_ path: String) throws(RuntimeError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw RuntimeError("cannot create directory \(current): \(SystemError.last("mkdir"))")
            }
        }
    }
}
