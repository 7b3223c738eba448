import NBDProtocol
import Synchronization

/// The gate of a replicated volume's export on this node: open only while this node is the
/// primary of the volume's current epoch, holds a valid lease, and has reconciled the members.
///
/// `admit()` runs for every request, so its state is a pair of atomics read without a lock:
/// the epoch this node serves at (0 when it does not serve) and the highest epoch it has seen.
public final class VolumeGate: ExportGate {
    private let servingEpoch = Atomic<UInt64>(0)
    private let knownEpoch = Atomic<UInt64>(0)
    private let handedOver = Atomic<UInt64>(0)
    private let lease: NodeLease

    public init(lease: NodeLease) {
        self.lease = lease
    }

    @inline(__always)
    public func admit() -> NBDError? {
        let serving = servingEpoch.load(ordering: .acquiring)
        guard serving != 0, serving == knownEpoch.load(ordering: .acquiring), lease.isValid else { return .shutdown }
        return nil
    }

    /// Serves at `epoch` from now on.
    public func open(epoch: UInt64) {
        noteEpoch(epoch)
        servingEpoch.store(epoch, ordering: .releasing)
    }

    /// Stops serving; every request from now on is refused.
    public func close() {
        servingEpoch.store(0, ordering: .releasing)
    }

    /// Records an epoch this node heard of; serving at a lower one stops at once.
    public func noteEpoch(_ epoch: UInt64) {
        var current = knownEpoch.load(ordering: .relaxed)
        while epoch > current {
            let (exchanged, original) = knownEpoch.compareExchange(
                expected: current, desired: epoch, ordering: .acquiringAndReleasing)
            if exchanged { return }
            current = original
        }
    }

    /// Records that this node, primary of `epoch`, handed that epoch over: the gate is closed
    /// and every change it took is on every member. It never serves `epoch` again.
    public func recordHandOver(epoch: UInt64) {
        handedOver.store(epoch, ordering: .releasing)
    }

    /// The last epoch this node handed over (0: none).
    public var handedOverEpoch: UInt64 { handedOver.load(ordering: .acquiring) }

    public var isServing: Bool { admit() == nil }
    public var epochServed: UInt64 { servingEpoch.load(ordering: .acquiring) }
}
