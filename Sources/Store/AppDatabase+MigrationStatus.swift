extension AppDatabase {
    /// The migrations applied to this database, in the order applied, and those this binary knows (`db status`).
    /// Opening applied the ones missing, and refused a database with unknown ones, so both lists match once open.
    public func migrationStatus() throws -> MigrationStatus {
        // Both engines' migrations carry the same identifiers in the same order.
        MigrationStatus(applied: try appliedMigrations(), known: Self.postgresMigrations.map(\.identifier))
    }
}

/// The schema version of a store: its applied migrations and the ones this binary knows.
public struct MigrationStatus: Sendable, Equatable {
    public var applied: [String]
    public var known: [String]
}
