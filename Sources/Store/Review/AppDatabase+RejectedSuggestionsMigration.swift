import GRDB

extension AppDatabase {
    /// `v5-rejected-suggestions` (issue 10, §8 "by person"): "this contact is not that address", so the candidate
    /// ranking never suggests it again for the address; who rejected it and when. A contact that is deleted takes its
    /// rejections with it.
    static func migrateRejectedSuggestions(_ db: GRDB.Database) throws {
        try db.execute(sql: """
            CREATE TABLE rejected_suggestions (
                address TEXT NOT NULL CHECK (address <> '' AND address = lower(trim(address))),
                contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                actor TEXT NOT NULL CHECK (actor <> ''),
                at TEXT NOT NULL,
                PRIMARY KEY (address, contact_id)
            ) WITHOUT ROWID;
            """)
    }
}
