import GRDB

extension AppDatabase {
    /// `v6-calendar-sync` (§9): per user the collection's sync token (and a pending `--allow-mass-delete`); per
    /// event (owner, UID) the href, ETag, the appointment version both sides agreed on and a hash of the resource.
    static func migrateCalendarSync(_ db: GRDB.Database) throws {
        try db.execute(sql: """
            CREATE TABLE calendar_sync_users (
                owner_id TEXT NOT NULL PRIMARY KEY REFERENCES users(id),
                token TEXT,
                mass_delete_allowed INTEGER NOT NULL DEFAULT 0 CHECK (mass_delete_allowed IN (0, 1))
            ) WITHOUT ROWID;
            CREATE TABLE calendar_sync_entries (
                owner_id TEXT NOT NULL REFERENCES users(id),
                uid TEXT NOT NULL CHECK (uid <> ''),
                href TEXT NOT NULL,
                etag TEXT NOT NULL,
                version INTEGER NOT NULL,
                resource_hash TEXT NOT NULL,
                PRIMARY KEY (owner_id, uid)
            ) WITHOUT ROWID;
            """)
    }
}
