import GRDB

extension AppDatabase {
    /// `v7-leases` (issue 14): one row per lease key, kept after release so that its fencing token only ever rises.
    /// Times are milliseconds since 1970 on the database's clock (`leaseClock`): whole seconds, the text times of the
    /// other tables, are too coarse for a lease renewed every few seconds.
    static func migrateLeases(_ db: GRDB.Database) throws {
        try db.execute(sql: """
            CREATE TABLE leases (
                lease_key TEXT NOT NULL PRIMARY KEY CHECK (lease_key <> ''),
                holder TEXT NOT NULL CHECK (holder <> ''),
                token INTEGER NOT NULL,
                acquired_at_ms INTEGER NOT NULL,
                expires_at_ms INTEGER NOT NULL
            );
            """)
    }
}
