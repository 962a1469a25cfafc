import CRMCore
import Jobs
import Store

/// Opens the database named by `--db`, `--config` or `database.*` (created and migrated on first use).
public enum DatabaseOpener {
    public static func open(_ location: DatabaseLocation) throws -> AppDatabase { try AppDatabase.open(location) }

    /// A SQLite file.
    public static func open(_ path: String) throws -> AppDatabase { try open(.sqlite(path: path)) }
}

/// Names the executable uses without importing Store, Jobs or CRMCore.
public typealias StoreDatabase = AppDatabase
public typealias RatingFinding = RuleValidator.Finding
public typealias ImportResult = ImportSummary
public typealias StoreLocation = DatabaseLocation
public typealias MigrationStatus = Store.MigrationStatus
