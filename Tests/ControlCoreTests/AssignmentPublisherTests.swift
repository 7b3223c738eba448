import BlockfenceBase
import ControlAPI
import Foundation
import Testing

@testable import ControlCore

/// The one minting point: epochs, persistence, the audit trail, and nothing else minting.
@Suite struct AssignmentPublisherTests {
    static let logger = Logger(scope: "publisher-test", level: .error)

    func scratchPath() -> String {
        NSTemporaryDirectory() + "/blockfence-publisher-\(UUID().uuidString).sqlite"
    }

    func register(_ controller: ClusterController, _ names: [String]) throws {
        for name in names {
            var request = Blockfence_Control_V1_RegisterRequest()
            request.nodeName = name
            request.incarnation = "incarnation-\(name)"
            _ = try controller.register(request, caller: "test")
        }
    }

    @Test func epochsStrictlyIncreaseAcrossReopeningTheDatabase() async throws {
        let path = scratchPath()
        var seen: [UInt64] = []
        for round in 0..<3 {
            let controller = try ClusterController(
                databasePath: path, clock: ManualClock(), logger: Self.logger)
            try register(controller, ["n1", "n2"])
            let created = try await controller.createVolume(
                name: "v\(round)", sizeBytes: 1 << 30, replicaCount: 2, parameters: [:], caller: "test")
            seen.append(created.volume.assignment!.epoch)
            for step in 1...3 {
                let grown = try await controller.expandVolume(
                    "v\(round)", sizeBytes: UInt64(1 + step) << 30, caller: "test")
                seen.append(grown.assignment!.epoch)
            }
            #expect(try controller.status().epoch == seen.last)
            controller.stop()
        }
        #expect(seen == Array(1...12))
        let reopened = try ClusterController(databasePath: path, clock: ManualClock(), logger: Self.logger)
        let history = try reopened.locked {
            try reopened.publisher.history(
                ofVolume: reopened.publisher.current.values.first { $0.volumeName == "v1" }!.volumeID)
        }
        #expect(history.map(\.epoch) == [5, 6, 7, 8])
        #expect(history.map(\.reason) == ["created", "expanded", "expanded", "expanded"])
        reopened.stop()
    }

    @Test func deletedVolumesKeepTheirEpochsUsed() async throws {
        let path = scratchPath()
        let controller = try ClusterController(databasePath: path, clock: ManualClock(), logger: Self.logger)
        try register(controller, ["n1"])
        let first = try await controller.createVolume(
            name: "v", sizeBytes: 1 << 30, replicaCount: 1, parameters: [:], caller: "test")
        try await controller.deleteVolume("v", force: false, caller: "test")
        let second = try await controller.createVolume(
            name: "v", sizeBytes: 1 << 30, replicaCount: 1, parameters: [:], caller: "test")
        #expect(second.volume.assignment!.epoch == first.volume.assignment!.epoch + 1)
        #expect(second.volume.id != first.volume.id)
        controller.stop()
    }

    @Test func mutatingRequestsAndMintsAreAudited() async throws {
        let path = scratchPath()
        let controller = try ClusterController(databasePath: path, clock: ManualClock(), logger: Self.logger)
        try register(controller, ["n1", "n2"])
        _ = try await controller.createVolume(
            name: "data", sizeBytes: 1 << 30, replicaCount: 2, parameters: [:], caller: "operator")
        await #expect(throws: ControlError.self) {
            _ = try await controller.createVolume(
                name: "Bad", sizeBytes: 1 << 30, replicaCount: 2, parameters: [:], caller: "operator")
        }
        _ = try await controller.attachVolume("data", node: "w1", readOnly: false, caller: "csi")
        await #expect(throws: ControlError.self) {
            try await controller.deleteVolume("data", force: false, caller: "operator")
        }
        try await controller.detachVolume("data", node: "w1", caller: "csi")
        _ = try await controller.expandVolume("data", sizeBytes: 2 << 30, caller: "operator")
        try await controller.deleteVolume("data", force: false, caller: "operator")
        controller.stop()

        let database = try Database(path: path)
        let rows = try database.statement("SELECT caller, method, request, outcome FROM audit_log ORDER BY id").rows {
            [$0.text(0), $0.text(1), $0.text(2), $0.text(3)]
        }
        let summary = rows.map { "\($0[0]) \($0[1]) \($0[3].split(separator: " ").first ?? "")" }
        #expect(
            summary == [
                "test Register registered", "test Register registered",
                "operator MintAssignment minted:", "operator CreateVolume created",
                "operator CreateVolume refused:",
                "csi AttachVolume attached",
                "operator DeleteVolume refused:",
                "csi DetachVolume detached",
                "operator MintAssignment minted:", "operator ExpandVolume expanded",
                "operator DeleteVolume deleted",
            ])
        #expect(rows[2][2].contains("epoch=1"))
        #expect(rows[4][3].contains("lower-case"))
    }

    /// Every way of minting that SQL or Swift offers, and the one file allowed to use them.
    static let mintingPatterns = [
        "insert into assignments", "insert or replace into assignments", "replace into assignments",
        "update assignments", "update counters", "Blockfence_Control_V1_Assignment()",
    ]
    static let publisherFile = "Sources/ControlCore/Publishing/AssignmentPublisher.swift"

    @Test func onlyThePublisherMints() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let sources = repository.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        var offenders: [String] = []
        var publisherHits = Set<String>()
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let normalized = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for pattern in Self.mintingPatterns where normalized.contains(pattern.lowercased()) {
                if "Sources/" + file == Self.publisherFile {
                    publisherHits.insert(pattern)
                } else {
                    offenders.append("\(file): \(pattern)")
                }
            }
        }
        #expect(offenders.isEmpty, "minting outside the publisher: \(offenders)")
        // The scan finds what it looks for where it is allowed, so it is not looking for nothing.
        #expect(publisherHits.isSuperset(of: ["insert into assignments", "update counters"]))
        #expect(publisherHits.contains("Blockfence_Control_V1_Assignment()"))
    }
}
