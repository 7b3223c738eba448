import BlockfenceBase
import Dispatch
import Foundation
import Glibc
import NBDProtocol
import ReplicationProtocol
import Synchronization

/// A replicated volume's primary side: every change is applied locally and sent to every other
/// in-sync member in one order, and acknowledged to its client only when all of them hold it.
///
/// Members outside the in-sync set whose nodes the assignment still lists are caught up on a
/// thread of their own (see `CatchUp.swift`): they receive every change as well, but no write
/// waits for them until they have caught up.
///
/// Locks: the replica's `order` lock (an NSCondition) guards the sequence, the local apply, the
/// queues to members and the pending ring, so all of these agree on one order. Replies are sent
/// after it is released. Threads: connection threads call `apply` and `flush`; one thread per
/// member reads acknowledgements; one sync thread runs fdatasync for FLUSH and FUA and watches
/// for members that stopped answering.
final class ReplicationPipeline: ChangeCoordinator, @unchecked Sendable {
    struct Member: Sendable {
        let nodeName: String
        let address: ListenAddress
    }

    /// What the pipeline tells the storage node agent.
    struct Events: Sendable {
        /// Members stopped answering; the agent asks the control core to remove them.
        let membersFailed: @Sendable (_ members: [String], _ reason: String, _ epoch: UInt64) -> Void
        /// A member has accepted a newer epoch: this node is no longer the primary.
        let superseded: @Sendable (_ epoch: UInt64) -> Void
    }

    let replica: VolumeReplica
    let nodeName: String
    /// The epoch this pipeline started at. It names this primary's history of sequences: a member
    /// that recorded being level with it can be caught up from this pipeline's journal.
    let lineage: UInt64
    let logger: Logger
    let events: Events
    /// How long the catch-up thread waits between attempts at members that are not caught up.
    let catchUpRetryNanoseconds: UInt64
    /// A member that leaves a change unacknowledged this long is reported failed.
    private let acknowledgementTimeoutNanoseconds: UInt64
    /// How long a member that cannot be reached, or does not hold the volume yet, is retried.
    private let memberPatienceNanoseconds: UInt64
    /// The most bytes queued to a member being caught up; one that falls further behind (it stopped
    /// reading, or reads too slowly) has its catch-up dropped, to be tried again.
    let catchUpQueueLimitBytes: Int

    // Guarded by replica.order.
    var epoch: UInt64
    var links: [MemberLink] = []
    var pending: PendingChanges
    var acceptingChanges = false
    var stopped = false
    private var nextBit: UInt64 = 1
    /// Each member's bit, kept across new links to it, so catch-up attempts never run out of bits.
    private var bits: [String: UInt64] = [:]
    /// Links whose failure was already reported, so each is reported once.
    private var reportedLinks: Set<ObjectIdentifier> = []
    /// Members the assignment lists outside the in-sync set, to catch up.
    var catchUpTargets: [String: Member] = [:]
    /// Members whose next catch-up is a full copy whatever they recorded (a rebuild), until one
    /// completes.
    var fullCopyRequired: Set<String> = []

    let catchUpWake = DispatchSemaphore(value: 0)

    private let syncRequests = Mutex<(requested: UInt64, stopping: Bool)>((0, false))
    private let syncWake = DispatchSemaphore(value: 0)
    private let syncFinished = DispatchSemaphore(value: 0)

    init(
        replica: VolumeReplica, nodeName: String, epoch: UInt64, logger: Logger, events: Events,
        pendingCapacity: Int = 4096, acknowledgementTimeoutMilliseconds: UInt64 = 3_000,
        memberPatienceMilliseconds: UInt64 = 5_000, catchUpRetryMilliseconds: UInt64 = 1_000,
        catchUpQueueLimitBytes: Int = 64 << 20
    ) {
        self.catchUpQueueLimitBytes = catchUpQueueLimitBytes
        self.replica = replica
        self.nodeName = nodeName
        self.epoch = epoch
        self.lineage = epoch
        self.catchUpRetryNanoseconds = catchUpRetryMilliseconds * 1_000_000
        self.logger = logger.with(["volume": replica.volumeID])
        self.events = events
        self.pending = PendingChanges(capacity: pendingCapacity)
        self.acknowledgementTimeoutNanoseconds = acknowledgementTimeoutMilliseconds * 1_000_000
        self.memberPatienceNanoseconds = memberPatienceMilliseconds * 1_000_000
    }

    // MARK: Starting and stopping

    /// Opens a stream to every member and makes each equal to this replica, then takes changes.
    /// Members that cannot be reconciled are reported failed; writes wait for the control core to
    /// remove them. Returns once every member was tried.
    func start(members: [Member], catchingUp: [Member] = []) throws {
        try startThread(name: "repl-sync") { [self] in syncLoop() }
        let (appliedSequence, currentEpoch) = replica.order.withLock { (replica.appliedSequence, epoch) }
        var failed: [(String, String)] = []
        for member in members {
            let link = replica.order.withLock { () -> MemberLink in
                let link = MemberLink(
                    nodeName: member.nodeName, address: member.address, bit: bitLocked(for: member.nodeName))
                link.acknowledged = appliedSequence
                links.append(link)
                return link
            }
            if let reason = reconcile(link, epoch: currentEpoch, appliedSequence: appliedSequence) {
                link.fail(reason)
                replica.order.withLock { _ = reportedLinks.insert(ObjectIdentifier(link)) }
                failed.append((member.nodeName, reason))
                continue
            }
            try link.startReceiving(
                acknowledged: { [weak self] link, sequence in self?.acknowledged(link, upTo: sequence) },
                ended: { [weak self] link, reason, epoch in self?.linkEnded(link, reason: reason, refusedEpoch: epoch) }
            )
        }
        replica.order.withLock {
            acceptingChanges = true
            for member in catchingUp { catchUpTargets[member.nodeName] = member }
        }
        try startCatchUpThread()
        for (member, reason) in failed {
            logger.warning("Member could not be reconciled.", ["member": member, "reason": reason])
        }
        if !failed.isEmpty {
            events.membersFailed(failed.map(\.0), failed.map(\.1).joined(separator: "; "), currentEpoch)
        }
        logger.info(
            "Primary ready.",
            [
                "epoch": currentEpoch, "members": members.map(\.nodeName).joined(separator: ","),
                "applied_sequence": appliedSequence,
            ])
    }

    /// Says HELLO, repairs what differs, and ends with EPOCH carrying this replica's sequence.
    /// Returns nil on success, or why the member cannot be used.
    private func reconcile(_ link: MemberLink, epoch: UInt64, appliedSequence: UInt64) -> String? {
        // A member learns of a new volume at about the same time as its primary, so it may not
        // have created its replica, or started at all, when the primary first calls.
        let patience = monotonicNanoseconds() + memberPatienceNanoseconds
        var outcome = link.open(
            volumeID: replica.volumeID, primaryNode: nodeName, epoch: epoch, appliedSequence: appliedSequence,
            lineage: lineage)
        while monotonicNanoseconds() < patience {
            switch outcome {
            case .failed, .refused(epoch: 0, _):
                usleep(200_000)
                outcome = link.open(
                    volumeID: replica.volumeID, primaryNode: nodeName, epoch: epoch, appliedSequence: appliedSequence,
                    lineage: lineage)
                continue
            default:
                break
            }
            break
        }
        switch outcome {
        case .failed(let reason):
            return reason
        case .refused(let refusedEpoch, let reason):
            if refusedEpoch > epoch { events.superseded(refusedEpoch) }
            return "refused: \(reason)"
        case .welcomed(let welcome):
            // A member ahead of this replica must list every change it made beyond it, or the
            // ranges to undo are unknown (its journal lost them, or it restarted).
            if welcome.appliedSequence > appliedSequence
                && !Self.listsEveryChange(welcome.entries, after: appliedSequence, upTo: welcome.appliedSequence)
            {
                return "member is at sequence \(welcome.appliedSequence), ahead of \(appliedSequence), "
                    + "and no longer lists every change it made since"
            }
            var ranges = welcome.entries.filter { $0.length > 0 }.map { ($0.offset, UInt64($0.length)) }
            if welcome.appliedSequence < appliedSequence {
                let ours = replica.order.withLock { () -> [JournalEntry]? in
                    guard replica.journal.covers(after: welcome.appliedSequence, upTo: appliedSequence) else {
                        return nil
                    }
                    return replica.journal.entries(after: welcome.appliedSequence).filter {
                        $0.sequence <= appliedSequence
                    }
                }
                guard let ours else {
                    return
                        "member is at sequence \(welcome.appliedSequence), too far behind \(appliedSequence) to repair"
                }
                ranges += ours.filter { $0.length > 0 }.map { ($0.offset, UInt64($0.length)) }
            }
            if let problem = repair(link, ranges: ranges, epoch: epoch) { return problem }
            let done = ReplicationFrame(type: .epoch, flags: .adoptSequence, epoch: epoch, sequence: appliedSequence)
            guard link.sendNow(done) else { return "sending EPOCH failed" }
            if !ranges.isEmpty {
                logger.info(
                    "Member repaired.",
                    [
                        "member": link.nodeName, "ranges": ranges.count,
                        "member_sequence": welcome.appliedSequence, "sequence": appliedSequence,
                    ])
            }
            return nil
        }
    }

    /// The bit of a member in the pending entries' masks. Call with the order lock held.
    func bitLocked(for member: String) -> UInt64 {
        if let bit = bits[member] { return bit }
        precondition(nextBit != 0, "more than 64 members")
        let bit = nextBit
        nextBit <<= 1
        bits[member] = bit
        return bit
    }

    /// Sends this replica's current data for every range, merged and in pieces of at most 1 MiB.
    private func repair(_ link: MemberLink, ranges: [(UInt64, UInt64)], epoch: UInt64) -> String? {
        let size = replica.storage.sizeBytes
        let pieceBytes: UInt64 = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Int(pieceBytes), alignment: 4096)
        defer { buffer.deallocate() }
        for (start, end) in Self.merge(ranges) where start < size {
            var offset = start
            let stop = min(end, size)
            while offset < stop {
                let length = min(pieceBytes, stop - offset)
                let code = replica.storage.read(into: buffer, offset: offset, length: Int(length))
                guard code == 0 else { return "reading local data for a repair failed: \(errnoDescription(code))" }
                let frame = ReplicationFrame(type: .repair, epoch: epoch, offset: offset, length: UInt32(length))
                guard link.sendNow(frame, data: UnsafeRawBufferPointer(start: buffer, count: Int(length))) else {
                    return "sending a repair failed"
                }
                offset += length
            }
        }
        return nil
    }

    /// Whether `entries` hold exactly the sequences after `start` up to `end`, each once.
    static func listsEveryChange(_ entries: [JournalEntry], after start: UInt64, upTo end: UInt64) -> Bool {
        let sequences = entries.map(\.sequence).filter { $0 > start && $0 <= end }
        return sequences.count == Int(end - start) && Set(sequences).count == sequences.count
    }

    /// Sorted, non-overlapping (start, end) pairs covering every (offset, length).
    static func merge(_ ranges: [(UInt64, UInt64)]) -> [(UInt64, UInt64)] {
        let sorted = ranges.map { ($0.0, $0.0 + $0.1) }.sorted { $0.0 < $1.0 }
        var merged: [(UInt64, UInt64)] = []
        for (start, end) in sorted {
            if let last = merged.last, start <= last.1 {
                merged[merged.count - 1].1 = max(last.1, end)
            } else {
                merged.append((start, end))
            }
        }
        return merged
    }

    /// Stops taking changes and waits until every change already taken is acknowledged, for a
    /// hand-over. Returns the last sequence, or nil if some change was still outstanding after
    /// `timeoutMilliseconds`.
    func drain(timeoutMilliseconds: UInt64) -> UInt64? {
        let deadline = Date().addingTimeInterval(Double(timeoutMilliseconds) / 1000)
        replica.order.lock()
        defer { replica.order.unlock() }
        acceptingChanges = false
        while !pending.isEmpty {
            guard replica.order.wait(until: deadline) else { return pending.isEmpty ? replica.appliedSequence : nil }
        }
        return replica.appliedSequence
    }

    /// Ends the pipeline: outstanding changes are answered with ESHUTDOWN and streams closed.
    func stop() {
        let (abandoned, oldLinks) = replica.order.withLock { () -> ([DeferredReply], [MemberLink]) in
            stopped = true
            acceptingChanges = false
            replica.order.broadcast()
            let links = self.links
            self.links = []
            return (pending.removeAll(), links)
        }
        for link in oldLinks { link.close() }
        Self.deliver(abandoned, error: .shutdown, message: "this server no longer serves the volume")
        syncRequests.withLock { $0.stopping = true }
        syncWake.signal()
        syncFinished.wait()
        stopCatchUpThread()
    }

    // MARK: Membership

    /// Adopts a new epoch of the same primary: members not in `members` leave, changes waiting
    /// only for them complete, and a gate that was serving serves at the new epoch before those
    /// changes are answered. A member that caught up and is now in `members` joins: from here on
    /// it counts like any other. `catchingUp` lists the members to catch up from now on.
    func adopt(epoch newEpoch: UInt64, members: [String], catchingUp: [Member] = []) {
        let wasServing = replica.gate.epochServed != 0
        let (completed, removed, joinedFailed) = replica.order.withLock {
            () -> ([DeferredReply], [MemberLink], [MemberLink]) in
            guard newEpoch > epoch else { return ([], [], []) }
            epoch = newEpoch
            var completed: [DeferredReply] = []
            let targets = Set(catchingUp.map(\.nodeName))
            catchUpTargets = Dictionary(
                catchingUp.filter { !members.contains($0.nodeName) }.map { ($0.nodeName, $0) },
                uniquingKeysWith: { _, last in last })
            var joinedFailed: [MemberLink] = []
            for link in links where members.contains(link.nodeName) && link.catchUp != nil {
                // In the in-sync set now: writes wait for it whatever its catch-up said, and a
                // link that already failed is reported so the control core removes it again.
                if !link.counted { pending.addMember(link.bit, after: link.acknowledged) }
                link.counted = true
                link.catchUp = nil
                link.sendFromCallers()
                if link.hasFailed { joinedFailed.append(link) }
            }
            // A member still catching up keeps its link; one that left the in-sync set is cut off
            // and caught up again from scratch.
            let removed = links.filter {
                !members.contains($0.nodeName) && !(targets.contains($0.nodeName) && $0.catchUp != nil)
            }
            for link in removed { completed += pending.clearMemberEverywhere(link.bit) }
            links.removeAll { link in removed.contains { $0 === link } }
            for link in links where !link.hasFailed {
                enqueueLocked(ReplicationFrame(type: .epoch, epoch: newEpoch), data: nil, to: link)
            }
            if !completed.isEmpty { replica.order.broadcast() }
            return (completed, removed, joinedFailed)
        }
        for link in removed { link.close() }
        flush()
        if wasServing { replica.gate.open(epoch: newEpoch) }
        deliver(completed)
        for link in joinedFailed {
            linkEnded(link, reason: link.failureReason ?? "stream ended", refusedEpoch: nil)
        }
        catchUpWake.signal()
        if !removed.isEmpty {
            logger.info(
                "Members left the in-sync set.",
                ["epoch": newEpoch, "members": removed.map(\.nodeName).joined(separator: ",")])
        }
    }

    var currentEpoch: UInt64 { replica.order.withLock { epoch } }

    // MARK: Changes

    func apply(_ change: ExportChange, payload: UnsafeRawPointer?, reply: DeferredReply) -> ChangeOutcome {
        let order = replica.order
        order.lock()
        // Full: wait for acknowledgements, but give up once the gate closes (a lost lease), since
        // a member that never answers would otherwise hold this connection forever.
        while acceptingChanges && !pending.hasRoom(for: replica.appliedSequence + 1) {
            if !order.wait(until: Date().addingTimeInterval(0.5)) && replica.gate.admit() != nil {
                order.unlock()
                return .completed(ESHUTDOWN)
            }
        }
        guard acceptingChanges else {
            order.unlock()
            return .completed(ESHUTDOWN)
        }
        let frame = ReplicationFrame(
            type: Self.frameType(change.command), flags: Self.frameFlags(change.flags), epoch: epoch,
            sequence: replica.appliedSequence + 1, offset: change.offset, length: change.length)
        let code = replica.applyLocked(frame, data: payload)
        guard code == 0 else {
            order.unlock()
            return .completed(code)
        }
        let needsSync = change.command == .flush || change.flags.contains(.fua)
        var waiting: UInt64 = 0
        for link in links {
            // A counted member whose queue is full fails here; its read thread ends and releases
            // what waits for it, as for any failed link.
            if link.counted { waiting |= link.bit }
            if !link.hasFailed { enqueueLocked(frame, data: payload, to: link) }
        }
        guard waiting != 0 || needsSync else {
            order.unlock()
            return .completed(0)
        }
        pending.insert(
            PendingChanges.Entry(
                sequence: frame.sequence, reply: reply, waitingMembers: waiting, waitingSync: needsSync,
                createdAtNanoseconds: monotonicNanoseconds()))
        order.unlock()
        if needsSync { requestSync(upTo: frame.sequence) }
        return .deferred
    }

    /// Queues a frame to a member. A member being caught up has a bounded queue: one that cannot
    /// take the frame is failed, and nothing waits for it. Call with the order lock held.
    @discardableResult
    func enqueueLocked(_ frame: ReplicationFrame, data: UnsafeRawPointer?, to link: MemberLink) -> Bool {
        guard link.catchUp != nil else {
            link.enqueue(frame, data: data)
            return true
        }
        return link.enqueue(frame, data: data, limitBytes: catchUpQueueLimitBytes)
    }

    func flush() {
        let current = replica.order.withLock { links }
        for link in current where !link.push() {
            linkEnded(link, reason: link.failureReason ?? "sending failed", refusedEpoch: nil)
        }
    }

    private static func frameType(_ command: CommandType) -> ReplicationFrameType {
        switch command {
        case .write: .write
        case .trim: .trim
        case .writeZeroes: .zero
        default: .flush
        }
    }

    private static func frameFlags(_ flags: CommandFlags) -> ReplicationFlags {
        var result: ReplicationFlags = []
        if flags.contains(.fua) { result.insert(.fua) }
        if flags.contains(.noHole) { result.insert(.noHole) }
        return result
    }

    // MARK: Completions

    func acknowledged(_ link: MemberLink, upTo sequence: UInt64) {
        let completed = replica.order.withLock { () -> [DeferredReply] in
            guard sequence > link.acknowledged else { return [] }
            let range = (link.acknowledged + 1)...sequence
            link.acknowledged = sequence
            let completed = pending.clearMember(link.bit, in: range)
            if !completed.isEmpty { replica.order.broadcast() }
            return completed
        }
        deliver(completed)
    }

    func linkEnded(_ link: MemberLink, reason: String, refusedEpoch: UInt64?) {
        link.fail(reason)
        let (report, currentEpoch, released, catchingUp) = replica.order.withLock {
            () -> (Bool, UInt64, [DeferredReply], Bool) in
            let current = links.contains { $0 === link } && !stopped
            // A member still catching up is outside the in-sync set: nothing to report, and
            // writes that waited for it since it caught up stop waiting. It is tried again.
            if link.catchUp != nil {
                var released: [DeferredReply] = []
                if link.counted {
                    link.counted = false
                    released = pending.clearMemberEverywhere(link.bit)
                    if !released.isEmpty { replica.order.broadcast() }
                }
                return (false, epoch, released, true)
            }
            return (current && reportedLinks.insert(ObjectIdentifier(link)).inserted, epoch, [], false)
        }
        deliver(released)
        if catchingUp {
            if let refusedEpoch, refusedEpoch > currentEpoch { events.superseded(refusedEpoch) }
            logger.info("Catch-up stream ended; it will be tried again.", ["member": link.nodeName, "reason": reason])
        }
        guard report else { return }
        if let refusedEpoch, refusedEpoch > currentEpoch { events.superseded(refusedEpoch) }
        logger.warning("Member stopped answering.", ["member": link.nodeName, "reason": reason])
        events.membersFailed([link.nodeName], reason, currentEpoch)
    }

    private func requestSync(upTo sequence: UInt64) {
        syncRequests.withLock { $0.requested = max($0.requested, sequence) }
        syncWake.signal()
    }

    /// fdatasync for FLUSH and FUA, one sync for everything requested meanwhile; and, every half
    /// second, a look for members that left a change unacknowledged too long.
    private func syncLoop() {
        var synced: UInt64 = 0
        while true {
            _ = syncWake.wait(timeout: .now() + .milliseconds(500))
            let (target, stopping) = syncRequests.withLock { ($0.requested, $0.stopping) }
            if stopping { break }
            if target > synced {
                let code = replica.storage.flush()
                if code != 0 {
                    logger.error("fdatasync failed; the volume stops serving.", ["errno": code])
                    replica.gate.close()
                    continue
                }
                synced = target
                let completed = replica.order.withLock { () -> [DeferredReply] in
                    let completed = pending.clearSync(upTo: target)
                    if !completed.isEmpty { replica.order.broadcast() }
                    return completed
                }
                deliver(completed)
            }
            checkAcknowledgementTimeouts()
        }
        syncFinished.signal()
    }

    private func checkAcknowledgementTimeouts() {
        let late = replica.order.withLock { () -> [MemberLink] in
            // Read the clock under the lock: an entry inserted after an earlier reading would be
            // younger than "now".
            guard
                let oldest = pending.oldest(
                    waitingLongerThan: acknowledgementTimeoutNanoseconds, now: monotonicNanoseconds())
            else { return [] }
            return links.filter { $0.counted && !$0.hasFailed && $0.acknowledged < oldest.sequence }
        }
        for link in late {
            linkEnded(
                link, reason: "no acknowledgement for \(acknowledgementTimeoutNanoseconds / 1_000_000) ms",
                refusedEpoch: nil)
        }
    }

    /// Answers completed changes: success while the gate admits, otherwise its error.
    func deliver(_ replies: [DeferredReply]) {
        guard !replies.isEmpty else { return }
        if let refusal = replica.gate.admit() {
            Self.deliver(replies, error: refusal, message: "this server no longer serves the volume")
        } else {
            Self.deliver(replies, error: nil, message: "")
        }
    }

    private static func deliver(_ replies: [DeferredReply], error: NBDError?, message: String) {
        for reply in replies { reply.send(error: error, message: message) }
    }
}
