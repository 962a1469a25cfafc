import GRDB

extension AppDatabase {
    /// `v5-logins` (issue 10, §8): the console's logins, their rights, password hashes, login attempts and sessions,
    /// and where each audited action came from.
    ///
    /// Every row hangs on a user of `users.csv` with `ON DELETE CASCADE`. `import users` upserts by id and never
    /// deletes, so re-importing keeps every user's password, rights and sessions (a renamed user keeps them too: the
    /// id is the login). Should a user row ever be deleted, its password, rights, attempts and sessions go with it,
    /// and a user later imported under the same id starts without any; the audit log keeps its history as text.
    ///
    /// `login_attempts` feeds the lockout (§8) and is pruned to a day per user as attempts are recorded; the audit log
    /// keeps every attempt. `console_sessions` holds the SHA-256 of the cookie's token, never the token.
    /// `audit_log.origin`: `cli` or `console`; entries written before are from the CLI (the only place a person could
    /// act).
    static func migrateLogins(_ db: GRDB.Database) throws {
        try db.execute(sql: """
            CREATE TABLE login_rights (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                "right" TEXT NOT NULL CHECK ("right" IN ('review', 'rating-rules', 'rating-run', 'archive', 'scheduler',
                    'import', 'admin')),
                PRIMARY KEY (user_id, "right")
            ) WITHOUT ROWID;
            CREATE TABLE login_passwords (
                user_id TEXT NOT NULL PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                hash TEXT NOT NULL CHECK (hash <> ''),
                set_at TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE login_attempts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                at TEXT NOT NULL,
                succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
                origin TEXT NOT NULL CHECK (origin <> '')
            );
            CREATE INDEX login_attempts_user ON login_attempts(user_id, succeeded, at);
            CREATE TABLE console_sessions (
                token_hash TEXT NOT NULL PRIMARY KEY CHECK (length(token_hash) = 64),
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL CHECK (csrf_token <> ''),
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX console_sessions_user ON console_sessions(user_id);
            CREATE INDEX console_sessions_last_seen ON console_sessions(last_seen_at);
            ALTER TABLE audit_log ADD COLUMN origin TEXT NOT NULL DEFAULT 'cli' CHECK (origin IN ('cli', 'console'));
            """)
    }
}
