import GRDB

extension AppDatabase {
    /// The migrations applied to this database, in the order applied, and those this binary knows (`db status`).
    /// Opening applied the ones missing, and refused a database with unknown ones, so both lists match once open.
    public func migrationStatus() throws -> MigrationStatus {
        let known = Self.migrator.migrations
        let applied = try writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        return MigrationStatus(applied: applied, known: known)
    }
}

/// The schema version of a store: its applied migrations and the ones this binary knows.
public struct MigrationStatus: Sendable, Equatable {
    public var applied: [String]
    public var known: [String]
}
