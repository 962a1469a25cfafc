import GRDB

extension AppDatabase {
    /// `v6-appointments` (§9): appointments owned by users, with the links computed from their attendees and
    /// organizer. A UID is unique per owner (one meeting may sit in several users' calendars); times are kept as
    /// written (`AppointmentTimeText`) beside their instant, which orders them.
    static func migrateAppointments(_ db: GRDB.Database) throws {
        try db.execute(sql: """
            CREATE TABLE appointments (
                id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
                uid TEXT NOT NULL CHECK (uid <> ''),
                owner_id TEXT NOT NULL REFERENCES users(id),
                title TEXT NOT NULL,
                start_text TEXT NOT NULL,
                start_at INTEGER NOT NULL,
                end_text TEXT NOT NULL,
                end_at INTEGER NOT NULL,
                time_zone TEXT,
                location TEXT,
                description TEXT,
                organizer TEXT,
                attendees TEXT NOT NULL DEFAULT '',
                rrule TEXT,
                exdates TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL CHECK (status IN ('confirmed', 'tentative', 'cancelled')),
                modified_at TEXT NOT NULL,
                icalendar BLOB,
                version INTEGER NOT NULL,
                UNIQUE (owner_id, uid)
            );
            CREATE INDEX appointments_start ON appointments(start_at);
            CREATE TABLE appointment_contacts (
                appointment_id TEXT NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
                contact_id TEXT NOT NULL REFERENCES contacts(id),
                PRIMARY KEY (appointment_id, contact_id)
            ) WITHOUT ROWID;
            CREATE INDEX appointment_contacts_contact ON appointment_contacts(contact_id);
            CREATE TABLE appointment_accounts (
                appointment_id TEXT NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                PRIMARY KEY (appointment_id, account_id)
            ) WITHOUT ROWID;
            CREATE INDEX appointment_accounts_account ON appointment_accounts(account_id);
            CREATE TABLE appointment_users (
                appointment_id TEXT NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
                user_id TEXT NOT NULL REFERENCES users(id),
                PRIMARY KEY (appointment_id, user_id)
            ) WITHOUT ROWID;
            """)
    }
}
