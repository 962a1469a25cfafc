import CRMCore
import Foundation

/// The account pages (§8). Subsidiaries are found with a recursive query whose `UNION` keeps each account once, so
/// parent links that form a cycle end the recursion instead of looping.
extension AppDatabase: AccountHistory {
    /// The ids of `account` and every subsidiary at any depth (`?1` is the account).
    static let accountTree = """
        WITH RECURSIVE tree(id) AS (
            SELECT ?1 UNION SELECT a.id FROM accounts a JOIN tree t ON a.parent_id = t.id
        )
        """

    public func accountProfile(_ id: AccountID) throws -> AccountProfile? {
        try writer.read { db in
            guard let account = try Self.summary(db, sql: "SELECT \(Self.summaryColumns) FROM accounts WHERE id = ?",
                                                 arguments: [id.rawValue]).first else { return nil }
            let parent = try account.parent.flatMap { parent in
                try Self.summary(db, sql: "SELECT \(Self.summaryColumns) FROM accounts WHERE id = ?",
                                 arguments: [parent.rawValue]).first
            }
            let below = try Self.summary(db, sql: Self.accountTree + """
                SELECT \(Self.summaryColumns) FROM accounts WHERE id IN tree AND id <> ?1 ORDER BY name, id
                """, arguments: [id.rawValue])
            let rules = try Row.fetchAll(db, sql: """
                SELECT rating, amount_from, amount_to, currency FROM rating_rules WHERE account_type = ?
                ORDER BY rating, amount_from
                """, arguments: [account.type.rawValue]).compactMap { row -> RatingRule? in
                guard let rating = Rating(rawValue: row[0]), let currency = CurrencyCode(rawValue: row[3]) else { return nil }
                return RatingRule(accountType: account.type, rating: rating, amountFrom: row[1], amountTo: row[2],
                                  currency: currency)
            }
            return AccountProfile(account: account, parent: parent, subsidiaries: Self.treeOrder(below, under: id),
                                  ratingRules: rules)
        }
    }

    public func history(of id: AccountID, offset: Int, limit: Int) throws -> [AccountHistoryEntry] {
        try writer.read { db in
            // Mail by the message's date and appointments by their start (both as ISO 8601 UTC text, which sorts as
            // time), newest first; undated mail last.
            let rows = try Row.fetchAll(db, sql: Self.accountTree + """
                SELECT kind, ref, date, direction, subject FROM (
                    SELECT 0 AS kind, act.id AS ref, m.date AS date, act.direction AS direction, m.subject AS subject
                    FROM activities act JOIN messages m ON m.id = act.message_id
                    WHERE act.id IN (SELECT aa.activity_id FROM activity_accounts aa WHERE aa.account_id IN tree)
                    UNION ALL
                    SELECT 1, ap.id, strftime('%Y-%m-%dT%H:%M:%SZ', ap.start_at, 'unixepoch'), NULL, ap.title
                    FROM appointments ap
                    WHERE ap.id IN (SELECT l.appointment_id FROM appointment_accounts l WHERE l.account_id IN tree)
                )
                ORDER BY date IS NULL, date DESC, kind DESC, ref DESC
                LIMIT ?2 OFFSET ?3
                """, arguments: [id.rawValue, max(0, limit), max(0, offset)])
            let contacts = try db.cachedStatement(sql: """
                SELECT c.id, c.name FROM activity_contacts l JOIN contacts c ON c.id = l.contact_id
                WHERE l.activity_id = ? ORDER BY c.name, c.id
                """)
            let users = try db.cachedStatement(sql: """
                SELECT u.id, u.name FROM activity_users l JOIN users u ON u.id = l.user_id
                WHERE l.activity_id = ? ORDER BY u.name, u.id
                """)
            let accounts = try db.cachedStatement(sql: """
                SELECT a.id, a.name FROM activity_accounts l JOIN accounts a ON a.id = l.account_id
                WHERE l.activity_id = ? ORDER BY a.name, a.id
                """)
            let orders = try db.cachedStatement(sql: """
                SELECT DISTINCT number FROM activity_orders WHERE activity_id = ? AND kind = 'linked' ORDER BY number
                """)
            func links(_ statement: Statement, _ activity: Int64) throws -> [ActivitySummary.Link] {
                try Row.fetchAll(statement, arguments: [activity]).map { .init(id: $0[0], name: $0[1]) }
            }
            return try rows.compactMap { row -> AccountHistoryEntry? in
                if row["kind"] as Int64 == 1 {
                    return try AppointmentRows.summary(AppointmentID(row["ref"]), in: db).map { .appointment($0) }
                }
                let activity: Int64 = row["ref"]
                let date: String? = row["date"]
                return .activity(ActivitySummary(
                    id: activity, date: date.flatMap(Self.date), direction: row["direction"], subject: row["subject"],
                    contacts: try links(contacts, activity), users: try links(users, activity),
                    accounts: try links(accounts, activity),
                    orders: try Int64.fetchAll(orders, arguments: [activity]).map { OrderNumber($0) }))
            }
        }
    }

    public func findAccounts(matching text: String, offset: Int, limit: Int) throws -> [AccountSummary] {
        try writer.read { db in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            // instr over lower(): a `%` or `_` typed by the user is a character, not a LIKE pattern.
            return try Self.summary(db, sql: """
                SELECT \(Self.summaryColumns) FROM accounts
                WHERE ?1 = '' OR instr(lower(id), lower(?1)) > 0 OR instr(lower(name), lower(?1)) > 0
                ORDER BY name, id LIMIT ?2 OFFSET ?3
                """, arguments: [trimmed, max(0, limit), max(0, offset)])
        }
    }

    private static let summaryColumns = "id, name, type, status, parent_id, rating"

    private static func summary(_ db: Database, sql: String, arguments: StatementArguments) throws -> [AccountSummary] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let parent: String? = row[4]
            let rating: Int? = row[5]
            return AccountSummary(id: AccountID(row[0] as String), name: row[1], type: AccountType(row[2] as String),
                                  status: AccountStatus(row[3] as String), parent: parent.map { AccountID($0) },
                                  rating: rating.flatMap(Rating.init(rawValue:)))
        }
    }

    /// `accounts` (the subsidiaries of `root`) depth first, each with its depth; every account once.
    static func treeOrder(_ accounts: [AccountSummary], under root: AccountID) -> [AccountProfile.Subsidiary] {
        var children: [AccountID: [AccountSummary]] = [:]
        for account in accounts { if let parent = account.parent { children[parent, default: []].append(account) } }
        var result: [AccountProfile.Subsidiary] = []
        var seen: Set<AccountID> = [root]
        var stack: [(Int, AccountSummary)] = (children[root] ?? []).reversed().map { (1, $0) }
        while let (depth, account) = stack.popLast() {
            guard seen.insert(account.id).inserted else { continue }
            result.append(.init(depth: depth, account: account))
            stack += (children[account.id] ?? []).reversed().map { (depth + 1, $0) }
        }
        return result
    }
}
