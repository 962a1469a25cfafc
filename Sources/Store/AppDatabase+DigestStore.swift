import CRMCore
import Foundation

/// The users' digest (§11) over SQLite: `v6-digest` keeps, per user, the end of the period of their last accepted
/// digest and every entry it listed, so that an entry is listed to a user once.
extension AppDatabase: DigestStore {
    /// `v6-digest`. `digest_entries` follows the entries (an entry removed with its message takes its record along);
    /// users are never deleted (imports upsert them).
    static func migrateDigest(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE digest_users (
                user_id TEXT NOT NULL PRIMARY KEY REFERENCES users(id),
                last_as_of TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE digest_entries (
                user_id TEXT NOT NULL REFERENCES users(id),
                unmatched_id INTEGER NOT NULL REFERENCES unmatched(id) ON DELETE CASCADE,
                sent_at TEXT NOT NULL,
                PRIMARY KEY (user_id, unmatched_id)
            ) WITHOUT ROWID;
            CREATE INDEX digest_entries_entry ON digest_entries(unmatched_id);
            """)
    }

    /// The most of a stored copy the digest reads: its header section is far smaller.
    static let digestHeaderBytes = 256 * 1024

    public func digestRecipients() throws -> [DigestRecipient] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT u.id, u.name,
                       (SELECT a.address FROM user_addresses a WHERE a.user_id = u.id ORDER BY a.position LIMIT 1),
                       d.last_as_of
                FROM users u LEFT JOIN digest_users d ON d.user_id = u.id
                ORDER BY u.id
                """).map { row in
                let address: String? = row[2]
                let last: String? = row[3]
                return DigestRecipient(user: UserID(row[0] as String), name: row[1],
                                       address: address.flatMap { EmailAddress($0) }, lastDigest: last.flatMap(Self.date))
            }
        }
    }

    public func digestCandidates(capturedSince: Date) throws -> [DigestCandidate] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT u.id, u.reason, m.created_at, m.date, m.subject,
                       (SELECT substr(c.raw, 1, ?) FROM message_copies c WHERE c.message_id = m.id ORDER BY c.rowid LIMIT 1)
                FROM unmatched u JOIN messages m ON m.id = u.message_id
                WHERE u.status = 'open' AND u.reason IN ('no_contact_recipient', 'unknown_sender') AND m.created_at >= ?
                ORDER BY m.created_at, u.id
                """, arguments: [Self.digestHeaderBytes, Self.timestamp(capturedSince)]).compactMap { row in
                guard let reason = DigestCandidate.Reason(rawValue: row[1]),
                      let captured = Self.date(row[2]) else { return nil }
                let date: String? = row[3]
                let header: Data? = row[5]
                return DigestCandidate(entry: row[0], reason: reason, capturedAt: captured, date: date.flatMap(Self.date),
                                       subject: row[4], header: header.map { [UInt8]($0) } ?? [])
            }
        }
    }

    public func digestedEntries(from firstEntry: Int64) throws -> [UserID: Set<Int64>] {
        try writer.read { db in
            var result: [UserID: Set<Int64>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT user_id, unmatched_id FROM digest_entries WHERE unmatched_id >= ?
                """, arguments: [firstEntry]) {
                result[UserID(row[0] as String), default: []].insert(row[1])
            }
            return result
        }
    }

    public func recordDigest(of user: UserID, entries: [Int64], asOf: Date) throws {
        try writer.write { db in
            let time = Self.timestamp(asOf)
            try db.execute(sql: """
                INSERT INTO digest_users (user_id, last_as_of) VALUES (?, ?)
                ON CONFLICT (user_id) DO UPDATE SET last_as_of = max(last_as_of, excluded.last_as_of)
                """, arguments: [user.rawValue, time])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO digest_entries (user_id, unmatched_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
                """)
            for entry in entries { try insert.execute(arguments: [user.rawValue, entry, time]) }
        }
    }
}
