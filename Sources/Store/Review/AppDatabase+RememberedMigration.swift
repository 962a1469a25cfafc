import GRDB

extension AppDatabase {
    /// `v5-remembered` (issue 10, §8 "remember"): what people taught the review queue, kept apart from the imported
    /// address book so that a re-import of `contacts.csv` (which replaces a contact's addresses with the file's)
    /// never forgets it.
    /// - `remembered_addresses`: an address that is one of a contact's addresses (remembered, or given when the
    ///   contact was added from the console). The address book snapshot adds them to the contact's own.
    /// - `never_capture_addresses`: addresses never to be captured (§4.9), beside the configuration's list.
    /// - `messages.from_name`: the sender's display name, which the queue's text filter searches (messages captured
    ///   before have none: the filter finds them by address and subject only).
    /// - indexes for the console's pages (§8, 20,000 open entries among 100,000 activities): `audit_log.target` (an
    ///   entry's page lists the actions on it), `messages.date` (the queue, newest first, walks it and stops after a
    ///   page), `sources.mailbox` (the filter form's mailboxes), and a partial index of the activities flagged
    ///   `privacy_review` (their filter reads only them).
    static func migrateRemembered(_ db: GRDB.Database) throws {
        try db.execute(sql: """
            CREATE TABLE remembered_addresses (
                contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                address TEXT NOT NULL CHECK (address <> '' AND address = lower(trim(address))),
                remembered_at TEXT NOT NULL,
                remembered_by TEXT NOT NULL CHECK (remembered_by <> ''),
                PRIMARY KEY (contact_id, address)
            ) WITHOUT ROWID;
            CREATE INDEX remembered_addresses_address ON remembered_addresses(address);
            CREATE TABLE never_capture_addresses (
                address TEXT NOT NULL PRIMARY KEY CHECK (address <> '' AND address = lower(trim(address))),
                added_at TEXT NOT NULL,
                added_by TEXT NOT NULL CHECK (added_by <> '')
            ) WITHOUT ROWID;
            ALTER TABLE messages ADD COLUMN from_name TEXT;
            CREATE INDEX audit_log_target ON audit_log(target);
            CREATE INDEX messages_date ON messages(date);
            CREATE INDEX unmatched_status_reason ON unmatched(status, reason);
            CREATE INDEX sources_mailbox ON sources(mailbox);
            CREATE INDEX activities_privacy_review ON activities(message_id) WHERE instr(flags, 'privacy_review') > 0;
            """)
    }
}
