import CRMCore
import Foundation

extension DatabaseCaptureTransaction {
    /// Replaces the outcome of a message:
    /// - an activity replaces any former activity (links, orders, thread references, attachments; its id is kept) and
    ///   removes an open unmatched entry;
    /// - an unmatched entry replaces a former activity and is (re)opened with the new reason;
    /// - `excluded` keeps only the identity row (copies, sources, activity and entry are deleted);
    /// - `discarded` deletes the message entirely.
    func setOutcome(of message: Int64, _ outcome: StoredOutcome, at time: Date) throws {
        let now = AppDatabase.timestamp(time)
        switch outcome {
        case .activity(let activity, let attachments):
            try db.cachedStatement(sql: "DELETE FROM unmatched WHERE message_id = ? AND status = 'open'")
                .execute(arguments: [message])
            try insertActivity(message: message, activity, attachments: attachments, now: now)
        case .unmatched(let reason, let audit):
            try db.cachedStatement(sql: "DELETE FROM activities WHERE message_id = ?").execute(arguments: [message])
            try db.cachedStatement(sql: "DELETE FROM thread_refs WHERE message_id = ?").execute(arguments: [message])
            try db.cachedStatement(sql: """
                INSERT INTO unmatched (message_id, reason, status, audit, updated_at) VALUES (?, ?, 'open', ?, ?)
                ON CONFLICT (message_id) DO UPDATE SET reason = excluded.reason, status = 'open', audit = excluded.audit,
                    assigned_contact = NULL, dismiss_reason = NULL, updated_at = excluded.updated_at
                """).execute(arguments: [message, reason, audit, now])
        case .excluded:
            let blobs = try attachmentBlobs(of: message)
            for table in ["activities", "unmatched", "message_copies", "sources", "thread_refs"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE message_id = ?").execute(arguments: [message])
            }
            try db.cachedStatement(sql: """
                UPDATE messages SET excluded = 1, date = NULL, subject = NULL, from_address = NULL, from_name = NULL
                WHERE id = ?
                """).execute(arguments: [message])
            try deleteUnreferencedBlobs(blobs)
        case .discarded:
            let blobs = try attachmentBlobs(of: message)
            try db.cachedStatement(sql: "DELETE FROM messages WHERE id = ?").execute(arguments: [message])
            try deleteUnreferencedBlobs(blobs)
        }
    }

    /// The attachment contents the activity of `message` refers to.
    private func attachmentBlobs(of message: Int64) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: """
            SELECT DISTINCT t.sha256 FROM activity_attachments t JOIN activities a ON a.id = t.activity_id
            WHERE a.message_id = ?
            """), arguments: [message])
    }

    /// Deletes those of `blobs` no activity refers to any more: an excluded message's attachments go with it (§4.9),
    /// content shared with another activity stays.
    private func deleteUnreferencedBlobs(_ blobs: [String]) throws {
        let delete = try db.cachedStatement(sql: """
            DELETE FROM attachment_blobs WHERE sha256 = ?
            AND NOT EXISTS (SELECT 1 FROM activity_attachments WHERE sha256 = attachment_blobs.sha256)
            """)
        for sha256 in blobs { try delete.execute(arguments: [sha256]) }
    }

    func addLinks(toActivityOf message: Int64, _ activity: ActivityRecord) throws {
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM activities WHERE message_id = ?"),
                                          arguments: [message]) else { return }
        try db.cachedStatement(sql: "UPDATE activities SET flags = ? WHERE id = ?")
            .execute(arguments: [activity.flags.joined(separator: ","), id])
        let contact = try db.cachedStatement(sql: """
            INSERT INTO activity_contacts (activity_id, contact_id) VALUES (?, ?) ON CONFLICT DO NOTHING
            """)
        for c in activity.contacts { try contact.execute(arguments: [id, c.rawValue]) }
        let account = try db.cachedStatement(sql: """
            INSERT INTO activity_accounts (activity_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING
            """)
        for a in activity.accounts { try account.execute(arguments: [id, a.rawValue]) }
        let user = try db.cachedStatement(sql: """
            INSERT INTO activity_users (activity_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING
            """)
        for u in activity.users { try user.execute(arguments: [id, u.rawValue]) }
    }

    private func insertActivity(
        message: Int64, _ activity: ActivityRecord, attachments: [AttachmentRecord], now: String
    ) throws {
        let id: Int64
        let formerBlobs = try attachmentBlobs(of: message)
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM activities WHERE message_id = ?"),
                                             arguments: [message]) {
            id = existing
            try db.cachedStatement(sql: "UPDATE activities SET direction = ?, inherited_from = ?, flags = ? WHERE id = ?")
                .execute(arguments: [activity.direction, activity.inheritedFrom?.description,
                                     activity.flags.joined(separator: ","), id])
            for table in ["activity_contacts", "activity_accounts", "activity_users", "activity_orders",
                          "activity_order_digits", "activity_attachments"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE activity_id = ?").execute(arguments: [id])
            }
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO activities (message_id, direction, inherited_from, flags, created_at) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [message, activity.direction, activity.inheritedFrom?.description,
                                         activity.flags.joined(separator: ","), now])
            id = try db.lastInsertedRowID
        }
        let contact = try db.cachedStatement(sql: "INSERT INTO activity_contacts (activity_id, contact_id) VALUES (?, ?)")
        for c in activity.contacts { try contact.execute(arguments: [id, c.rawValue]) }
        let account = try db.cachedStatement(sql: "INSERT INTO activity_accounts (activity_id, account_id) VALUES (?, ?)")
        for a in activity.accounts { try account.execute(arguments: [id, a.rawValue]) }
        let user = try db.cachedStatement(sql: "INSERT INTO activity_users (activity_id, user_id) VALUES (?, ?)")
        for u in activity.users { try user.execute(arguments: [id, u.rawValue]) }
        try insertOrders(id, kind: "linked", activity.orders)
        try insertOrders(id, kind: "own", activity.ownOrders)
        try insertOrders(id, kind: "unresolved", activity.unresolvedOrders)
        let digits = try db.cachedStatement(sql: "INSERT INTO activity_order_digits (activity_id, digits) VALUES (?, ?)")
        for text in activity.unresolvedOrderDigits { try digits.execute(arguments: [id, text]) }
        try db.cachedStatement(sql: "DELETE FROM thread_refs WHERE message_id = ?").execute(arguments: [message])
        let ref = try db.cachedStatement(sql: """
            INSERT INTO thread_refs (message_id, position, parent_identity) VALUES (?, ?, ?)
            """)
        for (position, parent) in activity.threadParents.enumerated() {
            try ref.execute(arguments: [message, position, parent.description])
        }
        let blob = try db.cachedStatement(sql: """
            INSERT INTO attachment_blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
            """)
        let link = try db.cachedStatement(sql: """
            INSERT INTO activity_attachments (activity_id, position, sha256, filename, content_type) VALUES (?, ?, ?, ?, ?)
            """)
        for (position, attachment) in attachments.enumerated() {
            try blob.execute(arguments: [attachment.sha256, attachment.data.count, Data(attachment.data)])
            try link.execute(arguments: [id, position, attachment.sha256, attachment.filename, attachment.contentType])
        }
        try deleteUnreferencedBlobs(formerBlobs)
    }
}
