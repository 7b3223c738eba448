import BlockfenceBase
import Glibc
import Synchronization

/// Wall-clock milliseconds, the clock the control core stamps its assignments with.
func wallMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
}

/// Writes numbered, checksummed blocks to a volume's current primary, one at a time, and logs
/// the fate of each. After any failure it asks the control core where the volume is served now
/// and connects there, so that it follows failovers as a real client would.
final class Writer: Sendable {
    let workload: WorkloadSpec
    let log: WriteLog
    private let control: ControlLink
    /// NBD address (host:port) to server name.
    private let servers: [String: String]
    private let stopping = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    private let logger: Logger

    init(workload: WorkloadSpec, control: ControlLink, servers: [String: String], log: WriteLog, logger: Logger) {
        self.workload = workload
        self.control = control
        self.servers = servers
        self.log = log
        self.logger = logger
    }

    func start(firstSequence: UInt64) throws {
        stopping.store(false, ordering: .sequentiallyConsistent)
        finished.store(false, ordering: .sequentiallyConsistent)
        try startThread(name: "scenario-writer") { [self] in
            run(firstSequence: firstSequence)
            finished.store(true, ordering: .sequentiallyConsistent)
        }
    }

    /// Asks the thread to stop after its current write and waits for it (a write times out after
    /// a few seconds, so this is bounded).
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        while !finished.load(ordering: .sequentiallyConsistent) { usleep(10_000) }
    }

    private func run(firstSequence: UInt64) {
        var sequence = firstSequence
        var connection: (client: NBDClient, node: String)?
        while !stopping.load(ordering: .sequentiallyConsistent) {
            guard let (client, node) = connection ?? connect() else {
                usleep(100_000)
                continue
            }
            connection = (client, node)
            let block = Int(sequence % UInt64(workload.blocks))
            let data = BlockPattern.make(sequence: sequence, block: block, bytes: workload.blockBytes)
            let sent = wallMilliseconds()
            var acknowledged = true
            do {
                try client.write(data, offset: UInt64(block * workload.blockBytes), fua: workload.durability == .fua)
                if workload.durability == .flush { try client.flush() }
            } catch {
                acknowledged = false
                connection = nil
                logger.debug("A write failed; finding the primary again.", ["node": node, "error": error])
            }
            log.append(
                WriteRecord(
                    sequence: sequence, block: block, node: node, sentAtMilliseconds: sent,
                    answeredAtMilliseconds: wallMilliseconds(), acknowledged: acknowledged))
            sequence += 1
            if !acknowledged { usleep(50_000) }
        }
    }

    private func connect() -> (NBDClient, String)? {
        guard case .success(let volume) = control.volume(workload.volume), !volume.nbdURI.isEmpty else { return nil }
        guard let (host, port, _) = try? NBDClient.parse(volume.nbdURI), let node = servers["\(host):\(port)"] else {
            logger.warning("The volume is served at an address of no known server.", ["uri": volume.nbdURI])
            return nil
        }
        do {
            return (try NBDClient(uri: volume.nbdURI), node)
        } catch {
            logger.debug("Cannot connect to the primary.", ["uri": volume.nbdURI, "error": error])
            return nil
        }
    }
}
