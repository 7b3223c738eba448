import BlockfenceBase
import Foundation
import Glibc
import NBDProtocol
import ReplicationProtocol
import Synchronization
import Testing

@testable import NBDServer

/// A member replica that can "crash" and start again from its directory, as a restarted server
/// would: its in-memory state (applied sequence, journal) is lost, its files stay.
final class RestartableMember {
    let name: String
    let scratch = ScratchDirectory()
    let lease = NodeLease()
    private var current: VolumeReplica?
    private(set) var listener: ReplicationListener?

    var replica: VolumeReplica { current! }

    var directory: String { scratch.file("member") }

    init(name: String, sizeBytes: UInt64, epoch: UInt64 = 1) throws {
        self.name = name
        lease.renew(sentAtNanoseconds: NodeLease.now(), durationMilliseconds: 60_000)
        current = try VolumeReplica.create(
            directory: scratch.file("member"), volumeID: "vol-1", volumeName: "disk", sizeBytes: sizeBytes,
            epoch: epoch, lease: lease)
    }

    func listen() throws -> ReplicationPipeline.Member {
        let replica = self.replica
        let listener = try ReplicationListener(
            address: .tcp(host: "127.0.0.1", port: 0), findReplica: { $0 == replica.volumeID ? replica : nil },
            logger: Logger(scope: "test", level: .error))
        self.listener = listener
        return .init(nodeName: name, address: listener.boundAddress)
    }

    /// Ends every stream at once, as a SIGKILL would, and opens the replica again from its files.
    func crashAndRestart() throws -> ReplicationPipeline.Member {
        listener?.stop()
        listener = nil
        // The data file is locked while open; the stream threads let go of it as they end.
        weak let previous = current
        current = nil
        let deadline = Date().addingTimeInterval(5)
        while previous != nil && Date() < deadline { usleep(10_000) }
        current = try VolumeReplica.open(directory: directory, lease: lease)
        return try listen()
    }

    func read(_ offset: UInt64, _ length: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        _ = bytes.withUnsafeMutableBytes { replica.storage.read(into: $0.baseAddress!, offset: offset, length: length) }
        return bytes
    }

    deinit {
        listener?.stop()
        current?.destroy()
    }
}

/// Data that differs by seed and from block to block, made without a per-byte loop: debug builds
/// run the tests, and megabytes built byte by byte would starve the other suites of CPU.
private func bytes(_ seed: UInt8, _ count: Int) -> [UInt8] {
    var data = [UInt8](repeating: seed, count: count)
    for index in stride(from: 0, to: count, by: 512) { data[index] = UInt8(truncatingIfNeeded: index >> 9) &+ seed }
    return data
}

/// Whether two nodes hold the same bytes over the whole volume, compared with memcmp.
private func sameData(_ first: VolumeReplica, _ second: VolumeReplica, sizeBytes: UInt64) -> Bool {
    let length = 1 << 20
    let left = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 4096)
    let right = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 4096)
    defer {
        left.deallocate()
        right.deallocate()
    }
    var offset: UInt64 = 0
    while offset < sizeBytes {
        let count = Int(min(UInt64(length), sizeBytes - offset))
        guard first.storage.read(into: left, offset: offset, length: count) == 0,
            second.storage.read(into: right, offset: offset, length: count) == 0, memcmp(left, right, count) == 0
        else { return false }
        offset += UInt64(count)
    }
    return true
}

private func waitUntil(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

@Suite(.serialized)
struct CatchUpTests {
    let logger = Logger(scope: "test", level: .error)

    func serve(_ primary: TestNode, pipeline: ReplicationPipeline) throws -> (TestServer, NBDTestClient) {
        let server = try TestServer(exports: [])
        server.server.catalog.add(ServedExport(storage: primary.replica.storage, coordinator: pipeline))
        let client = try NBDTestClient(port: server.port)
        try client.handshake(export: "disk")
        return (server, client)
    }

    /// Writes `count` pieces of `length` bytes from `offset` on, and checks every reply.
    func write(
        _ client: NBDTestClient, count: Int, length: Int, from offset: UInt64, seed: UInt8, handle: UInt64 = 0,
        flags: CommandFlags = []
    ) throws {
        for index in 0..<count {
            try client.sendRequest(
                .write, handle: handle + UInt64(index), offset: offset + UInt64(index * length), length: UInt32(length),
                flags: flags, payload: bytes(seed &+ UInt8(truncatingIfNeeded: index), length))
        }
        for _ in 0..<count { #expect(try client.receiveReply().error == 0) }
    }

    func caughtUp(_ pipeline: ReplicationPipeline, _ member: String) -> MemberCatchUpStatus? {
        pipeline.catchUpStatus().first { $0.nodeName == member && $0.caughtUpSequence != nil }
    }

    @Test("A member back after a crash catches up from the journal: it copies what it missed, not the volume")
    func crashedMemberCatchesUpIncrementally() throws {
        let volumeBytes: UInt64 = 64 << 20
        let primary = try TestNode(name: "n1", sizeBytes: volumeBytes)
        let member = try RestartableMember(name: "n2", sizeBytes: volumeBytes)
        let recorded = RecordedEvents()
        let pipeline = ReplicationPipeline(
            replica: primary.replica, nodeName: "n1", epoch: 1, logger: logger, events: recorded.events,
            catchUpRetryMilliseconds: 100)
        try pipeline.start(members: [try member.listen()])
        primary.replica.gate.open(epoch: 1)
        defer { pipeline.stop() }
        let (server, client) = try serve(primary, pipeline: pipeline)
        defer { withExtendedLifetime(server) {} }

        // 16 MiB while in sync; after a second the member records a level sequence on its next batch.
        try write(client, count: 256, length: 64 << 10, from: 0, seed: 1)
        usleep(1_100_000)
        try write(client, count: 1, length: 4096, from: 32 << 20, seed: 2, handle: 1000, flags: .fua)
        #expect(waitUntil { ReplicaMetadata.load(directory: member.directory)?.levelLineage == 1 })

        // The member dies; the control core takes it out of the in-sync set; writes go on.
        member.listener?.stop()
        try client.sendRequest(.write, handle: 2000, offset: 40 << 20, length: 4096, payload: bytes(3, 4096))
        #expect(recorded.waitForFailure(of: "n2"))
        pipeline.adopt(epoch: 2, members: [])
        #expect(try client.receiveReply().error == 0)
        try write(client, count: 10, length: 4096, from: 48 << 20, seed: 4, handle: 3000)

        // It starts again and is caught up while writes continue.
        let restarted = try member.crashAndRestart()
        pipeline.adopt(epoch: 3, members: [], catchingUp: [restarted])
        try write(client, count: 5, length: 4096, from: 56 << 20, seed: 5, handle: 4000)
        #expect(waitUntil { caughtUp(pipeline, "n2") != nil })
        let status = try #require(caughtUp(pipeline, "n2"))
        #expect(!status.fullCopy)
        // What it missed: the record's last write, one write while it was down and ten after,
        // perhaps the five written during the catch-up; far below the 16 MiB it already held.
        #expect(status.bytesCopied >= 11 * 4096)
        #expect(status.bytesCopied <= 17 * 4096)

        pipeline.adopt(epoch: 4, members: ["n2"])
        try write(client, count: 4, length: 4096, from: 60 << 20, seed: 6, handle: 5000, flags: .fua)
        #expect(member.replica.lastAppliedSequence == primary.replica.lastAppliedSequence)
        #expect(sameData(member.replica, primary.replica, sizeBytes: volumeBytes))
        #expect(recorded.failures.withLock { $0 } == ["n2"])
    }

    @Test("A member without a usable record is copied in full: allocated ranges only, its own data discarded")
    func memberWithoutRecordGetsFullCopy() throws {
        let volumeBytes: UInt64 = 64 << 20
        let primary = try TestNode(name: "n1", sizeBytes: volumeBytes, epoch: 5)
        for index in 0..<8 {
            primary.write(bytes(UInt8(index), 1 << 20), at: UInt64(index) * (8 << 20), sequence: UInt64(index + 1))
        }
        let member = try RestartableMember(name: "n2", sizeBytes: volumeBytes)
        // Stale data where the primary has a hole must not survive the copy.
        member.replica.order.withLock {
            let frame = ReplicationFrame(type: .repair, epoch: 1, offset: 4 << 20, length: 4096)
            _ = bytes(9, 4096).withUnsafeBytes { member.replica.applyLocked(frame, data: $0.baseAddress!) }
        }
        let pipeline = ReplicationPipeline(
            replica: primary.replica, nodeName: "n1", epoch: 5, logger: logger, events: RecordedEvents().events,
            catchUpRetryMilliseconds: 100)
        try pipeline.start(members: [], catchingUp: [try member.listen()])
        primary.replica.gate.open(epoch: 5)
        defer { pipeline.stop() }
        let (server, client) = try serve(primary, pipeline: pipeline)
        defer { withExtendedLifetime(server) {} }
        // Writes during and after the copy reach the member too.
        try write(client, count: 64, length: 4096, from: 3 << 20, seed: 7)
        #expect(waitUntil { caughtUp(pipeline, "n2") != nil })
        let status = try #require(caughtUp(pipeline, "n2"))
        #expect(status.fullCopy)
        #expect(status.bytesTotal >= 8 << 20)
        #expect(status.bytesTotal < volumeBytes / 2)
        #expect(status.bytesCopied < volumeBytes / 2)
        try write(client, count: 8, length: 4096, from: 5 << 20, seed: 8, handle: 100)
        #expect(waitUntil { member.replica.lastAppliedSequence == primary.replica.lastAppliedSequence })
        #expect(sameData(member.replica, primary.replica, sizeBytes: volumeBytes))
        #expect(ReplicaMetadata.load(directory: member.directory)?.levelLineage == 5)
    }

    @Test("A member whose replica is rebuilt is copied in full although its record would allow less")
    func rebuiltMemberGetsFullCopy() throws {
        let volumeBytes: UInt64 = 16 << 20
        let primary = try TestNode(name: "n1", sizeBytes: volumeBytes)
        let member = try RestartableMember(name: "n2", sizeBytes: volumeBytes)
        let recorded = RecordedEvents()
        let pipeline = ReplicationPipeline(
            replica: primary.replica, nodeName: "n1", epoch: 1, logger: logger, events: recorded.events,
            catchUpRetryMilliseconds: 100)
        let address = try member.listen()
        try pipeline.start(members: [address])
        primary.replica.gate.open(epoch: 1)
        defer { pipeline.stop() }
        let (server, client) = try serve(primary, pipeline: pipeline)
        defer { withExtendedLifetime(server) {} }
        try write(client, count: 64, length: 64 << 10, from: 0, seed: 1)
        usleep(1_100_000)
        try write(client, count: 1, length: 4096, from: 8 << 20, seed: 2, handle: 100, flags: .fua)
        #expect(waitUntil { ReplicaMetadata.load(directory: member.directory)?.levelLineage == 1 })

        pipeline.requireFullCopy(of: "n2")
        pipeline.adopt(epoch: 2, members: [], catchingUp: [address])
        #expect(waitUntil { caughtUp(pipeline, "n2") != nil })
        let status = try #require(caughtUp(pipeline, "n2"))
        #expect(status.fullCopy)
        #expect(status.bytesCopied >= 4 << 20)
        pipeline.adopt(epoch: 3, members: ["n2"])
        try write(client, count: 4, length: 4096, from: 12 << 20, seed: 3, handle: 200, flags: .fua)
        #expect(sameData(member.replica, primary.replica, sizeBytes: volumeBytes))
    }

    @Test("A rebuild asked for while a member is caught up from the journal cuts that off for a full copy")
    func rebuildInterruptsIncrementalCatchUp() throws {
        let primary = try TestNode(name: "n1", sizeBytes: 8 << 20)
        for index in 0..<5 {
            primary.write(bytes(UInt8(index), 4096), at: UInt64(index) * 4096, sequence: UInt64(index + 1))
        }
        // It recorded this pipeline's lineage at sequence 0 and never says it caught up.
        let fake = try FakeCatchUpMember(answerShift: nil, recordedLineage: 2)
        let pipeline = ReplicationPipeline(
            replica: primary.replica, nodeName: "n1", epoch: 2, logger: logger, events: RecordedEvents().events,
            catchUpRetryMilliseconds: 100)
        try pipeline.start(members: [], catchingUp: [.init(nodeName: "n2", address: fake.address)])
        defer { pipeline.stop() }
        #expect(waitUntil { pipeline.catchUpStatus().first?.fullCopy == false })
        pipeline.requireFullCopy(of: "n2")
        #expect(waitUntil { pipeline.catchUpStatus().first?.fullCopy == true })
        #expect(fake.streams.withLock { $0 } >= 2)
    }

    @Test("A full copy cut off halfway leaves a replica whose record asks for a full copy again")
    func interruptedFullCopyStartsOver() throws {
        let member = try RestartableMember(name: "n2", sizeBytes: 8 << 20)
        try member.replica.order.withLock { try member.replica.recordLevelLocked(lineage: 7, sequence: 3) }
        let address = try member.listen().address
        let connection = try FrameConnection.connect(to: address, timeoutMilliseconds: 3_000)
        let hello = Array("vol-1\0n1".utf8)
        #expect(
            connection.send(
                ReplicationFrame(
                    type: .hello, flags: .catchUp, epoch: 2, sequence: 20, offset: 9, length: UInt32(hello.count)),
                bytes: hello))
        let welcome = try #require(try connection.nextFrame()).0
        #expect(welcome.type == .welcome)
        #expect(welcome.sequence == 3)
        #expect(welcome.offset == 7)
        #expect(
            connection.send(ReplicationFrame(type: .epoch, flags: [.beginCatchUp, .wipe], epoch: 2, sequence: 20)))
        #expect(
            connection.send(ReplicationFrame(type: .repair, epoch: 2, offset: 0, length: 4096), bytes: bytes(1, 4096)))
        #expect(waitUntil { ReplicaMetadata.load(directory: member.directory)?.levelLineage == nil })
        connection.shutdown()

        _ = try member.crashAndRestart()
        let restarted = member.replica
        #expect(restarted.order.withLock { restarted.recordedLevelLocked } == nil)
        #expect(!restarted.isLevel)
    }

    @Test(
        "A member that says it caught up below the catch-up's end is not counted; at the end it is",
        arguments: [(-1, false), (0, true)])
    func caughtUpSequenceIsChecked(shift: Int, counted: Bool) throws {
        let primary = try TestNode(name: "n1", sizeBytes: 8 << 20)
        for index in 0..<5 {
            primary.write(bytes(UInt8(index), 4096), at: UInt64(index) * 4096, sequence: UInt64(index + 1))
        }
        let fake = try FakeCatchUpMember(answerShift: shift)
        let recorded = RecordedEvents()
        let pipeline = ReplicationPipeline(
            replica: primary.replica, nodeName: "n1", epoch: 2, logger: logger, events: recorded.events,
            catchUpRetryMilliseconds: 100)
        try pipeline.start(members: [], catchingUp: [.init(nodeName: "n2", address: fake.address)])
        defer { pipeline.stop() }
        #expect(waitUntil { fake.answered.withLock { $0 } >= 1 })
        let becameCounted = waitUntil(seconds: 1) { caughtUp(pipeline, "n2") != nil }
        #expect(becameCounted == counted)
        #expect(fake.answered.withLock { $0 } >= (counted ? 1 : 2))
        #expect(recorded.failures.withLock { $0.isEmpty })
    }

    @Test("Writes go on while a member being caught up stops reading; its catch-up is dropped and tried again")
    func stalledCatchUpDoesNotHoldWrites() throws {
        let volumeBytes: UInt64 = 64 << 20
        let primary = try TestNode(name: "n1", sizeBytes: volumeBytes)
        // Far more data than the socket buffers hold, so the copy is under way when writes come.
        for index in 0..<32 {
            primary.write(bytes(UInt8(index), 1 << 20), at: UInt64(index) << 20, sequence: UInt64(index + 1))
        }
        let member = try TricklingMember()
        let pipeline = ReplicationPipeline(
            replica: primary.replica, nodeName: "n1", epoch: 2, logger: logger, events: RecordedEvents().events,
            catchUpRetryMilliseconds: 100, catchUpQueueLimitBytes: 1 << 20)
        try pipeline.start(members: [], catchingUp: [.init(nodeName: "n2", address: member.address)])
        primary.replica.gate.open(epoch: 2)
        defer {
            pipeline.stop()
            member.stop()
        }
        #expect(waitUntil { (pipeline.catchUpStatus().first?.bytesCopied ?? 0) >= 2 << 20 })
        let (server, client) = try serve(primary, pipeline: pipeline)
        defer { withExtendedLifetime(server) {} }
        // The client gives up on a reply after ten seconds: a write held up by the member throws.
        try write(client, count: 64, length: 64 << 10, from: 40 << 20, seed: 3)
        try write(client, count: 64, length: 64 << 10, from: 48 << 20, seed: 4, handle: 100)
        #expect(waitUntil { member.streams.withLock { $0 } >= 2 })
    }
}

/// A member that takes a catch-up and answers CAUGHT_UP at the end's sequence plus `answerShift`
/// (or never, with nil). Its WELCOME names `recordedLineage` at sequence 0.
final class FakeCatchUpMember: Sendable {
    let socket: ListeningSocket
    let answered = Mutex(0)
    let streams = Mutex(0)
    var address: ListenAddress { socket.boundAddress }

    init(answerShift: Int?, recordedLineage: UInt64 = 0) throws {
        socket = try ListeningSocket.listen(on: .tcp(host: "127.0.0.1", port: 0))
        try startThread(name: "fake-member") { [self] in
            while let descriptor = socket.accept() {
                let connection = FrameConnection(descriptor: descriptor)
                streams.withLock { $0 += 1 }
                serve(connection, shift: answerShift, lineage: recordedLineage)
            }
        }
    }

    private func serve(_ connection: FrameConnection, shift: Int?, lineage: UInt64) {
        guard let (hello, _) = try? connection.nextFrame(), hello.type == .hello else { return }
        guard connection.send(ReplicationFrame(type: .welcome, epoch: hello.epoch, offset: lineage), bytes: [])
        else { return }
        var applied: UInt64 = 0
        while let next = try? connection.nextFrame() {
            let frame = next.0
            if frame.type == .epoch && frame.flags.contains(.beginCatchUp) { applied = frame.sequence }
            if frame.isChange { applied = frame.sequence }
            guard frame.type == .epoch && frame.flags.contains(.caughtUp), let shift else { continue }
            let answer = UInt64(Int(frame.sequence) + shift)
            _ = connection.send(ReplicationFrame(type: .acknowledge, epoch: frame.epoch, sequence: applied))
            _ = connection.send(ReplicationFrame(type: .caughtUp, epoch: frame.epoch, sequence: answer))
            answered.withLock { $0 += 1 }
        }
    }

    deinit {
        socket.shutdownListening()
    }
}

/// A member that answers HELLO and then reads its stream slowly, a piece every half second, as an
/// overloaded (or briefly stopped and continued) process does: the sender's socket stays full, but
/// each send makes some progress before its timeout.
final class TricklingMember: Sendable {
    let socket: ListeningSocket
    let streams = Mutex(0)
    private let descriptors = Mutex<[Int32]>([])
    var address: ListenAddress { socket.boundAddress }

    init() throws {
        socket = try ListeningSocket.listen(on: .tcp(host: "127.0.0.1", port: 0))
        try startThread(name: "trickling-member") { [self] in
            while let descriptor = socket.accept() {
                descriptors.withLock { $0.append(descriptor) }
                streams.withLock { $0 += 1 }
                let connection = FrameConnection(descriptor: descriptor)
                do {
                    try startThread(name: "trickling-stream") { Self.serve(connection) }
                } catch {
                    connection.shutdown()
                }
            }
        }
    }

    private static func serve(_ connection: FrameConnection) {
        guard let (hello, _) = try? connection.nextFrame(), hello.type == .hello else { return }
        guard connection.send(ReplicationFrame(type: .welcome, epoch: hello.epoch), bytes: []) else { return }
        var scrap = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            usleep(500_000)
            let received = scrap.withUnsafeMutableBytes { recv(connection.descriptor, $0.baseAddress!, $0.count, 0) }
            if received <= 0 { return }
        }
    }

    func stop() {
        socket.shutdownListening()
        descriptors.withLock { for descriptor in $0 { Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) } }
    }
}
