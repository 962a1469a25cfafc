import CRMCore
import Foundation

/// The open entries of one sender address (§8 "by person").
public struct UnmatchedSenderGroup: Sendable, Equatable {
    public var address: EmailAddress
    public var openEntries: Int
    /// The newest entry (by the message's date; undated entries count as oldest).
    public var newestEntry: Int64
    public var newestSubject: String?
    public var newestDate: Date?
}

extension AppDatabase {
    /// Open entries grouped by sender address, the address with the most entries first (then by address), paged:
    /// one grouped query over the open entries. Entries without a sender address are left out (they have no person).
    public func unmatchedSenderGroups(offset: Int, limit: Int) throws -> [UnmatchedSenderGroup] {
        guard limit > 0 else { return [] }
        return try writer.read { db in
            // Each sender's newest entry (by date, then the latest id) with the count of its entries: window
            // functions, as PostgreSQL takes no bare columns beside an aggregate (SQLite's max() trick).
            try Row.fetchAll(db, sql: """
                SELECT from_address, entries, newest, subject, id FROM (
                    SELECT m.from_address AS from_address, count(*) OVER senders AS entries,
                           coalesce(m.date, '') AS newest, m.subject AS subject, u.id AS id,
                           row_number() OVER (senders ORDER BY coalesce(m.date, '') DESC, u.id DESC) AS place
                    FROM unmatched u JOIN messages m ON m.id = u.message_id
                    WHERE u.status = 'open' AND instr(m.from_address, '@') > 1
                    WINDOW senders AS (PARTITION BY m.from_address)
                ) AS entries_by_sender
                WHERE place = 1
                ORDER BY entries DESC, from_address
                LIMIT ? OFFSET ?
                """, arguments: [limit, max(0, offset)]).compactMap { row in
                guard let address = EmailAddress(row[0] as String) else { return nil }
                let date: String = row[2]
                return UnmatchedSenderGroup(address: address, openEntries: row[1], newestEntry: row[4],
                                            newestSubject: row[3],
                                            newestDate: date.isEmpty ? nil : ISO8601DateFormatter().date(from: date))
            }
        }
    }
}
