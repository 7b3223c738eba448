import Foundation
import Testing

@testable import ControlCore

struct DatabaseTests {
    func scratchPath() -> String {
        NSTemporaryDirectory() + "/blockfence-db-\(UUID().uuidString).sqlite"
    }

    @Test("Rows written in a transaction read back, and a failed transaction leaves nothing")
    func transactionsCommitOrRollBack() throws {
        let path = scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let database = try Database(path: path)
        try database.execute("CREATE TABLE things (name TEXT PRIMARY KEY, size INTEGER NOT NULL)")
        try database.transaction {
            try database.statement("INSERT INTO things (name, size) VALUES (?, ?)").run(["a", 1])
            try database.statement("INSERT INTO things (name, size) VALUES (?, ?)").run(["b", 2])
        }
        #expect(throws: DatabaseError.self) {
            try database.transaction {
                try database.statement("INSERT INTO things (name, size) VALUES (?, ?)").run(["c", 3])
                try database.statement("INSERT INTO things (name, size) VALUES (?, ?)").run(["a", 4])
            }
        }
        let rows = try database.statement("SELECT name, size FROM things ORDER BY name").rows {
            ($0.text(0), $0.integer(1))
        }
        #expect(rows.map(\.0) == ["a", "b"])
        #expect(rows.map(\.1) == [1, 2])
    }

    @Test("A unique violation is reported as a constraint violation")
    func reportsConstraintViolations() throws {
        let path = scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let database = try Database(path: path)
        try database.execute("CREATE TABLE things (name TEXT PRIMARY KEY)")
        try database.statement("INSERT INTO things (name) VALUES (?)").run(["a"])
        do {
            try database.statement("INSERT INTO things (name) VALUES (?)").run(["a"])
            Issue.record("the second insert should fail")
        } catch {
            #expect(error.isConstraintViolation)
        }
    }

    @Test("The database runs in WAL mode with full synchronous commits")
    func usesDurableSettings() throws {
        let path = scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let database = try Database(path: path)
        #expect(try database.statement("PRAGMA journal_mode").rows { $0.text(0) } == ["wal"])
        #expect(try database.statement("PRAGMA synchronous").rows { $0.integer(0) } == [2])
    }
}
