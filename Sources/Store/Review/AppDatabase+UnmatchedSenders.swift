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
            // SQLite takes the bare columns (subject, id, date) from the row that holds max(): the newest entry.
            try Row.fetchAll(db, sql: """
                SELECT m.from_address, count(*), max(coalesce(m.date, '')), m.subject, u.id
                FROM unmatched u JOIN messages m ON m.id = u.message_id
                WHERE u.status = 'open' AND instr(m.from_address, '@') > 1
                GROUP BY m.from_address
                ORDER BY count(*) DESC, m.from_address
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
