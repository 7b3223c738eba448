import BlockfenceBase
import Dispatch
import Foundation
import Glibc
import NBDProtocol
import ReplicationProtocol

/// How the catch-up of one member outside the in-sync set goes, as its primary sees it.
struct CatchUpProgress: Sendable, Equatable {
    /// A full copy of every allocated range, or only the ranges changed since the member's
    /// recorded sequence.
    var fullCopy: Bool
    var bytesCopied: UInt64 = 0
    var bytesTotal: UInt64
    var startedAtNanoseconds: UInt64
    /// The sequence of the EPOCH frame that ends the catch-up, once it was sent.
    var endSequence: UInt64?
    /// From this sequence on every change waits for the member: set when it reported catching up
    /// at a sequence it can hold.
    var countedFrom: UInt64?
}

/// A member's catch-up as the storage node reports it to the control core.
public struct MemberCatchUpStatus: Sendable, Equatable {
    public let nodeName: String
    public let fullCopy: Bool
    public let bytesCopied: UInt64
    public let bytesTotal: UInt64
    public let bytesPerSecond: UInt64
    /// Set once the member holds every change up to it and every later change waits for it: the
    /// control core may then put it back in the in-sync set.
    public let caughtUpSequence: UInt64?
}

/// Catching up members outside the in-sync set while writes keep flowing.
///
/// One thread per pipeline tries each target in turn. An attempt says HELLO with `catchUp`; the
/// member answers with the sequence it durably recorded as level, and the lineage of that record.
/// If the lineage is this pipeline's and the journal still lists every change since, only those
/// ranges are copied; otherwise the member discards its data and every allocated range is copied.
///
/// Order is what keeps it correct: under the order lock the link joins the pipeline (every change
/// from then on is queued to it as well), and each piece of data is read and queued under the same
/// lock, so a piece never overtakes a change that came after it. Holes are skipped: the wiped
/// member reads them as zeroes already, and later changes reach it as live changes. At the end an
/// EPOCH frame with `caughtUp` asks the member to make everything durable and record it; its
/// CAUGHT_UP answer makes every later change wait for it, and the control core is told.
extension ReplicationPipeline {
    static let catchUpPieceBytes: UInt64 = 1 << 20

    func startCatchUpThread() throws {
        try startThread(name: "repl-catchup") { [self] in catchUpLoop() }
    }

    /// Wakes the catch-up thread so that it sees the pipeline stopped. It is not waited for: an
    /// attempt may sit in a connect for seconds, and whatever it does after the stop is to read
    /// local data and to find, under the order lock, that it must not queue it.
    func stopCatchUpThread() {
        catchUpWake.signal()
    }

    /// Makes the member's next catch-up a full copy, until one completes: its replica is rebuilt.
    /// A catch-up of it from the journal that is under way is cut off, so the next one copies all.
    func requireFullCopy(of member: String) {
        let incremental = replica.order.withLock { () -> [MemberLink] in
            fullCopyRequired.insert(member)
            return links.filter { $0.nodeName == member && $0.catchUp.map { !$0.fullCopy } == true }
        }
        for link in incremental {
            linkEnded(link, reason: "its replica is rebuilt: a full copy follows", refusedEpoch: nil)
        }
    }

    /// What every member being caught up has done so far.
    func catchUpStatus() -> [MemberCatchUpStatus] {
        let now = monotonicNanoseconds()
        return replica.order.withLock {
            links.compactMap { link -> MemberCatchUpStatus? in
                guard let progress = link.catchUp, !link.hasFailed else { return nil }
                let elapsed = max(now - progress.startedAtNanoseconds, 1)
                let rate = UInt64(Double(progress.bytesCopied) * 1e9 / Double(elapsed))
                var caughtUp: UInt64?
                if let countedFrom = progress.countedFrom, link.acknowledged >= countedFrom { caughtUp = countedFrom }
                return MemberCatchUpStatus(
                    nodeName: link.nodeName, fullCopy: progress.fullCopy, bytesCopied: progress.bytesCopied,
                    bytesTotal: progress.bytesTotal, bytesPerSecond: rate, caughtUpSequence: caughtUp)
            }
        }
    }

    private func catchUpLoop() {
        while true {
            let (targets, done) = replica.order.withLock { () -> ([Member], Bool) in
                let busy = Set(links.filter { !$0.hasFailed }.map(\.nodeName))
                return (catchUpTargets.values.filter { !busy.contains($0.nodeName) }, stopped)
            }
            if done { break }
            for target in targets.sorted(by: { $0.nodeName < $1.nodeName }) { catchUp(target) }
            _ = catchUpWake.wait(timeout: .now() + .nanoseconds(Int(catchUpRetryNanoseconds)))
            if replica.order.withLock({ stopped }) { break }
        }
    }

    /// One attempt at catching up `member`; a failure leaves it to the next attempt.
    private func catchUp(_ member: Member) {
        let (currentEpoch, appliedSequence, bit) = replica.order.withLock {
            (epoch, replica.appliedSequence, bitLocked(for: member.nodeName))
        }
        let link = MemberLink(nodeName: member.nodeName, address: member.address, bit: bit)
        let outcome = link.open(
            volumeID: replica.volumeID, primaryNode: nodeName, epoch: currentEpoch, appliedSequence: appliedSequence,
            lineage: lineage, catchUp: true)
        let welcome: MemberLink.Welcome
        switch outcome {
        case .welcomed(let answer):
            welcome = answer
        case .refused(let refusedEpoch, let reason):
            link.close()
            if refusedEpoch > currentEpoch { events.superseded(refusedEpoch) }
            logger.debug("Catch-up refused.", ["member": member.nodeName, "reason": reason])
            return
        case .failed(let reason):
            link.close()
            logger.debug("Catch-up could not start.", ["member": member.nodeName, "reason": reason])
            return
        }
        guard let ranges = join(link, welcome: welcome) else {
            link.close()
            return
        }
        do {
            try link.startReceiving(
                acknowledged: { [weak self] link, sequence in self?.acknowledged(link, upTo: sequence) },
                ended: { [weak self] link, reason, epoch in self?.linkEnded(link, reason: reason, refusedEpoch: epoch)
                },
                caughtUp: { [weak self] link, sequence in self?.memberCaughtUp(link, at: sequence) })
            try link.startSending()
        } catch {
            linkEnded(link, reason: "cannot start a thread: \(error)", refusedEpoch: nil)
            return
        }
        guard link.flush() else {
            linkEnded(link, reason: link.failureReason ?? "sending failed", refusedEpoch: nil)
            return
        }
        let copied = ranges.map { copyRanges($0, to: link) } ?? copyAllocated(to: link)
        guard copied else {
            linkEnded(link, reason: link.failureReason ?? "copying failed", refusedEpoch: nil)
            return
        }
        let end = replica.order.withLock { () -> UInt64? in
            guard !stopped, !link.hasFailed else { return nil }
            let sequence = replica.appliedSequence
            link.catchUp?.endSequence = sequence
            link.enqueue(ReplicationFrame(type: .epoch, flags: .caughtUp, epoch: epoch, sequence: sequence), data: nil)
            return sequence
        }
        guard end != nil, link.flush() else {
            linkEnded(link, reason: link.failureReason ?? "sending failed", refusedEpoch: nil)
            return
        }
    }

    /// Adds the link to the pipeline and queues the EPOCH frame that starts the catch-up, under the
    /// order lock. Returns the ranges to copy (nil entries: a full copy), or nil when the member is
    /// no longer to be caught up.
    private func join(_ link: MemberLink, welcome: MemberLink.Welcome) -> [(UInt64, UInt64)]?? {
        let volumeBytes = replica.storage.sizeBytes
        let allocated = allocatedBytes(upTo: volumeBytes)
        return replica.order.withLock { () -> [(UInt64, UInt64)]?? in
            guard !stopped, acceptingChanges, catchUpTargets[link.nodeName] != nil else { return nil }
            let sequence = replica.appliedSequence
            var ranges: [(UInt64, UInt64)]?
            // The member's record names this pipeline's history, and the journal still lists every
            // change since: those ranges are all that can differ.
            if !fullCopyRequired.contains(link.nodeName) && welcome.lineage == lineage
                && welcome.appliedSequence <= sequence
                && replica.journal.covers(after: welcome.appliedSequence, upTo: sequence)
            {
                let changed = replica.journal.entries(after: welcome.appliedSequence).filter {
                    $0.sequence <= sequence && $0.length > 0
                }
                ranges = Self.merge(changed.map { ($0.offset, UInt64($0.length)) })
            }
            let total = ranges.map { $0.reduce(0) { $0 + ($1.1 - $1.0) } } ?? allocated
            link.counted = false
            link.acknowledged = sequence
            link.sendFromOwnThread()
            link.catchUp = CatchUpProgress(
                fullCopy: ranges == nil, bytesTotal: total, startedAtNanoseconds: monotonicNanoseconds())
            let flags: ReplicationFlags = ranges == nil ? [.beginCatchUp, .wipe] : [.beginCatchUp]
            link.enqueue(ReplicationFrame(type: .epoch, flags: flags, epoch: epoch, sequence: sequence), data: nil)
            links.removeAll { $0.nodeName == link.nodeName }
            links.append(link)
            logger.info(
                ranges == nil ? "Catching up a member with a full copy." : "Catching up a member from the journal.",
                [
                    "member": link.nodeName, "member_sequence": welcome.appliedSequence,
                    "member_lineage": welcome.lineage, "sequence": sequence, "bytes": total,
                ])
            return .some(ranges)
        }
    }

    /// The bytes in allocated ranges of the local data, for progress; all of it where holes
    /// cannot be told.
    private func allocatedBytes(upTo size: UInt64) -> UInt64 {
        var total: UInt64 = 0
        var offset: UInt64 = 0
        while offset < size {
            let length = UInt32(min(size - offset, 1 << 30))
            guard case .success(let extents) = replica.storage.extents(offset: offset, length: length, limit: 4096),
                !extents.isEmpty
            else { return size }
            for extent in extents {
                if extent.flags & AllocationState.hole == 0 { total += UInt64(extent.length) }
                offset += UInt64(extent.length)
            }
        }
        return total
    }

    /// Copies each range in pieces, each read and queued under the order lock.
    private func copyRanges(_ ranges: [(UInt64, UInt64)], to link: MemberLink) -> Bool {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Int(Self.catchUpPieceBytes), alignment: 4096)
        defer { buffer.deallocate() }
        for (start, end) in ranges {
            var offset = start
            while offset < end {
                let length = min(Self.catchUpPieceBytes, end - offset)
                guard copyPiece(offset: offset, length: length, buffer: buffer, to: link) else { return false }
                offset += length
            }
        }
        return true
    }

    /// Copies every allocated range, window by window; holes are left to the wiped member.
    private func copyAllocated(to link: MemberLink) -> Bool {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Int(Self.catchUpPieceBytes), alignment: 4096)
        defer { buffer.deallocate() }
        var window: UInt64 = 0
        while true {
            let sent = replica.order.withLock { () -> Bool? in
                let size = replica.storage.sizeBytes
                guard window < size else { return nil }
                let length = min(Self.catchUpPieceBytes, size - window)
                guard
                    case .success(let extents) = replica.storage.extents(
                        offset: window, length: UInt32(length), limit: 1024)
                else { return queuePieceLocked(offset: window, length: length, buffer: buffer, to: link) }
                var offset = window
                for extent in extents {
                    let isHole = extent.flags & AllocationState.hole != 0
                    if !isHole
                        && !queuePieceLocked(
                            offset: offset, length: UInt64(extent.length), buffer: buffer, to: link)
                    {
                        return false
                    }
                    offset += UInt64(extent.length)
                }
                return true
            }
            guard let sent else { return true }
            guard sent, link.flush() else { return false }
            window += Self.catchUpPieceBytes
        }
    }

    private func copyPiece(
        offset: UInt64, length: UInt64, buffer: UnsafeMutableRawPointer, to link: MemberLink
    ) -> Bool {
        let queued = replica.order.withLock {
            queuePieceLocked(offset: offset, length: length, buffer: buffer, to: link)
        }
        return queued && link.flush()
    }

    /// Reads a piece of local data and queues it as REPAIR. Call with the order lock held; a piece
    /// beyond the end (the volume cannot shrink) is cut off.
    private func queuePieceLocked(
        offset: UInt64, length: UInt64, buffer: UnsafeMutableRawPointer, to link: MemberLink
    ) -> Bool {
        guard !stopped, !link.hasFailed else { return false }
        let size = replica.storage.sizeBytes
        guard offset < size else { return true }
        let count = Int(min(length, size - offset, Self.catchUpPieceBytes))
        let code = replica.storage.read(into: buffer, offset: offset, length: count)
        guard code == 0 else {
            link.fail("reading local data for a catch-up failed: \(errnoDescription(code))")
            return false
        }
        link.enqueue(
            ReplicationFrame(type: .repair, epoch: epoch, offset: offset, length: UInt32(count)), data: buffer)
        link.catchUp?.bytesCopied += UInt64(count)
        return true
    }

    /// The member made everything up to `sequence` durable and recorded it. A sequence below the
    /// end of the catch-up is a member that cannot hold what it was sent: it is cut off and tried
    /// again, never counted.
    func memberCaughtUp(_ link: MemberLink, at sequence: UInt64) {
        let accepted = replica.order.withLock { () -> CatchUpProgress? in
            guard let progress = link.catchUp, let end = progress.endSequence, sequence >= end,
                sequence <= replica.appliedSequence
            else {
                return nil
            }
            // From here on writes wait for it, and so do those it has not acknowledged yet: once
            // it acknowledges `countedFrom`, it holds every acknowledged write.
            pending.addMember(link.bit, after: link.acknowledged)
            link.counted = true
            if link.catchUp?.fullCopy == true { fullCopyRequired.remove(link.nodeName) }
            link.catchUp?.countedFrom = replica.appliedSequence
            return progress
        }
        guard let accepted else {
            logger.error(
                "A member reported catching up at a sequence it cannot hold; it is caught up again.",
                ["member": link.nodeName, "sequence": sequence])
            linkEnded(link, reason: "caught up at a wrong sequence \(sequence)", refusedEpoch: nil)
            return
        }
        // The control core forgets a catch-up once the member is in sync, so this line is where an
        // operator (and the scenario runner) learns afterwards how it was done and what it cost.
        logger.info(
            "Member caught up.",
            [
                "member": link.nodeName, "sequence": sequence, "full_copy": accepted.fullCopy,
                "bytes_copied": accepted.bytesCopied,
            ])
    }
}
