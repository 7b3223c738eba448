import BlockfenceBase
import RPC
import RPCTestServices

/// `call`: makes echo, expand, health or unknown-method calls against a server and prints one
/// line per call, `result=ok …` or `result=error code=… message=…`, then a summary line.
enum CallCommand {
    struct Settings: Sendable {
        var method = "echo"
        var request = Blockfence_Test_EchoRequest()
        var options = CallOptions()
        var cancelAfter: Duration?
        /// A pause between repeated calls, so a call sequence can span a server restart.
        var interval: Duration = .zero
    }

    static func run(_ options: PeerOptions) async throws -> Int32 {
        var settings = Settings()
        settings.method = options.string("--method", default: "echo")
        settings.request.payload = [UInt8](repeating: 0x5a, count: try options.integer("--payload-bytes"))
        settings.request.text = options.string("--text")
        settings.request.delayMilliseconds = UInt32(try options.integer("--delay-ms"))
        settings.request.failureCode = Int32(try options.integer("--failure-code"))
        settings.request.failureMessage = options.string("--failure-message")
        settings.request.responseCount = UInt32(try options.integer("--responses", default: 3))
        settings.request.metadataKey = options.string("--metadata-key")
        let timeout = try options.integer("--timeout-ms")
        settings.options.timeout = timeout > 0 ? .milliseconds(timeout) : nil
        settings.options.waitForReady = options.flag("--wait-for-ready")
        for pair in options.strings("--metadata") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw PeerUsageError("--metadata needs key=value, not '\(pair)'") }
            settings.options.metadata.add(String(parts[0]), String(parts[1]))
        }
        settings.interval = .milliseconds(try options.integer("--interval-ms"))
        let cancelAfter = try options.integer("--cancel-after-ms")
        settings.cancelAfter = cancelAfter > 0 ? .milliseconds(cancelAfter) : nil
        let channel = try RPCChannel(
            target: try options.address("--target"),
            configuration: RPCChannelConfiguration(
                maximumReceiveMessageBytes: try options.integer("--max-receive-bytes", default: 4 << 20)))
        let repeats = try options.integer("--repeat", default: 1)
        let concurrency = max(1, try options.integer("--concurrency", default: 1))
        let lines = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<concurrency {
                group.addTask { [settings] in
                    var lines: [String] = []
                    for index in 0..<repeats {
                        if index > 0 { try? await Task.sleep(for: settings.interval) }
                        lines.append(await callOnce(channel, settings))
                    }
                    return lines
                }
            }
            var all: [String] = []
            for await lines in group { all += lines }
            return all
        }
        for line in lines { Console.out(line) }
        let succeeded = lines.filter { $0.hasPrefix("result=ok") }.count
        Console.out("summary ok=\(succeeded) errors=\(lines.count - succeeded)")
        return 0
    }

    /// One call, cancelled after `cancelAfter` when set.
    private static func callOnce(_ channel: RPCChannel, _ settings: Settings) async -> String {
        let task = Task { () async -> String in
            do {
                return try await perform(channel, settings)
            } catch let error as RPCError {
                return "result=error code=\(error.code) message=\(quote(error.message))"
            } catch {
                return "result=error code=UNKNOWN message=\(quote("\(error)"))"
            }
        }
        if let cancelAfter = settings.cancelAfter {
            try? await Task.sleep(for: cancelAfter)
            task.cancel()
        }
        return await task.value
    }

    private static func perform(_ channel: RPCChannel, _ settings: Settings) async throws -> String {
        let echo = Blockfence_Test_EchoClient(channel: channel)
        switch settings.method {
        case "echo":
            let response = try await echo.echo(settings.request, options: settings.options)
            return "result=ok responses=1 payload_bytes=\(response.payload.count) server=\(response.serverName)"
                + " metadata_value=\(quote(response.metadataValue))"
        case "expand":
            var count = 0
            var bytes = 0
            for try await response in echo.expand(settings.request, options: settings.options) {
                count += 1
                bytes += response.payload.count
            }
            return "result=ok responses=\(count) payload_bytes=\(bytes)"
        case "missing":
            let _: Blockfence_Test_EchoResponse = try await channel.unary(
                path: "/blockfence.test.Echo/Missing", request: settings.request, options: settings.options)
            return "result=ok responses=1"
        case "health":
            let health = Grpc_Health_V1_HealthClient(channel: channel)
            var request = Grpc_Health_V1_HealthCheckRequest()
            request.service = settings.request.text
            let response = try await health.check(request, options: settings.options)
            return "result=ok status=\(response.status)"
        default:
            throw PeerUsageError("unknown --method '\(settings.method)'; use echo, expand, missing or health")
        }
    }
}

/// A value for a `key=value` output line; quoted when it has spaces, quotes or is empty, so the
/// suite can split lines unambiguously.
func quote(_ value: String) -> String {
    guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
        return value
    }
    var escaped = ""
    for character in value {
        switch character {
        case "\\": escaped += "\\\\"
        case "\"": escaped += "\\\""
        case "\n": escaped += "\\n"
        default: escaped.append(character)
        }
    }
    return "\"\(escaped)\""
}
