import BlockfenceBase
import ControlAPI
import Foundation
import Glibc
import NBDProtocol
import RPC
import Testing

@testable import NBDServer

private func pattern(_ seed: UInt8, _ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 13) &+ seed }
}

/// Polls `condition` for up to `seconds`.
func eventually(_ seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

@Suite(.serialized)
struct StorageNodeTests {
    let control = FakeControl()
    let controlServer: RPCServer
    let controlAddress: ListenAddress
    let scratch = ScratchDirectory()

    init() throws {
        controlServer = try RPCServer(services: [control], logger: Logger(scope: "test", level: .error))
        controlAddress = try controlServer.start(listeningOn: [.tcp(host: "127.0.0.1", port: 0)])[0]
    }

    func startNode(_ name: String) throws -> StorageNodeAgent {
        mkdir(scratch.path + "/" + name, 0o755)
        let configuration = StorageNodeConfiguration(
            nodeName: name, dataDirectory: scratch.path + "/" + name, nbdListen: .tcp(host: "127.0.0.1", port: 0),
            replicationListen: .tcp(host: "127.0.0.1", port: 0), controlAddress: controlAddress)
        let level: LogLevel = getenv("BLOCKFENCE_TEST_LOG") == nil ? .error : .debug
        let agent = try StorageNodeAgent(configuration: configuration, logger: Logger(scope: name, level: level))
        try agent.start()
        return agent
    }

    func assignment(
        epoch: UInt64, primary: String, inSync: [String], replicas: [String]
    ) -> Blockfence_Control_V1_Assignment {
        var assignment = Blockfence_Control_V1_Assignment()
        assignment.volumeID = "vol-1"
        assignment.volumeName = "disk"
        assignment.epoch = epoch
        assignment.primaryNode = primary
        assignment.inSyncMembers = inSync
        assignment.replicaNodes = replicas
        assignment.sizeBytes = 8 << 20
        assignment.firstOfVolume = epoch == 1
        return assignment
    }

    @Test("A node without a replica creates an empty one only for a new volume, never serves one otherwise")
    func createsReplicasOnlyForNewVolumes() throws {
        let node = try startNode("n1")
        defer { node.stop() }
        // Epoch 7 of a volume that may hold data: this node has no replica, so it must not serve.
        control.setAssignment(assignment(epoch: 7, primary: "n1", inSync: ["n1"], replicas: ["n1"]))
        #expect(!eventually(2) { node.nbdServer.catalog.find("disk") != nil })
        #expect(access(scratch.path + "/n1/volumes/vol-1", F_OK) != 0)
        // The same volume's first assignment, as for a volume just created: an empty replica.
        var fresh = assignment(epoch: 8, primary: "n1", inSync: ["n1"], replicas: ["n1"])
        fresh.firstOfVolume = true
        control.setAssignment(fresh)
        #expect(eventually { node.nbdServer.catalog.find("disk") != nil })
    }

    @Test("A replica the node cannot create or grow is reported with the problem until it can")
    func reportsReplicasItCannotCreateOrGrow() throws {
        let node = try startNode("n1")
        defer { node.stop() }
        let tooLarge = node.directory.largestFileBytes + 4096
        // Only a filesystem whose largest file is below the largest offset can refuse a size.
        guard tooLarge <= UInt64(Int64.max) else { return }
        var huge = assignment(epoch: 1, primary: "n1", inSync: ["n1"], replicas: ["n1"])
        huge.sizeBytes = tooLarge
        control.setAssignment(huge)
        #expect(eventually { node.reports().first?.problem.contains("cannot create the replica") == true })
        let absent = try #require(node.reports().first)
        #expect(absent.absent && absent.volumeID == "vol-1" && !absent.serving)

        // Created at a size it holds, then asked to grow beyond what it can.
        var fresh = assignment(epoch: 2, primary: "n1", inSync: ["n1"], replicas: ["n1"])
        fresh.firstOfVolume = true
        control.setAssignment(fresh)
        #expect(eventually { node.reports().first.map { !$0.absent && $0.problem.isEmpty } == true })
        var grown = assignment(epoch: 3, primary: "n1", inSync: ["n1"], replicas: ["n1"])
        grown.sizeBytes = tooLarge
        control.setAssignment(grown)
        #expect(eventually { node.reports().first?.problem.contains("cannot follow epoch 3") == true })
        #expect(node.reports().first?.sizeBytes == 8 << 20)
        // A size it can hold clears the problem.
        var fits = assignment(epoch: 4, primary: "n1", inSync: ["n1"], replicas: ["n1"])
        fits.sizeBytes = 16 << 20
        control.setAssignment(fits)
        #expect(eventually { node.reports().first.map { $0.problem.isEmpty && $0.sizeBytes == 16 << 20 } == true })
    }

    func port(of agent: StorageNodeAgent) -> UInt16 {
        guard case .tcp(_, let port) = try? ListenAddress.parse(agent.nbdAddress) else { return 0 }
        return port
    }

    @Test("A primary serves and replicates; a planned hand-over moves serving to the member with the data")
    func servesAndHandsOver() throws {
        let first = try startNode("n1")
        let second = try startNode("n2")
        defer {
            first.stop()
            second.stop()
            controlServer.shutdown(gracePeriod: .milliseconds(100))
        }
        #expect(eventually { control.state.withLock { $0.nodes.count } == 2 })
        control.setAssignment(assignment(epoch: 1, primary: "n1", inSync: ["n1", "n2"], replicas: ["n1", "n2"]))
        #expect(eventually { first.nbdServer.catalog.find("disk") != nil })

        let client = try NBDTestClient(port: port(of: first))
        try client.handshake(export: "disk")
        for index in 0..<32 {
            try client.sendRequest(
                .write, handle: UInt64(index), offset: UInt64(index) * 65_536, length: 65_536,
                flags: index == 31 ? .fua : [], payload: pattern(UInt8(index), 65_536))
        }
        for _ in 0..<32 { #expect(try client.receiveReply().error == 0) }

        var handOver = Blockfence_Control_V1_HandOver()
        handOver.volumeID = "vol-1"
        handOver.epoch = 1
        handOver.successor = "n2"
        control.state.withLock { $0.handOvers.append(handOver) }
        #expect(eventually { second.nbdServer.catalog.find("disk") != nil })
        #expect(first.nbdServer.catalog.find("disk") == nil)
        #expect(control.state.withLock { $0.confirmedHandOvers.count } == 1)
        #expect(client.serverClosed())

        let moved = try NBDTestClient(port: port(of: second))
        try moved.handshake(export: "disk")
        for index in 0..<32 {
            try moved.sendRequest(.read, handle: UInt64(index), offset: UInt64(index) * 65_536, length: 65_536)
            #expect(try moved.receiveReply().data == pattern(UInt8(index), 65_536))
        }
        // The old primary is a member now and has accepted the new epoch.
        #expect(first.replica("vol-1")?.acceptedEpoch == 2)
    }

    @Test("When a member stops, the primary reports it and carries on once the control core removes it")
    func carriesOnWithoutAFailedMember() throws {
        let first = try startNode("n1")
        let second = try startNode("n2")
        defer {
            first.stop()
            controlServer.shutdown(gracePeriod: .milliseconds(100))
        }
        #expect(eventually { control.state.withLock { $0.nodes.count } == 2 })
        control.setAssignment(assignment(epoch: 1, primary: "n1", inSync: ["n1", "n2"], replicas: ["n1", "n2"]))
        #expect(eventually { first.nbdServer.catalog.find("disk") != nil })
        let client = try NBDTestClient(port: port(of: first))
        try client.handshake(export: "disk")
        try client.sendRequest(.write, handle: 1, offset: 0, length: 4096, payload: pattern(1, 4096))
        #expect(try client.receiveReply().error == 0)

        second.stop()
        try client.sendRequest(.write, handle: 2, offset: 4096, length: 4096, payload: pattern(2, 4096))
        let reply = try client.receiveReply()
        #expect(reply.handle == 2)
        #expect(reply.error == 0)
        #expect(control.assignment("vol-1")?.inSyncMembers == ["n1"])
        #expect(control.state.withLock { $0.failureReports.first?.failedMembers } == ["n2"])
    }
}
