import CRMCore
import Foundation

extension AppDatabase: RatingStore {
    public func inRatingSnapshot<T>(checkStop: @escaping () throws -> Void, _ body: (any RatingSnapshot) throws -> T)
        throws -> T {
        try writer.read { db in try body(DatabaseRatingSession(db: db, checkStop: checkStop)) }
    }

    public func inRatingWrite<T>(checkStop: @escaping () throws -> Void, _ body: (any RatingWriteSession) throws -> T)
        throws -> T {
        try writer.write { db in try body(DatabaseRatingSession(db: db, checkStop: checkStop)) }
    }

    public func allRules() throws -> [RatingRule] {
        try writer.read { db in try DatabaseRatingSession(db: db).rules() }
    }

    public func replaceRules(ofTypes types: Set<AccountType>, with rules: [RatingRule]) throws {
        _ = try writeRules(ofTypes: types, with: rules)
    }
}

extension AppDatabase {
    /// Replaces the rules of `types` by those of `rules` in one transaction; a type whose rules really change is
    /// marked for the rating.
    func writeRules(ofTypes types: Set<AccountType>, with rules: [RatingRule]) throws -> ImportSummary {
        try writer.write { db in try Self.writeRules(db, ofTypes: types, with: rules) }
    }

    static func writeRules(_ db: Database, ofTypes types: Set<AccountType>, with rules: [RatingRule]) throws -> ImportSummary {
        var summary = ImportSummary()
        var seq: Int64?
        let session = DatabaseRatingSession(db: db)
        let existing = Dictionary(grouping: try session.rules(), by: \.accountType)
        let incoming = Dictionary(grouping: rules, by: \.accountType)
        for type in types.sorted() {
            let old = existing[type] ?? [], new = incoming[type] ?? []
            if Set(old) == Set(new) && old.count == new.count { summary.unchanged += new.count; continue }
            let s = try seq ?? Self.nextChangeSeq(db)
            seq = s
            try db.execute(sql: "DELETE FROM rating_rules WHERE account_type = ?", arguments: [type.rawValue])
            for rule in new {
                try db.execute(sql: """
                    INSERT INTO rating_rules (account_type, rating, amount_from, amount_to, currency)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [type.rawValue, rule.rating.rawValue, rule.amountFrom, rule.amountTo,
                                     rule.currency.rawValue])
            }
            try db.execute(sql: """
                INSERT INTO rating_type_changes (account_type, seq) VALUES (?, ?)
                ON CONFLICT (account_type) DO UPDATE SET seq = excluded.seq
                """, arguments: [type.rawValue, s])
            if old.isEmpty { summary.inserted += new.count } else { summary.updated += new.count }
        }
        return summary
    }
}
