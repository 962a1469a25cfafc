import Foundation
import GRDB
import StorePostgres

/// The engine under an `AppDatabase`: a GRDB writer on a SQLite file, or a pool of libpq connections to
/// PostgreSQL. Its `read`/`write` have GRDB's meaning on both:
/// - `write`: one transaction; writers are serialised (SQLite's one writer; on PostgreSQL every write transaction
///   first takes one transaction-scoped advisory lock, so the invariants each write method keeps by reading then
///   writing hold across instances exactly as they hold across SQLite's processes);
/// - `read`: one snapshot (PostgreSQL: REPEATABLE READ READ ONLY), concurrent with writers.
/// Both block their thread: callers are Store's synchronous ports, kept off the cooperative pool by their callers.
struct DatabaseEngine: Sendable {
    enum Kind: Sendable {
        case sqlite(any DatabaseWriter)
        case postgres(PostgresConnectionPool)
    }

    let kind: Kind

    /// The advisory lock every PostgreSQL write transaction takes first ("CRM_WRIT" in ASCII).
    static let writeLockKey: Int64 = 0x4352_4D5F_5752_4954

    /// The file, or the database's URL (no password in it), for messages.
    var path: String {
        switch kind {
        case .sqlite(let writer): writer.path
        case .postgres(let pool): pool.configuration.description
        }
    }

    var isPostgres: Bool { if case .postgres = kind { true } else { false } }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        switch kind {
        case .sqlite(let writer):
            return try writer.read { db in try body(Database(.sqlite(db))) }
        case .postgres(let pool):
            return try pool.withConnection { connection in
                try transaction(connection, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
            }
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        switch kind {
        case .sqlite(let writer):
            return try writer.write { db in try body(Database(.sqlite(db))) }
        case .postgres(let pool):
            return try pool.withConnection { connection in
                try transaction(connection, begin: "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(\(Self.writeLockKey))", body)
            }
        }
    }

    /// Outside a transaction (SQLite's VACUUM and PRAGMAs; on PostgreSQL autocommit statements).
    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        switch kind {
        case .sqlite(let writer):
            return try writer.writeWithoutTransaction { db in try body(Database(.sqlite(db))) }
        case .postgres(let pool):
            return try pool.withConnection { connection in try body(Database(.postgres(connection))) }
        }
    }

    private func transaction<T>(_ connection: PostgresConnection, begin: String, _ body: (Database) throws -> T) throws -> T {
        try connection.executeScript(begin)
        do {
            let value = try body(Database(.postgres(connection)))
            // A statement that failed inside `body` (its error caught there) left the transaction aborted: SQLite
            // would commit the rest, PostgreSQL cannot; say so rather than let COMMIT roll back in silence.
            if connection.transactionFailed { throw PostgresTransactionAborted() }
            try connection.executeScript("COMMIT")
            return value
        } catch {
            if connection.isHealthy { _ = try? connection.executeScript("ROLLBACK") }
            throw error
        }
    }
}

/// A write whose transaction PostgreSQL aborted after a failed statement that the code went on from.
struct PostgresTransactionAborted: Error, CustomStringConvertible {
    var description: String { "the PostgreSQL transaction was aborted by an earlier failed statement; nothing was written" }
}

extension AppDatabase {
    /// The migrations applied to this database, in the order applied (`db status`, tests).
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in
            db.isPostgres
                ? try String.fetchAll(db, sql: "SELECT identifier FROM crm_migrations ORDER BY position")
                : try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
    }

    /// The engine's name: "sqlite" or "postgresql".
    public var engineName: String { writer.isPostgres ? "postgresql" : "sqlite" }
}

extension AppDatabase {
    /// The product's tables (the engines' own bookkeeping tables left out), by name.
    public func tableNames() throws -> [String] {
        try writer.read { db in
            db.isPostgres
                ? try String.fetchAll(db, sql: """
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'crm_migrations'
                    ORDER BY table_name
                    """)
                : try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    AND name <> 'grdb_migrations' ORDER BY name
                    """)
        }
    }
}
