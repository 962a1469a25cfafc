import Foundation
import GRDB
import StorePostgres
import TestSupport
import Testing
@testable import Store

/// What the store's SQL relies on beyond the tables' shape.
extension PostgresSchemaTests {
    static func insertMessage(_ connection: PostgresConnection, identity: String, id: Int64? = nil) throws -> Int64? {
        let rows = if let id {
            try connection.execute("""
                INSERT INTO messages (id, identity, created_at) VALUES ($1, $2, 't') RETURNING id
                """, [.int(id), .text(identity)])
        } else {
            try connection.execute("INSERT INTO messages (identity, created_at) VALUES ($1, 't') RETURNING id",
                                   [.text(identity)])
        }
        return try rows.first?.int64("id")
    }

    @Test("after rows copied with explicit ids, postgresResetIdentities moves every identity past them")
    func identitiesReset() throws {
        let connection = try Self.migrated()
        for id: Int64 in [1, 2, 40] { _ = try Self.insertMessage(connection, identity: "mid:\(id)", id: id) }
        try connection.execute("""
            INSERT INTO users (id, name, rowid) VALUES ('u1', 'Una', 17)
            """)
        // Without the reset the sequence still starts at 1: the next id collides (what `db copy` must avoid).
        let collision = try #require(throws: PostgresStatementFailed.self) {
            try Self.insertMessage(connection, identity: "mid:new")
        }
        #expect(collision.sqlState == "23505")
        try AppDatabase.postgresResetIdentities(connection)
        #expect(try Self.insertMessage(connection, identity: "mid:new") == 41)
        try connection.execute("INSERT INTO users (id, name) VALUES ('u2', 'Udo')")
        #expect(try connection.execute("SELECT rowid FROM users WHERE id = 'u2'").first?.int64("rowid") == 18)
        // An empty table starts at 1 (its sequence set to 1, not called).
        let run = try connection.execute("""
            INSERT INTO job_runs (job, started_at, state) VALUES ('rating', 't', 'running') RETURNING id
            """)
        #expect(try run.first?.int64("id") == 1)
        // Idempotent: a second reset changes nothing.
        try AppDatabase.postgresResetIdentities(connection)
        #expect(try Self.insertMessage(connection, identity: "mid:next") == 42)
    }

    @Test("the address-book version moves on the same changes as on SQLite (the triggers, row by row)")
    func addressBookVersion() throws {
        let (database, directory) = try Self.sqlite()
        defer { try? FileManager.default.removeItem(at: directory) }
        let connection = try Self.migrated()
        let steps = [
            "INSERT INTO accounts (id, name, type, status, currency, modified_at, change_seq) VALUES ('A1', 'Acme', 'c', 'active', 'EUR', 't', 1)",
            "UPDATE accounts SET rating = 3 WHERE id = 'A1'", // not the name: no change
            "UPDATE accounts SET name = 'Acme AG' WHERE id = 'A1'",
            "INSERT INTO contacts (id, account_id, name) VALUES ('C1', 'A1', 'Ann'), ('C2', 'A1', 'Bob')", // two rows
            "INSERT INTO contact_addresses (contact_id, address, position) VALUES ('C1', 'ann@x.de', 0)",
            "INSERT INTO users (id, name) VALUES ('u1', 'Una')", // users are not watched, their addresses are
            "INSERT INTO user_addresses (user_id, address, position) VALUES ('u1', 'una@y.de', 0)",
            "UPDATE contacts SET name = name WHERE id = 'nobody'", // no row: no change
            "DELETE FROM contacts WHERE id = 'C1'", // the contact and, by cascade, its address
        ]
        var sqliteSeqs: [Int64] = []
        var postgresSeqs: [Int64] = []
        for step in steps {
            try database.write { try $0.execute(sql: step) }
            try connection.execute(step)
            sqliteSeqs.append(try database.read {
                try Int64.fetchOne($0, sql: "SELECT seq FROM address_book_version WHERE id = 1") ?? -1
            })
            postgresSeqs.append(try connection.execute("SELECT seq FROM address_book_version WHERE id = 1")
                .first?.int64("seq") ?? -1)
        }
        #expect(postgresSeqs == sqliteSeqs)
        #expect(sqliteSeqs == [1, 1, 2, 4, 5, 5, 6, 6, 8])
    }

    @Test("text sorts byte by byte as SQLite's BINARY, and the privacy-review filter can use its partial index")
    func collationAndPartialIndex() throws {
        let (database, directory) = try Self.sqlite()
        defer { try? FileManager.default.removeItem(at: directory) }
        let connection = try Self.migrated()
        let names = ["b", "B", "a", "_x", "é", "Z", "a b", "ab"]
        for (index, name) in names.enumerated() {
            let insert = "INSERT INTO users (id, name) VALUES ('u\(index)', '\(name)')"
            try database.write { try $0.execute(sql: insert) }
            try connection.execute(insert)
        }
        let sqliteOrder = try database.read { try String.fetchAll($0, sql: "SELECT name FROM users ORDER BY name") }
        let postgresOrder = try connection.execute("SELECT name FROM users ORDER BY name").map { try $0.string("name") }
        #expect(postgresOrder == sqliteOrder)
        #expect(sqliteOrder == ["B", "Z", "_x", "a", "a b", "ab", "b", "é"])

        // The review listing's condition, as the code writes it, runs on PostgreSQL and matches the index's.
        let id = try #require(try Self.insertMessage(connection, identity: "mid:p"))
        try connection.execute("""
            INSERT INTO activities (message_id, direction, flags, created_at) VALUES ($1, 'incoming', 'x privacy_review', 't')
            """, [.int(id)])
        let condition = "instr(a.flags, 'privacy_review') > 0"
        #expect(try Self.count(connection, "SELECT count(*) AS n FROM activities a WHERE \(condition)") == 1)
        try connection.write { tx in
            try tx.execute("SET LOCAL enable_seqscan = off")
            let plan = try tx.execute("EXPLAIN SELECT a.message_id FROM activities a WHERE \(condition)")
                .map { try $0.string("QUERY PLAN") ?? "" }.joined(separator: "\n")
            #expect(plan.contains("activities_privacy_review"), "\(plan)")
        }
    }

    @Test("undated messages sort last in the review queue's DESC NULLS LAST on both engines, along messages_date")
    func nullsLastAlongTheDateIndex() throws {
        let (database, directory) = try Self.sqlite()
        defer { try? FileManager.default.removeItem(at: directory) }
        let connection = try Self.migrated()
        for (index, date) in ["'2026-01-02T00:00:00Z'", "NULL", "'2026-03-01T00:00:00Z'", "NULL"].enumerated() {
            let insert = "INSERT INTO messages (id, identity, date, created_at) VALUES (\(index + 1), 'm\(index)', \(date), 't')"
            try database.write { try $0.execute(sql: insert) }
            try connection.execute(insert)
        }
        let query = "SELECT identity FROM messages m ORDER BY m.date DESC NULLS LAST, m.id DESC"
        let sqliteOrder = try database.read { try String.fetchAll($0, sql: query) }
        #expect(sqliteOrder == ["m2", "m0", "m3", "m1"])
        #expect(try database.read {
            try String.fetchAll($0, sql: "SELECT identity FROM messages m ORDER BY m.date DESC, m.id DESC")
        } == sqliteOrder) // what the code writes today on SQLite
        #expect(try connection.execute(query).map { try $0.string("identity") } == sqliteOrder)
        try connection.write { tx in
            try tx.execute("SET LOCAL enable_seqscan = off")
            let plan = try tx.execute("EXPLAIN SELECT id FROM messages m ORDER BY m.date DESC NULLS LAST LIMIT 1")
                .map { try $0.string("QUERY PLAN") ?? "" }.joined(separator: "\n")
            #expect(plan.contains("Index Scan Backward using messages_date"), "\(plan)")
        }
    }
}
