import GRDB

extension AppDatabase {
    /// `v4-copies` (issue 9): the unresolved `Order:N` references that can be no order number (0, or beyond 64 bits),
    /// by their digits. `activity_orders.number` is an INTEGER > 0: SQLite would turn such digits into a lossy REAL
    /// or refuse them, and the reference must be kept (§4.7).
    static func migrateCopies(_ db: GRDB.Database) throws {
        try db.execute(sql: """
            CREATE TABLE activity_order_digits (
                activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
                digits TEXT NOT NULL CHECK (digits <> '' AND digits NOT GLOB '*[^0-9]*'),
                PRIMARY KEY (activity_id, digits)
            ) WITHOUT ROWID;
            """)
    }
}
