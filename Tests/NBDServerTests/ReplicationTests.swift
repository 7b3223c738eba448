import BlockfenceBase
import Foundation
import Glibc
import NBDProtocol
import ReplicationProtocol
import Synchronization
import Testing

@testable import NBDServer

/// Events a pipeline reported, for tests to wait on.
final class RecordedEvents: Sendable {
    let failures = Mutex<[String]>([])
    let supersededBy = Mutex<UInt64>(0)

    var events: ReplicationPipeline.Events {
        ReplicationPipeline.Events(
            membersFailed: { [self] members, _, _ in failures.withLock { $0 += members } },
            superseded: { [self] epoch in supersededBy.withLock { $0 = max($0, epoch) } })
    }

    func waitForFailure(of member: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if failures.withLock({ $0.contains(member) }) { return true }
            usleep(20_000)
        }
        return false
    }
}

/// A replica on a "node" of its own: a directory, a lease and, for members, a listener.
final class TestNode {
    let name: String
    let scratch = ScratchDirectory()
    let lease = NodeLease()
    let replica: VolumeReplica
    var listener: ReplicationListener?

    init(name: String, volumeID: String = "vol-1", sizeBytes: UInt64 = 8 << 20, epoch: UInt64 = 1) throws {
        self.name = name
        lease.renew(sentAtNanoseconds: NodeLease.now(), durationMilliseconds: 60_000)
        replica = try VolumeReplica.create(
            directory: scratch.file("replica"), volumeID: volumeID, volumeName: "disk", sizeBytes: sizeBytes,
            epoch: epoch, lease: lease)
    }

    func listen() throws -> ListenAddress {
        let replica = self.replica
        let listener = try ReplicationListener(
            address: .tcp(host: "127.0.0.1", port: 0), findReplica: { $0 == replica.volumeID ? replica : nil },
            logger: Logger(scope: "test", level: .error))
        self.listener = listener
        return listener.boundAddress
    }

    func read(_ offset: UInt64, _ length: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        _ = bytes.withUnsafeMutableBytes { replica.storage.read(into: $0.baseAddress!, offset: offset, length: length) }
        return bytes
    }

    func write(_ bytes: [UInt8], at offset: UInt64, sequence: UInt64) {
        replica.order.withLock {
            let frame = ReplicationFrame(
                type: .write, epoch: 1, sequence: sequence, offset: offset, length: UInt32(bytes.count))
            _ = bytes.withUnsafeBytes { replica.applyLocked(frame, data: $0.baseAddress!) }
        }
    }

    deinit {
        listener?.stop()
    }
}

private func pattern(_ seed: UInt8, _ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) &+ seed }
}

@Suite(.serialized)
struct ReplicationTests {
    /// Serves the primary's replica over NBD with its pipeline as coordinator.
    func serve(_ primary: TestNode, pipeline: ReplicationPipeline) throws -> TestServer {
        let server = try TestServer(exports: [])
        server.server.catalog.add(ServedExport(storage: primary.replica.storage, coordinator: pipeline))
        return server
    }

    @Test("Writes reach every member before the client hears of them, and members hold the same bytes")
    func replicatesWrites() throws {
        let primary = try TestNode(name: "n1")
        let member = try TestNode(name: "n2")
        let address = try member.listen()
        let recorded = RecordedEvents()
        let pipeline = ReplicationPipeline(
            replica: primary.replica, nodeName: "n1", epoch: 1, logger: Logger(scope: "test", level: .error),
            events: recorded.events)
        try pipeline.start(members: [.init(nodeName: "n2", address: address)])
        primary.replica.gate.open(epoch: 1)
        defer { pipeline.stop() }
        let server = try serve(primary, pipeline: pipeline)
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk")
        for index in 0..<200 {
            let flags: CommandFlags = index % 50 == 49 ? .fua : []
            try client.sendRequest(
                .write, handle: UInt64(index), offset: UInt64(index) * 4096, length: 4096, flags: flags,
                payload: pattern(UInt8(index), 4096))
        }
        try client.sendRequest(.trim, handle: 1000, offset: 0, length: 4096)
        try client.sendRequest(.flush, handle: 1001)
        for _ in 0..<202 { #expect(try client.receiveReply().error == 0) }
        #expect(member.replica.lastAppliedSequence == primary.replica.lastAppliedSequence)
        #expect(member.read(4096, 199 * 4096) == primary.read(4096, 199 * 4096))
        #expect(member.read(4096, 4096) == pattern(1, 4096))
        #expect(recorded.failures.withLock { $0.isEmpty })
    }

    @Test("A member that has accepted a newer epoch refuses the stream, and the primary learns it is stale")
    func staleEpochIsRefused() throws {
        let primary = try TestNode(name: "n1")
        let member = try TestNode(name: "n2")
        try member.replica.acceptEpoch(5)
        let address = try member.listen()
        let recorded = RecordedEvents()
        let pipeline = ReplicationPipeline(
            replica: primary.replica, nodeName: "n1", epoch: 3, logger: Logger(scope: "test", level: .error),
            events: recorded.events)
        try pipeline.start(members: [.init(nodeName: "n2", address: address)])
        defer { pipeline.stop() }
        #expect(recorded.waitForFailure(of: "n2"))
        #expect(recorded.supersededBy.withLock { $0 } == 5)
    }

    @Test("The accepted epoch survives a restart of the member")
    func acceptedEpochIsDurable() throws {
        let scratch = ScratchDirectory()
        let directory = scratch.file("replica")
        do {
            let replica = try VolumeReplica.create(
                directory: directory, volumeID: "vol-1", volumeName: "disk", sizeBytes: 1 << 20, epoch: 1,
                lease: NodeLease())
            try replica.acceptEpoch(9)
            try replica.acceptEpoch(4)
        }
        let reopened = try VolumeReplica.open(directory: directory, lease: NodeLease())
        #expect(reopened.acceptedEpoch == 9)
        unlink(directory + "/data")
        unlink(directory + "/replica.json")
        rmdir(directory)
    }

    @Test("A new primary repairs members that are ahead of it and members that are behind it")
    func reconcilesMembers() throws {
        let primary = try TestNode(name: "n1")
        let ahead = try TestNode(name: "n2")
        let behind = try TestNode(name: "n3")
        // All three applied sequences 1 and 2; the primary and `behind` diverge afterwards.
        for node in [primary, ahead, behind] {
            node.write(pattern(1, 4096), at: 0, sequence: 1)
            node.write(pattern(2, 4096), at: 4096, sequence: 2)
        }
        primary.write(pattern(3, 4096), at: 8192, sequence: 3)
        ahead.write(pattern(3, 4096), at: 8192, sequence: 3)
        ahead.write(pattern(4, 4096), at: 12288, sequence: 4)
        let recorded = RecordedEvents()
        let pipeline = ReplicationPipeline(
            replica: primary.replica, nodeName: "n1", epoch: 2, logger: Logger(scope: "test", level: .error),
            events: recorded.events)
        try pipeline.start(members: [
            .init(nodeName: "n2", address: try ahead.listen()), .init(nodeName: "n3", address: try behind.listen()),
        ])
        defer { pipeline.stop() }
        var waited = 0
        while (ahead.replica.lastAppliedSequence != 3 || behind.replica.lastAppliedSequence != 3) && waited < 500 {
            usleep(10_000)
            waited += 1
        }
        for node in [ahead, behind] {
            #expect(node.replica.lastAppliedSequence == 3)
            #expect(node.read(0, 16384) == primary.read(0, 16384))
        }
        #expect(recorded.failures.withLock { $0.isEmpty })
    }

    @Test("Writes wait for a member that stopped answering until it leaves the in-sync set")
    func waitsForFailedMemberRemoval() throws {
        let primary = try TestNode(name: "n1")
        let member = try TestNode(name: "n2")
        let address = try member.listen()
        let recorded = RecordedEvents()
        let pipeline = ReplicationPipeline(
            replica: primary.replica, nodeName: "n1", epoch: 1, logger: Logger(scope: "test", level: .error),
            events: recorded.events, acknowledgementTimeoutMilliseconds: 500)
        try pipeline.start(members: [.init(nodeName: "n2", address: address)])
        primary.replica.gate.open(epoch: 1)
        defer { pipeline.stop() }
        let server = try serve(primary, pipeline: pipeline)
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk")
        try client.sendRequest(.write, handle: 1, offset: 0, length: 512, payload: pattern(1, 512))
        #expect(try client.receiveReply().error == 0)

        member.listener?.stop()
        try client.sendRequest(.write, handle: 2, offset: 0, length: 512, payload: pattern(2, 512))
        #expect(recorded.waitForFailure(of: "n2"))
        // No reply while the member is still in the in-sync set.
        var pollDescriptor = pollfd(fd: client.descriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pollDescriptor, 1, 300) == 0)
        primary.replica.gate.open(epoch: 2)
        pipeline.adopt(epoch: 2, members: [])
        let reply = try client.receiveReply()
        #expect(reply.handle == 2)
        #expect(reply.error == 0)
    }

    @Test(
        "Merging ranges joins overlaps and keeps gaps",
        arguments: [
            ([(0, 10), (5, 10)], [(0, 15)]), ([(20, 5), (0, 5)], [(0, 5), (20, 25)]), ([(0, 4), (4, 4)], [(0, 8)]),
        ] as [([(UInt64, UInt64)], [(UInt64, UInt64)])])
    func mergesRanges(ranges: [(UInt64, UInt64)], expected: [(UInt64, UInt64)]) {
        let merged = ReplicationPipeline.merge(ranges)
        #expect(merged.map(\.0) == expected.map(\.0))
        #expect(merged.map(\.1) == expected.map(\.1))
    }
}

struct JournalCoverageTests {
    @Test(
        "A member ahead of the primary must list every change beyond the primary's sequence",
        arguments: [
            ([1, 2, 3, 4], UInt64(2), UInt64(4), true), ([3, 4], 2, 4, true), ([4], 2, 4, false), ([], 2, 4, false),
            ([3, 3, 4], 2, 4, false), ([], 4, 4, true),
        ] as [([UInt64], UInt64, UInt64, Bool)])
    func checksCoverage(sequences: [UInt64], start: UInt64, end: UInt64, expected: Bool) {
        let entries = sequences.map { JournalEntry(sequence: $0, offset: 0, length: 512) }
        #expect(ReplicationPipeline.listsEveryChange(entries, after: start, upTo: end) == expected)
    }
}

struct CleanStopTests {
    @Test(
        "A clean stop records the applied sequence, nothing changes the replica after it, a start restores it once"
    )
    func restoresAfterCleanStop() throws {
        let scratch = ScratchDirectory()
        let directory = scratch.file("replica")
        do {
            let replica = try VolumeReplica.create(
                directory: directory, volumeID: "vol-1", volumeName: "disk", sizeBytes: 1 << 20, epoch: 3,
                lease: NodeLease())
            let data = [UInt8](repeating: 7, count: 512)
            for sequence in 1...5 as ClosedRange<UInt64> {
                replica.order.withLock {
                    let frame = ReplicationFrame(type: .write, epoch: 3, sequence: sequence, offset: 0, length: 512)
                    _ = data.withUnsafeBytes { replica.applyLocked(frame, data: $0.baseAddress!) }
                }
            }
            try replica.recordCleanStop()
            let refused = replica.order.withLock {
                data.withUnsafeBytes {
                    replica.applyLocked(
                        ReplicationFrame(type: .write, epoch: 3, sequence: 6, offset: 0, length: 512),
                        data: $0.baseAddress!)
                }
            }
            #expect(refused == ESHUTDOWN)
        }
        do {
            let restarted = try VolumeReplica.open(directory: directory, lease: NodeLease())
            #expect(restarted.lastAppliedSequence == 5)
            #expect(restarted.isCleanRestart)
            #expect(restarted.acceptedEpoch == 3)
            // Following a new primary's stream keeps it a clean restart (the primary checked it
            // when it reconciled); serving as primary itself does not.
            try restarted.order.withLock { try restarted.acceptEpochLocked(4) }
            let data = [UInt8](repeating: 8, count: 512)
            let code = restarted.order.withLock {
                data.withUnsafeBytes {
                    restarted.applyLocked(
                        ReplicationFrame(type: .write, epoch: 4, sequence: 6, offset: 0, length: 512),
                        data: $0.baseAddress!)
                }
            }
            #expect(code == 0)
            #expect(restarted.isCleanRestart)
            restarted.forgetCleanStop()
            #expect(!restarted.isCleanRestart)
        }
        // A crash after that start leaves no clean record behind.
        let again = try VolumeReplica.open(directory: directory, lease: NodeLease())
        #expect(again.lastAppliedSequence == 0)
        #expect(!again.isCleanRestart)
        again.destroy()
    }
}
