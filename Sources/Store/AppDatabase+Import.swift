import CRMCore
import Foundation

extension AppDatabase {
    /// The ids among `ids` that name no account.
    public func missingAccounts(among ids: Set<AccountID>) throws -> Set<AccountID> {
        try writer.read { db in
            var missing = Set<AccountID>()
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM accounts WHERE id = ?")
            for id in ids where try Int.fetchOne(statement, arguments: [id.rawValue]) == nil { missing.insert(id) }
            return missing
        }
    }

    /// Upserts accounts by id in one transaction. Only rows whose values change are written (their `modified_at`
    /// becomes `time`); a changed type, status or parent marks the account, and a former parent, for the rating.
    @discardableResult
    public func importAccounts(_ records: [AccountRecord], at time: Date) throws -> ImportSummary {
        try writer.write { db in try Self.importAccounts(db, records, at: time) }
    }

    static func importAccounts(_ db: Database, _ records: [AccountRecord], at time: Date) throws -> ImportSummary {
        var summary = ImportSummary()
        var seq: Int64?
        let now = Self.timestamp(time)
        let select = try db.cachedStatement(
            sql: "SELECT name, type, status, parent_id, currency FROM accounts WHERE id = ?")
        for r in records {
            let parent = r.parentID?.rawValue
            let old = try Row.fetchOne(select, arguments: [r.id.rawValue])
            if let old {
                let oldParent: String? = old["parent_id"]
                let sameRating = old["type"] == r.type.rawValue && old["status"] == r.status.rawValue
                    && oldParent == parent
                if sameRating && old["name"] == r.name && old["currency"] == r.currency.rawValue {
                    summary.unchanged += 1
                    continue
                }
                let s = try seq ?? Self.nextChangeSeq(db)
                seq = s
                try db.execute(sql: """
                    UPDATE accounts SET name = ?, type = ?, status = ?, parent_id = ?, currency = ?,
                        modified_at = ?, change_seq = ? WHERE id = ?
                    """, arguments: [r.name, r.type.rawValue, r.status.rawValue, parent, r.currency.rawValue,
                                     now, s, r.id.rawValue])
                if !sameRating {
                    try Self.markForRating(db, r.id.rawValue, seq: s)
                    if let oldParent, oldParent != parent { try Self.markForRating(db, oldParent, seq: s) }
                }
                summary.updated += 1
            } else {
                let s = try seq ?? Self.nextChangeSeq(db)
                seq = s
                try db.execute(sql: """
                    INSERT INTO accounts (id, name, type, status, parent_id, currency, rating, modified_at, change_seq)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)
                    """, arguments: [r.id.rawValue, r.name, r.type.rawValue, r.status.rawValue, parent,
                                     r.currency.rawValue, now, s])
                try Self.markForRating(db, r.id.rawValue, seq: s)
                summary.inserted += 1
            }
        }
        return summary
    }

    /// Upserts contracts by id in one transaction; a new or changed contract marks its account (and a former
    /// account) for the rating, whatever its own `modified_at` says.
    @discardableResult
    public func importContracts(_ records: [ContractRecord]) throws -> ImportSummary {
        try writer.write { db in try Self.importContracts(db, records) }
    }

    static func importContracts(_ db: Database, _ records: [ContractRecord]) throws -> ImportSummary {
        var summary = ImportSummary()
        var seq: Int64?
        let select = try db.cachedStatement(sql: """
            SELECT account_id, item_value, service_value, currency, modified_at FROM contracts WHERE id = ?
            """)
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO contracts (id, account_id, item_value, service_value, currency, modified_at, written_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, item_value = excluded.item_value,
                service_value = excluded.service_value, currency = excluded.currency,
                modified_at = excluded.modified_at, written_seq = excluded.written_seq
            """)
        for r in records {
            let item = r.itemValue.description, service = r.serviceValue.description
            let old = try Row.fetchOne(select, arguments: [r.id.rawValue])
            if let old, old["account_id"] == r.accountID.rawValue, old["item_value"] == item,
               old["service_value"] == service, old["currency"] == r.currency.rawValue,
               old["modified_at"] == r.modifiedAt {
                summary.unchanged += 1
                continue
            }
            let s = try seq ?? Self.nextChangeSeq(db)
            seq = s
            try upsert.execute(arguments: [r.id.rawValue, r.accountID.rawValue, item, service,
                                           r.currency.rawValue, r.modifiedAt, s])
            try Self.markForRating(db, r.accountID.rawValue, seq: s)
            if let old {
                let oldAccount: String = old["account_id"]
                if oldAccount != r.accountID.rawValue { try Self.markForRating(db, oldAccount, seq: s) }
                summary.updated += 1
            } else {
                summary.inserted += 1
            }
        }
        return summary
    }

    /// Replaces all rules of the account types named in `rules` (§3), in one transaction; a type whose rules
    /// really change is marked for the rating.
    @discardableResult
    public func importRatingRules(_ rules: [RatingRule]) throws -> ImportSummary {
        try writeRules(ofTypes: Set(rules.map(\.accountType)), with: rules)
    }

    /// Upserts exchange rates by (from, to, valid_from) in one transaction.
    @discardableResult
    public func importExchangeRates(_ rates: [ExchangeRate]) throws -> ImportSummary {
        try writer.write { db in try Self.importExchangeRates(db, rates) }
    }

    static func importExchangeRates(_ db: Database, _ rates: [ExchangeRate]) throws -> ImportSummary {
        var summary = ImportSummary()
        var seq: Int64?
        for r in rates {
            let args: StatementArguments = [r.from.rawValue, r.to.rawValue, r.validFrom.rawValue]
            let old = try String.fetchOne(db, sql: """
                SELECT rate FROM exchange_rates WHERE from_currency = ? AND to_currency = ? AND valid_from = ?
                """, arguments: args)
            if let old, Amount(old) == r.rate { summary.unchanged += 1; continue }
            if seq == nil { seq = try Self.nextChangeSeq(db) }
            try db.execute(sql: """
                INSERT INTO exchange_rates (from_currency, to_currency, valid_from, rate) VALUES (?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET rate = excluded.rate
                """, arguments: args + [r.rate.description])
            if old == nil { summary.inserted += 1 } else { summary.updated += 1 }
        }
        return summary
    }

    static func markForRating(_ db: Database, _ accountID: String, seq: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO rating_changes (account_id, seq) VALUES (?, ?)
            ON CONFLICT (account_id) DO UPDATE SET seq = excluded.seq
            """).execute(arguments: [accountID, seq])
    }
}
