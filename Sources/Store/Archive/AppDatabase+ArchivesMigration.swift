import GRDB

extension AppDatabase {
    /// `v6-archives` (issue 12, §10): archives and their data.
    /// - `archives`: one row an archive, kept after `delete` (state `deleted`) and `restore` (state `restored`).
    /// - `archive_chunks`: the archive's stream (`Archive.ArchiveFraming`) in independently deflated blocks of about
    ///   1 MiB of input each, in order; a rowid table (large rows do not belong in a WITHOUT ROWID b-tree).
    /// - `archived_messages`: the messages whose raw copies and sources are in an archive. The message row itself
    ///   stays, so a new copy of it is still a duplicate (§4.8), and so do its activity's links (the stub of §10).
    /// - `archived_unmatched`: the unmatched entries moved into an archive, so that acting on one names it (§10).
    static func migrateArchives(_ db: GRDB.Database) throws {
        try db.execute(sql: """
            CREATE TABLE archives (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL CHECK (created_by <> ''),
                cutoff TEXT NOT NULL,
                activities INTEGER NOT NULL,
                unmatched INTEGER NOT NULL,
                job_runs INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('available', 'deleted', 'restored')),
                changed_at TEXT NOT NULL
            );
            CREATE TABLE archive_chunks (
                id INTEGER PRIMARY KEY,
                archive_id INTEGER NOT NULL REFERENCES archives(id),
                seq INTEGER NOT NULL CHECK (seq >= 0),
                data BLOB NOT NULL,
                UNIQUE (archive_id, seq)
            );
            CREATE TABLE archived_messages (
                message_id INTEGER NOT NULL PRIMARY KEY REFERENCES messages(id),
                archive_id INTEGER NOT NULL REFERENCES archives(id)
            );
            CREATE INDEX archived_messages_archive ON archived_messages(archive_id);
            CREATE TABLE archived_unmatched (
                id INTEGER NOT NULL PRIMARY KEY,
                archive_id INTEGER NOT NULL REFERENCES archives(id)
            );
            CREATE INDEX archived_unmatched_archive ON archived_unmatched(archive_id);
            """)
    }
}
