import StorePostgres
import TestSupport
import Testing

@Suite("PostgreSQL pool and migrations (issue 14)", .serialized,
       .enabled(if: Prerequisite.met(PostgreSQL.isAvailable), "needs PostgreSQL 15"), .sharedPostgreSQL)
struct PostgresPoolAndMigratorTests {
    @Test("the pool opens at most N connections: the N+1th checkout waits, then fails naming the pool's size")
    func poolIsBounded() throws {
        let (server, configuration) = try SharedPostgreSQL.database()
        let pool = PostgresConnectionPool(configuration: configuration, password: server.password, size: 2)
        try pool.withConnection { first in
            try pool.withConnection { _ in
                let sessions = try first.execute(
                    "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()")
                #expect(try sessions.first?.int64("n") == 2)
                let error = try #require(throws: PostgresPoolExhausted.self) {
                    try pool.withConnection(timeout: .milliseconds(200)) { _ in }
                }
                #expect(error.size == 2)
                #expect(error.description.contains("all 2 of the pool are in use"))
            }
        }
        // Given back: the next checkouts reuse them, none is opened beyond the bound.
        for _ in 0..<5 { try pool.withConnection { try $0.execute("SELECT 1") } }
        #expect(pool.openConnections <= 2)
    }

    @Test("a connection that broke is replaced by the next checkout")
    func brokenConnectionReplaced() throws {
        let (server, configuration) = try SharedPostgreSQL.database()
        let pool = PostgresConnectionPool(configuration: configuration, password: server.password, size: 1)
        let firstPID = try pool.withConnection { try $0.execute("SELECT pg_backend_pid() AS pid").first?.int64("pid") }
        // The server ends the session (as on a restart or an administrator's pg_terminate_backend).
        try pool.withConnection { connection in
            _ = try? connection.execute("SELECT pg_terminate_backend(pg_backend_pid())")
            _ = try? connection.execute("SELECT 1")
            #expect(!connection.isHealthy)
        }
        let secondPID = try pool.withConnection { try $0.execute("SELECT pg_backend_pid() AS pid").first?.int64("pid") }
        #expect(secondPID != nil && secondPID != firstPID)
        #expect(pool.openConnections == 1)
    }

    @Test("a pooled write rolls back what it left open when it throws")
    func pooledWriteRollsBack() throws {
        let (server, configuration) = try SharedPostgreSQL.database()
        let pool = PostgresConnectionPool(configuration: configuration, password: server.password, size: 1)
        try pool.withConnection { try $0.execute("CREATE TABLE items (id BIGINT PRIMARY KEY)") }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try pool.write { tx in
                try tx.execute("INSERT INTO items VALUES (1)")
                throw Stop()
            }
        }
        #expect(try pool.withConnection { try $0.execute("SELECT count(*) AS n FROM items").first?.int64("n") } == 0)
    }

    static func migrator(_ identifiers: [String]) -> PostgresMigrator {
        var migrator = PostgresMigrator()
        for identifier in identifiers {
            // No IF NOT EXISTS: a migration run twice fails.
            migrator.registerMigration(identifier) { tx in
                try tx.execute("CREATE TABLE \(identifier) (id BIGINT PRIMARY KEY)")
            }
        }
        return migrator
    }

    @Test("migrations apply once, in order, recorded by name; a second run finds nothing to do")
    func migrationsApplyOnce() throws {
        let (_, connection) = try SharedPostgreSQL.connect()
        let migrator = Self.migrator(["m1_accounts", "m2_contacts", "m3_activities"])
        #expect(try migrator.migrate(connection) == ["m1_accounts", "m2_contacts", "m3_activities"])
        #expect(try PostgresMigrator.appliedIdentifiers(connection) == ["m1_accounts", "m2_contacts", "m3_activities"])
        #expect(try migrator.migrate(connection) == [])
        let tables = try connection.execute(
            "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'm%'")
        #expect(try tables.first?.int64("n") == 3)
    }

    @Test("a migration that fails leaves neither its changes nor its record")
    func failedMigrationRolledBack() throws {
        let (_, connection) = try SharedPostgreSQL.connect()
        var migrator = Self.migrator(["m1_accounts"])
        migrator.registerMigration("m2_broken") { tx in
            try tx.execute("CREATE TABLE m2_half (id BIGINT)")
            try tx.execute("SELECT no_such_column FROM m1_accounts")
        }
        #expect(throws: PostgresStatementFailed.self) { try migrator.migrate(connection) }
        #expect(try PostgresMigrator.appliedIdentifiers(connection) == ["m1_accounts"])
        #expect(try connection.execute("SELECT to_regclass('m2_half') IS NULL AS gone").first?.bool("gone") == true)
    }

    @Test("four instances migrating together apply each migration exactly once (pg_advisory_xact_lock)")
    func concurrentRunnersApplyOnce() throws {
        let (server, configuration) = try SharedPostgreSQL.database()
        let identifiers = (1...6).map { "m\($0)_table" }
        let migrator = Self.migrator(identifiers)
        let connections = try (0..<4).map { _ in try PostgresConnection.connect(configuration, password: server.password) }
        let results = onThreads(connections.map { connection in { try migrator.migrate(connection) } })
        let applied = try results.flatMap { try $0.get() }
        #expect(applied.sorted() == identifiers.sorted())
        #expect(try PostgresMigrator.appliedIdentifiers(connections[0]) == identifiers)
    }

    @Test("a database migrated by a newer release is refused, naming the migrations this binary does not know")
    func newerReleaseRefused() throws {
        let (_, connection) = try SharedPostgreSQL.connect()
        try Self.migrator(["m1_accounts", "m2_contacts", "m3_future"]).migrate(connection)
        let older = Self.migrator(["m1_accounts", "m2_contacts"])
        let error = try #require(throws: PostgresDatabaseFromNewerRelease.self) { try older.migrate(connection) }
        #expect(error.unknownMigrations == ["m3_future"])
        #expect(error.description.contains("m3_future"))
    }
}
