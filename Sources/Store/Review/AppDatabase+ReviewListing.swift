import CRMCore
import Foundation

extension AppDatabase {
    /// A page of the review queue (§8 `GET /review`): open unmatched entries, or activities flagged
    /// `privacy_review`, matching `filter`, newest message date first (undated last, then the message stored last
    /// first), and the count of all that match.
    ///
    /// Without a reason, the page walks `messages` by date and stops after it (20,000 open entries among 120,000
    /// messages: well under a millisecond for the first page, where sorting every open entry took 20 ms); with a
    /// reason, which may be rare, it reads the entries of that reason and sorts them. The count reads the entries'
    /// index alone when no condition needs the message.
    public func reviewItems(_ filter: ReviewFilter) throws -> ReviewListing {
        try writer.read { db in
            let flagged = filter.category == .privacyReview
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if flagged {
                conditions.append("instr(a.flags, 'privacy_review') > 0") // the partial index's condition
            } else {
                conditions.append("u.status = 'open'")
                if filter.category == .unreadable {
                    conditions.append("u.reason IN ('unparseable', 'too_large', 'unprocessable')")
                }
                if let reason = filter.reason, !reason.isEmpty {
                    conditions.append("u.reason = ?")
                    arguments.append(reason)
                }
            }
            if let mailbox = filter.mailbox, !mailbox.isEmpty {
                conditions.append("EXISTS (SELECT 1 FROM sources s WHERE s.message_id = m.id AND s.mailbox = ?)")
                arguments.append(mailbox)
            }
            if let since = filter.since {
                conditions.append("m.date >= ?")
                arguments.append(Self.timestamp(since))
            }
            if let before = filter.before {
                conditions.append("m.date < ?")
                arguments.append(Self.timestamp(before))
            }
            if let text = filter.text?.trimmingASCIIWhitespace(), !text.isEmpty {
                conditions.append("""
                    (m.from_address LIKE ? ESCAPE '\\' OR m.from_name LIKE ? ESCAPE '\\' OR m.subject LIKE ? ESCAPE '\\')
                    """)
                let pattern = "%" + Self.likeEscaped(text) + "%"
                arguments += [pattern, pattern, pattern]
            }
            let byReason = !flagged && (filter.category == .unreadable || !(filter.reason ?? "").isEmpty)
            let from = flagged
                ? "activities a CROSS JOIN messages m ON m.id = a.message_id" // the few flagged, then their messages
                : byReason ? "unmatched u JOIN messages m ON m.id = u.message_id"
                : "messages m CROSS JOIN unmatched u ON u.message_id = m.id"
            let id = flagged ? "a.id" : "u.id"
            let reason = flagged ? "'privacy_review'" : "u.reason"
            let clause = conditions.joined(separator: " AND ")
            let needsMessage = filter.mailbox?.isEmpty == false || filter.since != nil
                || filter.before != nil || filter.text?.trimmingASCIIWhitespace().isEmpty == false
            let counted = needsMessage ? from.replacingOccurrences(of: "CROSS JOIN", with: "JOIN")
                : flagged ? "activities a" : "unmatched u"
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(counted) WHERE \(clause)",
                                         arguments: StatementArguments(arguments)) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(id), \(reason), m.from_address, m.from_name, m.subject, m.date, m.id FROM \(from)
                WHERE \(clause) ORDER BY m.date DESC, m.id DESC LIMIT ? OFFSET ?
                """, arguments: StatementArguments(arguments + [filter.limit, filter.offset]))
            let mailboxes = try Self.mailboxes(db, messages: rows.map { $0[6] as Int64 })
            let kind: ReviewItemRef.Kind = flagged ? .activity : .unmatched
            let items = rows.map { row in
                ReviewListing.Item(
                    ref: ReviewItemRef(kind, row[0]), reason: row[1], fromAddress: row[2], fromName: row[3],
                    subject: row[4], date: (row[5] as String?).flatMap(Self.date),
                    mailboxes: mailboxes[row[6] as Int64] ?? [])
            }
            return ReviewListing(items: items, total: total)
        }
    }

    /// Every mailbox a stored message came through, sorted: the filter form's choices. A skip scan of the index on
    /// `sources.mailbox`: one probe a mailbox, however many messages.
    public func reviewMailboxes() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: """
                WITH RECURSIVE seen(mailbox) AS (
                    SELECT min(mailbox) FROM sources
                    UNION ALL SELECT (SELECT min(mailbox) FROM sources WHERE mailbox > seen.mailbox) FROM seen
                    WHERE seen.mailbox IS NOT NULL)
                SELECT mailbox FROM seen WHERE mailbox IS NOT NULL
                """)
        }
    }

    /// The distinct mailboxes of each of `messages`, sorted.
    static func mailboxes(_ db: Database, messages: [Int64]) throws -> [Int64: [String]] {
        guard !messages.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: messages.count).joined(separator: ",")
        var result: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT message_id, mailbox FROM sources WHERE message_id IN (\(marks)) ORDER BY message_id, mailbox
            """, arguments: StatementArguments(messages)) {
            result[row[0] as Int64, default: []].append(row[1])
        }
        return result
    }

    /// `text` with LIKE's wildcards and the escape character escaped by `\`.
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
