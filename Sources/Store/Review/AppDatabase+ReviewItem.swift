import CRMCore
import Foundation

extension AppDatabase {
    /// The stored facts of one review item; nil when there is none (an activity counts only while it has or had the
    /// `privacy_review` flag, i.e. while it is flagged or its flag was settled in the audit log).
    public func reviewItemFacts(_ ref: ReviewItemRef) throws -> ReviewItemFacts? {
        try writer.read { db in
            let row: Row?
            switch ref.kind {
            case .unmatched:
                row = try Row.fetchOne(db, sql: """
                    SELECT u.message_id, m.identity, u.reason, u.status, u.audit, m.message_id, m.date, m.from_address,
                           m.from_name, m.subject, u.assigned_contact, u.dismiss_reason
                    FROM unmatched u JOIN messages m ON m.id = u.message_id WHERE u.id = ?
                    """, arguments: [ref.id])
            case .activity:
                row = try Row.fetchOne(db, sql: """
                    SELECT a.message_id, m.identity, 'privacy_review',
                           CASE WHEN instr(a.flags, 'privacy_review') > 0 THEN 'flagged' ELSE 'kept' END,
                           '', m.message_id, m.date, m.from_address, m.from_name, m.subject, NULL, NULL
                    FROM activities a JOIN messages m ON m.id = a.message_id WHERE a.id = ?
                    """, arguments: [ref.id])
            }
            guard let row else { return nil }
            let actions = try Self.auditEntries(db, target: ref.description)
            if ref.kind == .activity, row[3] as String == "kept", actions.isEmpty { return nil }
            let message: Int64 = row[0]
            guard let identity = MessageIdentity(row[1] as String) else {
                throw CorruptValue(table: "messages", column: "identity")
            }
            let sources = try Row.fetchAll(db, sql: """
                SELECT mailbox, ref FROM sources WHERE message_id = ? ORDER BY mailbox, ref
                """, arguments: [message]).map { MessageSource(mailbox: $0[0], ref: $0[1]) }
            return ReviewItemFacts(
                ref: ref, message: message, identity: identity, reason: row[2], status: row[3], captureTrail: row[4],
                messageID: row[5], date: (row[6] as String?).flatMap(Self.date), fromAddress: row[7],
                fromName: row[8], subject: row[9], assignedContact: (row[10] as String?).map(ContactID.init),
                dismissReason: row[11], copies: try DatabaseCaptureTransaction(db).rawCopies(of: message),
                sources: sources, actions: actions)
        }
    }

    /// The first stored copy of a review item's message; nil when there is none.
    public func reviewRawMessage(_ ref: ReviewItemRef) throws -> RawCopy? {
        try writer.read { db in
            let sql = ref.kind == .unmatched
                ? "SELECT message_id FROM unmatched WHERE id = ?" : "SELECT message_id FROM activities WHERE id = ?"
            guard let message = try Int64.fetchOne(db, sql: sql, arguments: [ref.id]) else { return nil }
            return try Row.fetchOne(db, sql: """
                SELECT sha256, raw FROM message_copies WHERE message_id = ? ORDER BY rowid LIMIT 1
                """, arguments: [message]).map { RawCopy(sha256: $0[0], bytes: [UInt8]($0[1] as Data)) }
        }
    }

    /// Accounts for "add the contact": those with a contact address in `domain` first, then the others by name.
    public func reviewAccountChoices(domain: String?, limit: Int) throws -> [ReviewAccountChoice] {
        try writer.read { db in
            var sharing: Set<String> = []
            if let domain, !domain.isEmpty {
                let pattern = "%@" + Self.likeEscaped(domain)
                sharing = Set(try String.fetchAll(db, sql: """
                    SELECT c.account_id FROM contact_addresses a JOIN contacts c ON c.id = a.contact_id
                    WHERE a.address LIKE ? ESCAPE '\\'
                    UNION SELECT c.account_id FROM remembered_addresses r JOIN contacts c ON c.id = r.contact_id
                    WHERE r.address LIKE ? ESCAPE '\\'
                    """, arguments: [pattern, pattern]))
            }
            let rows = try Row.fetchAll(db, sql: "SELECT id, name FROM accounts ORDER BY name, id")
            let choices = rows.map { row in
                ReviewAccountChoice(account: AccountID(row[0] as String), name: row[1],
                                    sharesDomain: sharing.contains(row[0] as String))
            }
            return Array((choices.filter(\.sharesDomain) + choices.filter { !$0.sharesDomain }).prefix(limit))
        }
    }

    /// The audit log's entries on `target` (`unmatched 17`), oldest first.
    static func auditEntries(_ db: Database, target: String) throws -> [AuditLogEntry] {
        try Row.fetchAll(db, sql: """
            SELECT id, at, actor, origin, action, target, detail FROM audit_log WHERE target = ? ORDER BY id
            """, arguments: [target]).map { row in
            AuditLogEntry(id: row[0], at: date(row[1]) ?? Date(timeIntervalSince1970: 0), actor: row[2],
                          origin: AuditOrigin(rawValue: row[3]) ?? .cli, action: row[4], target: row[5], detail: row[6])
        }
    }
}
