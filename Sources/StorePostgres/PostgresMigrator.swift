/// Named, versioned schema migrations for PostgreSQL, the counterpart of GRDB's `DatabaseMigrator`: the identifiers
/// applied are recorded in `crm_migrations` (as GRDB's `grdb_migrations`), in the order they were registered.
///
/// Several instances may start together: each migration runs in its own transaction that first takes
/// `pg_advisory_xact_lock(lockKey)`, then re-reads what is applied, so exactly one instance applies it and the
/// others find it done. A database where an identifier this binary does not know is applied was migrated by a
/// newer release and is refused (`PostgresDatabaseFromNewerRelease`), as `AppDatabase` refuses such a SQLite file.
public struct PostgresMigrator: Sendable {
    public typealias Migration = @Sendable (PostgresConnection) throws -> Void

    /// The advisory lock every migrating transaction holds: "CRM_MIGR" in ASCII, one key for the whole database.
    public static let lockKey: Int64 = 0x4352_4D5F_4D49_4752

    public private(set) var migrations: [(identifier: String, body: Migration)] = []

    public init() {}

    /// Adds a migration after the registered ones. Identifiers are permanent: a released one is never renamed.
    public mutating func registerMigration(_ identifier: String, _ body: @escaping Migration) {
        precondition(!migrations.contains { $0.identifier == identifier }, "migration \(identifier) registered twice")
        migrations.append((identifier, body))
    }

    /// The identifiers recorded in `crm_migrations`, in the order applied; empty on a new database.
    public static func appliedIdentifiers(_ connection: PostgresConnection) throws -> [String] {
        let exists = try connection.execute("SELECT to_regclass('crm_migrations') IS NOT NULL AS present")
        guard try exists.first?.bool("present") == true else { return [] }
        return try connection.execute("SELECT identifier FROM crm_migrations ORDER BY position")
            .map { try $0.string("identifier") ?? "" }
    }

    /// Applies the migrations `connection`'s database lacks, each in its own transaction under the advisory lock;
    /// returns the identifiers this call applied (empty when another instance, or an earlier run, did them all).
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws -> [String] {
        try refuseNewerRelease(connection, applied: Self.appliedIdentifiers(connection))
        var appliedNow: [String] = []
        for migration in migrations {
            // READ COMMITTED: the statements after the lock must see what the instance that held it committed
            // (a SERIALIZABLE snapshot would be taken before the lock is granted).
            let ran = try connection.write(isolation: .readCommitted) { tx -> Bool in
                try tx.execute("SELECT pg_advisory_xact_lock($1)", [.int(Self.lockKey)])
                try tx.execute("""
                    CREATE TABLE IF NOT EXISTS crm_migrations (
                        identifier TEXT PRIMARY KEY,
                        position BIGINT GENERATED ALWAYS AS IDENTITY,
                        applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """)
                let applied = try Self.appliedIdentifiers(tx)
                try refuseNewerRelease(tx, applied: applied)
                if applied.contains(migration.identifier) { return false }
                try migration.body(tx)
                try tx.execute("INSERT INTO crm_migrations (identifier) VALUES ($1)", [.text(migration.identifier)])
                return true
            }
            if ran { appliedNow.append(migration.identifier) }
        }
        return appliedNow
    }

    private func refuseNewerRelease(_ connection: PostgresConnection, applied: [String]) throws {
        let known = Set(migrations.map(\.identifier))
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw PostgresDatabaseFromNewerRelease(database: connection.configuration, unknownMigrations: unknown)
        }
    }
}

/// The database was migrated by a newer release: this binary would misread a schema it does not know.
public struct PostgresDatabaseFromNewerRelease: Error, CustomStringConvertible {
    public var database: PostgresConfiguration
    public var unknownMigrations: [String]
    public var description: String {
        "\(database) was migrated by a newer release of crmservice (unknown migrations: "
            + "\(unknownMigrations.joined(separator: ", "))); run that release or a newer one"
    }
}
