extension AppDatabase {
    /// Opens the store at `location` (created and migrated on first use; a database a newer release migrated is
    /// refused on either store).
    public static func open(_ location: DatabaseLocation) throws -> AppDatabase {
        switch location {
        case .sqlite(let path): return try open(path: path)
        case .postgres: throw PostgresNotYetAvailable()
        }
    }
}

/// Interim, until the PostgreSQL engine of issue 14 lands.
struct PostgresNotYetAvailable: Error, CustomStringConvertible {
    var description: String { "PostgreSQL is not available in this build yet" }
}
