import Synchronization

/// One operation per volume at a time. The orchestrator should never overlap calls on a volume,
/// but after its own restart it may; the second call is answered ABORTED at once (and retried
/// by the caller) rather than queued, as the CSI specification recommends.
public final class VolumeOperationGate: Sendable {
    private let running = Mutex(Set<String>())

    public init() {}

    /// Runs `body` while holding the volume, or fails ABORTED when another operation holds it.
    public func run<Result>(
        _ volume: String, _ body: () async throws(CSIError) -> Result
    ) async throws(CSIError) -> Result {
        let entered = running.withLock { $0.insert(volume).inserted }
        guard entered else { throw .operationInProgress(volume: volume) }
        defer { _ = running.withLock { $0.remove(volume) } }
        return try await body()
    }
}
