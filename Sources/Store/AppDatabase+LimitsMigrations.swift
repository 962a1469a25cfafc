import GRDB

extension AppDatabase {
    /// The schema of INTERFACE.md §12 (issue 9):
    /// - `v4-unmatched-limits`: the review queue accepts the reasons `too_large` and `unprocessable` (SQLite cannot
    ///   change a CHECK constraint, so the table is rebuilt with its rows and ids; GRDB checks foreign keys after).
    /// - `v4-capture-attempts`: failed capture attempts per mailbox, UIDVALIDITY and UID, so that the count of a
    ///   message's own failures survives a restart.
    static func registerLimitsMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-unmatched-limits") { db in
            try db.execute(sql: """
                CREATE TABLE unmatched_new (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    message_id INTEGER NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
                    reason TEXT NOT NULL CHECK (reason IN ('unparseable', 'auto_generated', 'unknown_sender',
                        'no_user_recipient', 'no_contact_recipient', 'too_large', 'unprocessable')),
                    status TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'dismissed')),
                    audit TEXT NOT NULL,
                    assigned_contact TEXT REFERENCES contacts(id),
                    dismiss_reason TEXT,
                    updated_at TEXT NOT NULL
                );
                INSERT INTO unmatched_new (id, message_id, reason, status, audit, assigned_contact, dismiss_reason, updated_at)
                    SELECT id, message_id, reason, status, audit, assigned_contact, dismiss_reason, updated_at FROM unmatched;
                DROP TABLE unmatched;
                ALTER TABLE unmatched_new RENAME TO unmatched;
                CREATE INDEX unmatched_status ON unmatched(status);
                """)
        }
        migrator.registerMigration("v4-capture-attempts") { db in
            try db.execute(sql: """
                CREATE TABLE capture_attempts (
                    mailbox TEXT NOT NULL,
                    uid_validity INTEGER NOT NULL,
                    uid INTEGER NOT NULL,
                    attempts INTEGER NOT NULL CHECK (attempts > 0),
                    last_error TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (mailbox, uid_validity, uid)
                ) WITHOUT ROWID;
                """)
        }
    }
}
