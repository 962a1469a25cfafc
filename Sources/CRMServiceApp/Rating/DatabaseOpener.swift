import CRMCore
import Jobs
import Store

/// Opens the database named by `--db` (created and migrated on first use).
public enum DatabaseOpener {
    public static func open(_ path: String) throws -> AppDatabase { try AppDatabase.open(path: path) }
}

/// Names the executable uses without importing Store, Jobs or CRMCore.
public typealias StoreDatabase = AppDatabase
public typealias RatingFinding = RuleValidator.Finding
public typealias ImportResult = ImportSummary
