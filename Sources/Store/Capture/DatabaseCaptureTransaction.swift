import CRMCore
import Foundation

/// `CaptureTransaction` over one GRDB write transaction.
final class DatabaseCaptureTransaction: CaptureTransaction {
    let db: Database

    init(_ db: Database) { self.db = db }

    func message(_ identity: MessageIdentity) throws -> StoredMessage? {
        let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM messages WHERE identity = ?"), arguments: [identity.description])
        return try id.flatMap { try message(id: $0) }
    }

    func message(id: Int64) throws -> StoredMessage? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT m.identity,
                   -- An archived message (§10) cannot change: a new copy of it is a duplicate and nothing more.
                   m.excluded OR EXISTS (SELECT 1 FROM archived_messages x WHERE x.message_id = m.id),
                   (SELECT count(*) FROM activities a WHERE a.message_id = m.id),
                   (SELECT status FROM unmatched u WHERE u.message_id = m.id)
            FROM messages m WHERE m.id = ?
            """), arguments: [id]) else { return nil }
        let copies = try String.fetchAll(db.cachedStatement(sql: """
            SELECT c.sha256 FROM message_copies c WHERE c.message_id = ? ORDER BY c.rowid
            """), arguments: [id])
        guard let identity = MessageIdentity(row[0] as String) else {
            throw CorruptValue(table: "messages", column: "identity")
        }
        return StoredMessage(id: id, identity: identity, excluded: row[1] as Int64 != 0, copies: copies,
                             hasActivity: row[2] as Int64 > 0, unmatchedStatus: row[3])
    }

    func rawCopies(of message: Int64) throws -> [RawCopy] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT sha256, raw FROM message_copies WHERE message_id = ? ORDER BY rowid
            """), arguments: [message]).map { row in
            let data: Data = row[1]
            return RawCopy(sha256: row[0], bytes: [UInt8](data))
        }
    }

    func threadActivities(of identity: MessageIdentity, parents: [MessageIdentity]) throws
        -> [(MessageIdentity, ActivityRecord)] {
        // Breadth-first over thread references: the activities a known id names (parents) and those that name it
        // (children), until no new id turns up.
        var seen: Set<String> = [identity.description]
        var frontier: [String] = [identity.description]
        for parent in parents where seen.insert(parent.description).inserted { frontier.append(parent.description) }
        var found: [Int64: MessageIdentity] = [:]
        let byIdentity = try db.cachedStatement(sql: """
            SELECT m.id, m.identity FROM messages m JOIN activities a ON a.message_id = m.id WHERE m.identity = ?
            """)
        let children = try db.cachedStatement(sql: """
            SELECT m.id, m.identity FROM thread_refs t JOIN messages m ON m.id = t.message_id
            JOIN activities a ON a.message_id = m.id WHERE t.parent_identity = ?
            """)
        let refs = try db.cachedStatement(sql: "SELECT parent_identity FROM thread_refs WHERE message_id = ?")
        while let next = frontier.popLast() {
            var hits = try Row.fetchAll(byIdentity, arguments: [next])
            hits += try Row.fetchAll(children, arguments: [next])
            for row in hits {
                let id: Int64 = row[0]
                let text: String = row[1]
                guard found[id] == nil, text != identity.description, let member = MessageIdentity(text) else { continue }
                found[id] = member
                if seen.insert(text).inserted { frontier.append(text) }
                for parent in try String.fetchAll(refs, arguments: [id]) where seen.insert(parent).inserted {
                    frontier.append(parent)
                }
            }
        }
        return try found.sorted { $0.key < $1.key }.map { id, member in (member, try activityRecord(message: id)) }
    }

    func activity(of message: Int64) throws -> ActivityRecord? {
        guard try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM activities WHERE message_id = ?"),
                                 arguments: [message]) != nil else { return nil }
        return try activityRecord(message: message)
    }

    /// The activity of message `id`.
    func activityRecord(message id: Int64) throws -> ActivityRecord {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, direction, inherited_from, flags FROM activities WHERE message_id = ?
            """), arguments: [id]) else { throw CorruptValue(table: "activities", column: "message_id") }
        let activity: Int64 = row[0]
        return try Self.activityRecord(db, activity: activity, message: id, direction: row[1], inheritedFrom: row[2],
                                       flags: row[3])
    }

    static func activityRecord(
        _ db: Database, activity: Int64, message: Int64, direction: String, inheritedFrom: String?, flags: String
    ) throws -> ActivityRecord {
        let contacts = try String.fetchAll(db.cachedStatement(
            sql: "SELECT contact_id FROM activity_contacts WHERE activity_id = ? ORDER BY contact_id"), arguments: [activity])
        let accounts = try String.fetchAll(db.cachedStatement(
            sql: "SELECT account_id FROM activity_accounts WHERE activity_id = ? ORDER BY account_id"), arguments: [activity])
        let users = try String.fetchAll(db.cachedStatement(
            sql: "SELECT user_id FROM activity_users WHERE activity_id = ? ORDER BY user_id"), arguments: [activity])
        var orders: [String: [OrderNumber]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(
            sql: "SELECT kind, number FROM activity_orders WHERE activity_id = ? ORDER BY kind, number"), arguments: [activity]) {
            orders[row[0] as String, default: []].append(OrderNumber(row[1] as Int64))
        }
        let parents = try String.fetchAll(db.cachedStatement(
            sql: "SELECT parent_identity FROM thread_refs WHERE message_id = ? ORDER BY position"), arguments: [message])
        let digits = try String.fetchAll(db.cachedStatement(
            sql: "SELECT digits FROM activity_order_digits WHERE activity_id = ? ORDER BY length(digits), digits"),
            arguments: [activity])
        return ActivityRecord(
            direction: direction, contacts: contacts.map(ContactID.init), accounts: accounts.map { AccountID($0) },
            users: users.map(UserID.init), orders: orders["linked"] ?? [], ownOrders: orders["own"] ?? [],
            unresolvedOrders: orders["unresolved"] ?? [], inheritedFrom: inheritedFrom.flatMap(MessageIdentity.init),
            flags: flags.isEmpty ? [] : flags.split(separator: ",").map(String.init),
            threadParents: parents.compactMap(MessageIdentity.init), unresolvedOrderDigits: digits)
    }

    func insertMessage(_ identity: MessageIdentity, headline: MessageHeadline, copy: RawCopy) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO messages (identity, message_id, date, subject, from_address, from_name, excluded, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?)
            """).execute(arguments: [identity.description, headline.messageID,
                                     headline.date.map(AppDatabase.timestamp), headline.subject, headline.from,
                                     headline.fromName, AppDatabase.timestamp(Date())])
        let id = try db.lastInsertedRowID
        try addCopy(to: id, copy: copy)
        return id
    }

    func addCopy(to message: Int64, copy: RawCopy) throws {
        try db.cachedStatement(sql: """
            INSERT INTO message_copies (message_id, sha256, size, raw) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """).execute(arguments: [message, copy.sha256, copy.bytes.count, Data(copy.bytes)])
    }

    func addSource(to message: Int64, source: MessageSource, copySHA256: String) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT INTO sources (message_id, mailbox, ref, copy_sha256) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
            """).execute(arguments: [message, source.mailbox, source.ref, copySHA256])
        return db.changesCount > 0
    }

    func applyOrderChanges(_ changes: [ActivityOrderChange]) throws {
        for change in changes {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT a.id FROM activities a JOIN messages m ON m.id = a.message_id WHERE m.identity = ?
                """), arguments: [change.identity.description]) else { continue }
            let activity: Int64 = row[0]
            try db.cachedStatement(sql: "UPDATE activities SET inherited_from = ?, flags = ? WHERE id = ?")
                .execute(arguments: [change.inheritedFrom?.description, change.flags.joined(separator: ","), activity])
            try db.cachedStatement(sql: "DELETE FROM activity_orders WHERE activity_id = ? AND kind = 'linked'")
                .execute(arguments: [activity])
            try insertOrders(activity, kind: "linked", change.orders)
        }
    }

    func insertOrders(_ activity: Int64, kind: String, _ numbers: [OrderNumber]) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO activity_orders (activity_id, kind, number) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
            """)
        for number in numbers { try insert.execute(arguments: [activity, kind, number.rawValue]) }
    }

    func checkpoint(of mailbox: String) throws -> MailboxCheckpoint? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT uid_validity, last_uid FROM mailbox_checkpoints WHERE mailbox = ?
            """), arguments: [mailbox]).map { row in
            MailboxCheckpoint(mailbox: mailbox, uidValidity: UInt32(truncatingIfNeeded: row[0] as Int64),
                              lastUID: UInt32(truncatingIfNeeded: row[1] as Int64))
        }
    }

    func advanceCheckpoint(_ checkpoint: MailboxCheckpoint) throws {
        try db.cachedStatement(sql: """
            INSERT INTO mailbox_checkpoints (mailbox, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid,
                updated_at = excluded.updated_at
            """).execute(arguments: [checkpoint.mailbox, Int64(checkpoint.uidValidity), Int64(checkpoint.lastUID),
                                     AppDatabase.timestamp(Date())])
    }

    func appendAudit(_ entry: AuditLogEntry) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (at, actor, origin, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [AppDatabase.timestamp(entry.at), entry.actor, entry.origin.rawValue, entry.action,
                                     entry.target, entry.detail])
    }

    func openUnmatchedMessages(entries: [Int64]?) throws -> [(entry: Int64, message: Int64)] {
        let rows: [Row]
        if let entries {
            rows = try entries.sorted().compactMap {
                try Row.fetchOne(db, sql: "SELECT id, message_id FROM unmatched WHERE id = ? AND status = 'open'",
                                 arguments: [$0])
            }
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT id, message_id FROM unmatched WHERE status = 'open' ORDER BY id")
        }
        return rows.map { (entry: $0[0], message: $0[1]) }
    }

    func unmatchedEntry(_ entry: Int64) throws -> (message: Int64, status: String)? {
        try Row.fetchOne(db, sql: "SELECT message_id, status FROM unmatched WHERE id = ?", arguments: [entry])
            .map { (message: $0[0], status: $0[1]) }
    }

    func closeUnmatched(_ entry: Int64, status: String, contact: ContactID?, why: String?, at time: Date) throws {
        try db.execute(sql: """
            UPDATE unmatched SET status = ?, assigned_contact = ?, dismiss_reason = ?, updated_at = ? WHERE id = ?
            """, arguments: [status, contact?.rawValue, why, AppDatabase.timestamp(time), entry])
    }
}
