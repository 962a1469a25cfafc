import GRDB

extension AppDatabase {
    /// Named, append-only migrations: never edit one that shipped, add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-reference-data") { db in
            try db.execute(sql: """
                CREATE TABLE change_counter (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL
                );
                INSERT INTO change_counter (id, seq) VALUES (1, 0);

                CREATE TABLE accounts (
                    id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
                    name TEXT NOT NULL,
                    type TEXT NOT NULL CHECK (type <> ''),
                    status TEXT NOT NULL CHECK (status <> ''),
                    parent_id TEXT REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED,
                    currency TEXT NOT NULL,
                    rating INTEGER CHECK (rating BETWEEN 1 AND 7),
                    modified_at TEXT NOT NULL,
                    change_seq INTEGER NOT NULL
                );
                CREATE INDEX accounts_parent ON accounts(parent_id);

                CREATE TABLE contracts (
                    id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    item_value TEXT NOT NULL,
                    service_value TEXT NOT NULL,
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    modified_at TEXT NOT NULL,
                    written_seq INTEGER NOT NULL
                );
                CREATE INDEX contracts_account ON contracts(account_id);

                CREATE TABLE rating_rules (
                    id INTEGER PRIMARY KEY,
                    account_type TEXT NOT NULL CHECK (account_type <> ''),
                    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 7),
                    amount_from INTEGER NOT NULL,
                    amount_to INTEGER NOT NULL,
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    CHECK (amount_from <= amount_to)
                );
                CREATE INDEX rating_rules_type ON rating_rules(account_type);

                CREATE TABLE exchange_rates (
                    from_currency TEXT NOT NULL CHECK (length(from_currency) = 3),
                    to_currency TEXT NOT NULL CHECK (length(to_currency) = 3),
                    rate TEXT NOT NULL,
                    valid_from TEXT NOT NULL,
                    PRIMARY KEY (from_currency, to_currency, valid_from)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v1-job-runs") { db in
            try db.execute(sql: """
                CREATE TABLE job_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    job TEXT NOT NULL CHECK (job <> ''),
                    started_at TEXT NOT NULL,
                    ended_at TEXT,
                    state TEXT NOT NULL CHECK (state IN ('running', 'completed', 'failed', 'stopped')),
                    examined INTEGER NOT NULL DEFAULT 0,
                    changed INTEGER NOT NULL DEFAULT 0,
                    messages TEXT NOT NULL DEFAULT '[]'
                );
                CREATE INDEX job_runs_job ON job_runs(job, started_at);
                """)
        }
        migrator.registerMigration("v1-rating-state") { db in
            try db.execute(sql: """
                CREATE TABLE rating_changes (
                    account_id TEXT NOT NULL PRIMARY KEY REFERENCES accounts(id),
                    seq INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE rating_type_changes (
                    account_type TEXT NOT NULL PRIMARY KEY,
                    seq INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE rating_own_totals (
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    currency TEXT NOT NULL,
                    amount TEXT NOT NULL,
                    contracts INTEGER NOT NULL,
                    PRIMARY KEY (account_id, currency)
                ) WITHOUT ROWID;
                CREATE TABLE rating_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    change_seq INTEGER NOT NULL,
                    rates TEXT NOT NULL
                );
                """)
        }
        registerCaptureMigrations(in: &migrator)
        migrator.registerMigration("v3-scheduler") { db in try migrateScheduler(Database(.sqlite(db))) }
        migrator.registerMigration("v4-copies", migrate: migrateCopies)
        registerLimitsMigrations(in: &migrator)
        migrator.registerMigration("v5-logins", migrate: migrateLogins)
        migrator.registerMigration("v5-remembered", migrate: migrateRemembered)
        migrator.registerMigration("v5-daily-counts", migrate: migrateDailyCounts)
        migrator.registerMigration("v5-rejected-suggestions", migrate: migrateRejectedSuggestions)
        migrator.registerMigration("v5-address-book-version", migrate: migrateAddressBookVersion)
        migrator.registerMigration("v6-appointments", migrate: migrateAppointments)
        migrator.registerMigration("v6-pending-runs") { db in try migratePendingRuns(Database(.sqlite(db))) }
        migrator.registerMigration("v6-digest") { db in try migrateDigest(Database(.sqlite(db))) }
        migrator.registerMigration("v6-archives", migrate: migrateArchives)
        migrator.registerMigration("v6-calendar-sync", migrate: migrateCalendarSync)
        return migrator
    }
}
