import Foundation
import GRDB
import StorePostgres
import TestSupport
import Testing
@testable import Store

/// Issue 14: the PostgreSQL schema is the SQLite one, migration for migration (`AppDatabase.postgresMigrator`).
@Suite("PostgreSQL schema (issue 14)", .serialized,
       .enabled(if: Prerequisite.met(PostgreSQL.isAvailable), "needs PostgreSQL 15"), .postgresSchemaCluster)
struct PostgresSchemaTests {
    /// A SQLite file in a temporary directory that `AppDatabase.open(path:)` migrated, opened again through GRDB
    /// (foreign keys on, as the store has them) for the test to read and write it as it is.
    static func sqlite() throws -> (database: GRDB.DatabaseQueue, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgschema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("crm.sqlite").path
        _ = try AppDatabase.open(path: path)
        var configuration = GRDB.Configuration()
        configuration.foreignKeysEnabled = true
        return (try GRDB.DatabaseQueue(path: path, configuration: configuration), directory)
    }

    static func migrated() throws -> PostgresConnection {
        let connection = try PostgresSchemaCluster.newDatabase()
        try AppDatabase.postgresMigrator.migrate(connection)
        return connection
    }

    static func count(_ connection: PostgresConnection, _ sql: String) throws -> Int64? {
        try connection.execute(sql).first?.int64("n")
    }

    @Test("a new database gets the SQLite migrator's identifiers, in its order; a second migrate does nothing")
    func identifiersInOrder() throws {
        let connection = try PostgresSchemaCluster.newDatabase()
        let sqliteIdentifiers = AppDatabase.migrator.migrations
        #expect(sqliteIdentifiers.count >= 19)
        #expect(try AppDatabase.postgresMigrator.migrate(connection) == sqliteIdentifiers)
        #expect(try PostgresMigrator.appliedIdentifiers(connection) == sqliteIdentifiers)
        #expect(try AppDatabase.postgresMigrator.migrate(connection) == [])
        #expect(try Self.count(connection, "SELECT count(*) AS n FROM crm_migrations") == Int64(sqliteIdentifiers.count))
    }

    @Test("a database a newer release migrated (an identifier this binary does not know) is refused, untouched")
    func newerReleaseRefused() throws {
        let connection = try Self.migrated()
        try connection.execute("INSERT INTO crm_migrations (identifier) VALUES ('v99-from-the-future')")
        let error = try #require(throws: PostgresDatabaseFromNewerRelease.self) {
            try AppDatabase.postgresMigrator.migrate(connection)
        }
        #expect(error.unknownMigrations == ["v99-from-the-future"])
    }

    @Test("every SQLite table exists on PostgreSQL with the same columns, NOT NULLs, defaults, indexes and foreign keys")
    func schemaParity() throws {
        let (database, directory) = try Self.sqlite()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (tables, triggers) = try database.read { db in
            (try SQLiteTable.all(db),
             Set(try GRDB.Row.fetchAll(db, sql: "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
                .map { "\($0[1] as String).\($0[0] as String)" }))
        }
        #expect(tables.count >= 40)
        let connection = try Self.migrated()
        #expect(try TableShape.postgresTables(connection) == tables.map(\.table.name))
        for (table, primaryKey) in tables {
            let expected = table.postgresShape(primaryKeyColumns: primaryKey)
            let actual = try TableShape.postgres(connection, table: table.name)
            #expect(actual == expected, "table \(table.name)")
        }
        let pgTriggers = try connection.execute("""
            SELECT c.relname AS tbl, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal
            """).map { "\(try $0.string("tbl") ?? "").\(try $0.string("name") ?? "")" }
        #expect(triggers.count == 12)
        #expect(Set(pgTriggers) == triggers)
        // Text compares byte by byte as SQLite's BINARY does, whatever the server's locale.
        let collations = try connection.execute("""
            SELECT DISTINCT coalesce(collation_name, '(default)') AS c FROM information_schema.columns
            WHERE table_schema = current_schema() AND data_type = 'text' AND table_name <> 'crm_migrations'
            """).map { try $0.string("c") }
        #expect(collations == ["C"])
    }

    /// Runs `statements` on both engines, each in its own transaction; whether each is accepted. `BLOB_A` is the
    /// one-byte blob "A" (the dialects have no common blob literal).
    static func accepted(_ statements: [String], sqlite: GRDB.DatabaseQueue, postgres: PostgresConnection) -> [[Bool]] {
        [statements.map { sql in
            (try? sqlite.write { try $0.execute(sql: sql.replacingOccurrences(of: "BLOB_A", with: "X'41'")) }) != nil
        }, statements.map { sql in
            (try? postgres.execute(sql.replacingOccurrences(of: "BLOB_A", with: #"'\x41'::bytea"#))) != nil
        }]
    }

    @Test("constraints accept and refuse the same rows on both engines (checks, cascades, restricted deletes)")
    func sameConstraints() throws {
        let (database, directory) = try Self.sqlite()
        defer { try? FileManager.default.removeItem(at: directory) }
        let connection = try Self.migrated()
        let statements = [
            "INSERT INTO accounts (id, name, type, status, currency, modified_at, change_seq) VALUES ('A1', 'Acme', 'customer', 'active', 'EUR', 't', 1)",
            "INSERT INTO accounts (id, name, type, status, currency, rating, modified_at, change_seq) VALUES ('A2', 'X', 'customer', 'active', 'EUR', 9, 't', 1)",
            "INSERT INTO contacts (id, account_id, name) VALUES ('C1', 'A1', 'Ann')",
            "INSERT INTO contacts (id, account_id, name) VALUES ('C2', 'nobody', 'Bob')",
            // SQLite's lower() folds ASCII only: an upper-case non-ASCII letter passes, an upper-case ASCII one not.
            "INSERT INTO contact_addresses (contact_id, address, position) VALUES ('C1', 'Ümit@x.de', 0)",
            "INSERT INTO contact_addresses (contact_id, address, position) VALUES ('C1', 'Ann@x.de', 1)",
            "INSERT INTO contact_addresses (contact_id, address, position) VALUES ('C1', ' ann@x.de', 1)",
            "INSERT INTO messages (id, identity, excluded, created_at) VALUES (7, 'mid:a@x', 0, 't')",
            "INSERT INTO messages (id, identity, excluded, created_at) VALUES (8, 'mid:a@x', 0, 't')",
            "INSERT INTO messages (id, identity, excluded, created_at) VALUES (9, 'mid:b@x', 2, 't')",
            "INSERT INTO message_copies (message_id, sha256, size, raw) VALUES (7, '\(String(repeating: "a", count: 64))', 1, BLOB_A)",
            "INSERT INTO sources (message_id, mailbox, ref, copy_sha256) VALUES (7, 'box', '1:5', 'a')",
            "INSERT INTO sources (message_id, mailbox, ref, copy_sha256) VALUES (7, 'box', '1:5', 'a')",
            "INSERT INTO activities (id, message_id, direction, created_at) VALUES (3, 7, 'incoming', 't')",
            "INSERT INTO activity_contacts (activity_id, contact_id) VALUES (3, 'C1')",
            "INSERT INTO activity_order_digits (activity_id, digits) VALUES (3, '0')",
            "INSERT INTO activity_order_digits (activity_id, digits) VALUES (3, '12a')",
            "INSERT INTO unmatched (id, message_id, reason, status, audit, updated_at) VALUES (4, 7, 'too_large', 'open', '', 't')",
            "INSERT INTO unmatched (id, message_id, reason, status, audit, updated_at) VALUES (5, 7, 'bogus', 'open', '', 't')",
            "INSERT INTO users (id, name) VALUES ('u1', 'Una')",
            "INSERT INTO digest_entries (user_id, unmatched_id, sent_at) VALUES ('u1', 4, 't')",
            "INSERT INTO login_rights (user_id, \"right\") VALUES ('u1', 'review')",
            "INSERT INTO login_rights (user_id, \"right\") VALUES ('u1', 'root')",
            "INSERT INTO audit_log (at, actor, action, target, detail) VALUES ('t', 'cli-user', 'a', 'b', 'c')",
            "INSERT INTO audit_log (at, actor, action, target, detail, origin) VALUES ('t', 'x', 'a', 'b', 'c', 'web')",
            "INSERT INTO rating_rules (account_type, rating, amount_from, amount_to, currency) VALUES ('c', 1, 5, 4, 'EUR')",
            "DELETE FROM contacts WHERE id = 'C1'", // an activity links it: refused
            "DELETE FROM activity_contacts",
            "DELETE FROM contacts WHERE id = 'C1'", // now it may go, its addresses with it
            "DELETE FROM messages WHERE id = 7", // cascades to copies, sources, activity, unmatched, digest entry
            "INSERT INTO job_runs (job, started_at, state) VALUES ('rating', 't', 'running')",
            "INSERT INTO job_runs (job, started_at, state, pending_run) VALUES ('rating', 't', 'running', 1)",
            "INSERT INTO job_runs (job, started_at, state, pending_run) VALUES ('rating', 't', 'running', 1)",
        ]
        let results = Self.accepted(statements, sqlite: database, postgres: connection)
        for (index, statement) in statements.enumerated() {
            #expect(results[0][index] == results[1][index], "SQLite \(results[0][index]), PostgreSQL \(results[1][index]): \(statement)")
        }
        #expect(results[0].filter { !$0 }.count == 14) // the refusals above happen (on SQLite too)
        for table in ["message_copies", "sources", "activities", "unmatched", "digest_entries", "contact_addresses"] {
            #expect(try Self.count(connection, "SELECT count(*) AS n FROM \(table)") == 0, "\(table)")
        }
        #expect(try Self.count(connection, "SELECT count(*) AS n FROM audit_log WHERE origin = 'cli'") == 1)
    }
}
