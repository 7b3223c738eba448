import BlockfenceBase
import RPC
import RPCTestServices

/// `bench`: unary echo calls as fast as `--concurrency` callers can make them for `--seconds`,
/// then one line with calls per second and latency percentiles in microseconds.
enum BenchCommand {
    static func run(_ options: PeerOptions) async throws -> Int32 {
        let channel = try RPCChannel(target: try options.address("--target"))
        let seconds = try options.integer("--seconds", default: 5)
        let concurrency = max(1, try options.integer("--concurrency", default: 4))
        var request = Blockfence_Test_EchoRequest()
        request.payload = [UInt8](repeating: 7, count: try options.integer("--payload-bytes", default: 64))
        let client = Blockfence_Test_EchoClient(channel: channel)
        let callOptions = CallOptions(timeout: .seconds(10))
        // One call first so that connecting is not measured.
        _ = try await client.echo(request, options: callOptions)
        let clock = ContinuousClock()
        let end = clock.now + .seconds(seconds)
        let started = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<concurrency {
                group.addTask { [request] in
                    var latencies: [Int64] = []
                    while clock.now < end {
                        let before = clock.now
                        _ = try await client.echo(request, options: callOptions)
                        latencies.append(microseconds(clock.now - before))
                    }
                    return latencies
                }
            }
            var all: [Int64] = []
            for try await part in group { all += part }
            return all.sorted()
        }
        let elapsed = Double(microseconds(clock.now - started)) / 1_000_000
        func percentile(_ fraction: Double) -> Int64 {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))]
        }
        let rate = Int(Double(latencies.count) / elapsed)
        Console.out(
            "calls=\(latencies.count) seconds=\(Int(elapsed)) calls_per_second=\(rate) "
                + "p50_us=\(percentile(0.5)) p99_us=\(percentile(0.99))")
        return 0
    }

    private static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
