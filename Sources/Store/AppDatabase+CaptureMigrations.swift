import GRDB

extension AppDatabase {
    /// The capture schema (issue #3): address book, messages with their raw copies and sources, activities and their
    /// links, content-addressed attachments, the review queue, mailbox checkpoints and the audit log.
    ///
    /// Invariants kept by constraints: one message row per identity (`messages.identity` unique), at most one
    /// activity and one unmatched entry per message, one stored copy per distinct checksum, a source recorded once.
    static func registerCaptureMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-address-book") { db in
            try db.execute(sql: """
                CREATE TABLE contacts (
                    id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    name TEXT NOT NULL
                );
                CREATE INDEX contacts_account ON contacts(account_id);
                CREATE TABLE contact_addresses (
                    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
                    address TEXT NOT NULL CHECK (address <> '' AND address = lower(trim(address))),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (contact_id, address)
                ) WITHOUT ROWID;
                CREATE INDEX contact_addresses_address ON contact_addresses(address);
                CREATE TABLE users (
                    id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
                    name TEXT NOT NULL
                );
                CREATE TABLE user_addresses (
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    address TEXT NOT NULL CHECK (address <> '' AND address = lower(trim(address))),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (user_id, address)
                ) WITHOUT ROWID;
                CREATE INDEX user_addresses_address ON user_addresses(address);
                CREATE TABLE orders (
                    number INTEGER NOT NULL PRIMARY KEY CHECK (number > 0),
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    description TEXT NOT NULL
                );
                CREATE INDEX orders_account ON orders(account_id);
                """)
        }
        migrator.registerMigration("v2-capture") { db in
            try db.execute(sql: """
                CREATE TABLE messages (
                    id INTEGER PRIMARY KEY,
                    identity TEXT NOT NULL UNIQUE,
                    message_id TEXT,
                    date TEXT,
                    subject TEXT,
                    from_address TEXT,
                    excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
                    created_at TEXT NOT NULL
                );
                CREATE TABLE message_copies (
                    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                    size INTEGER NOT NULL,
                    raw BLOB NOT NULL,
                    PRIMARY KEY (message_id, sha256)
                );
                CREATE TABLE sources (
                    id INTEGER PRIMARY KEY,
                    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    mailbox TEXT NOT NULL,
                    ref TEXT NOT NULL,
                    copy_sha256 TEXT NOT NULL,
                    UNIQUE (message_id, mailbox, ref)
                );
                CREATE TABLE thread_refs (
                    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    parent_identity TEXT NOT NULL,
                    PRIMARY KEY (message_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX thread_refs_parent ON thread_refs(parent_identity);
                CREATE TABLE activities (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    message_id INTEGER NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
                    direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
                    inherited_from TEXT,
                    flags TEXT NOT NULL DEFAULT '',
                    created_at TEXT NOT NULL
                );
                CREATE TABLE activity_contacts (
                    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
                    contact_id TEXT NOT NULL REFERENCES contacts(id),
                    PRIMARY KEY (activity_id, contact_id)
                ) WITHOUT ROWID;
                CREATE INDEX activity_contacts_contact ON activity_contacts(contact_id);
                CREATE TABLE activity_accounts (
                    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    PRIMARY KEY (activity_id, account_id)
                ) WITHOUT ROWID;
                CREATE INDEX activity_accounts_account ON activity_accounts(account_id);
                CREATE TABLE activity_users (
                    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users(id),
                    PRIMARY KEY (activity_id, user_id)
                ) WITHOUT ROWID;
                CREATE TABLE activity_orders (
                    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('linked', 'own', 'unresolved')),
                    number INTEGER NOT NULL CHECK (number > 0),
                    PRIMARY KEY (activity_id, kind, number)
                ) WITHOUT ROWID;
                CREATE INDEX activity_orders_number ON activity_orders(number);
                CREATE TABLE attachment_blobs (
                    sha256 TEXT NOT NULL PRIMARY KEY CHECK (length(sha256) = 64),
                    size INTEGER NOT NULL,
                    data BLOB NOT NULL
                );
                CREATE TABLE activity_attachments (
                    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    sha256 TEXT NOT NULL REFERENCES attachment_blobs(sha256),
                    filename TEXT,
                    content_type TEXT NOT NULL,
                    PRIMARY KEY (activity_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX activity_attachments_blob ON activity_attachments(sha256);
                CREATE TABLE unmatched (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    message_id INTEGER NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
                    reason TEXT NOT NULL CHECK (reason IN ('unparseable', 'auto_generated', 'unknown_sender',
                        'no_user_recipient', 'no_contact_recipient')),
                    status TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'dismissed')),
                    audit TEXT NOT NULL,
                    assigned_contact TEXT REFERENCES contacts(id),
                    dismiss_reason TEXT,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX unmatched_status ON unmatched(status);
                CREATE TABLE mailbox_checkpoints (
                    mailbox TEXT NOT NULL PRIMARY KEY,
                    uid_validity INTEGER NOT NULL,
                    last_uid INTEGER NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL CHECK (actor <> ''),
                    action TEXT NOT NULL,
                    target TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                """)
        }
    }
}
