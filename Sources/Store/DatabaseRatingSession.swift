import CRMCore
import Foundation

/// The rating job's access to the database: its reads inside one read transaction (a snapshot), its writes inside one
/// write transaction. `checkStop` runs every `rowsPerCheck` rows read or written, so a stop is seen within a short
/// batch however large the run; what it throws ends the transaction (a write is rolled back).
struct DatabaseRatingSession: RatingSnapshot, RatingWriteSession {
    let db: Database
    var checkStop: () throws -> Void = {}
    /// Rows between two stop checks: a few milliseconds of work.
    static let rowsPerCheck = 2_000

    /// Counts rows and checks for a stop every `rowsPerCheck` of them.
    private final class Pacer {
        let check: () throws -> Void
        var rows = 0
        init(_ check: @escaping () throws -> Void) { self.check = check }
        func tick() throws {
            rows += 1
            if rows % DatabaseRatingSession.rowsPerCheck == 0 { try check() }
        }
    }

    func currentChangeSeq() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT seq FROM change_counter WHERE id = 1") ?? 0
    }

    func watermark() throws -> RatingWatermark? {
        guard let row = try Row.fetchOne(db, sql: "SELECT change_seq, rates FROM rating_state WHERE id = 1") else {
            return nil
        }
        var rates: [EffectiveRates.Pair: Amount] = [:]
        let text: String = row["rates"]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let from = CurrencyCode(rawValue: String(parts[0])),
                  let to = CurrencyCode(rawValue: String(parts[1])), let rate = Amount(String(parts[2])) else { continue }
            rates[.init(from: from, to: to)] = rate
        }
        return RatingWatermark(changeSeq: row["change_seq"], rates: EffectiveRates(rates: rates))
    }

    func saveWatermark(_ watermark: RatingWatermark) throws {
        let text = watermark.rates.rates
            .map { "\($0.key.from) \($0.key.to) \($0.value)" }
            .sorted()
            .joined(separator: "\n")
        try db.execute(sql: """
            INSERT INTO rating_state (id, change_seq, rates) VALUES (1, ?, ?)
            ON CONFLICT (id) DO UPDATE SET change_seq = excluded.change_seq, rates = excluded.rates
            """, arguments: [watermark.changeSeq, text])
        try db.execute(sql: "DELETE FROM rating_changes WHERE seq <= ?", arguments: [watermark.changeSeq])
        try db.execute(sql: "DELETE FROM rating_type_changes WHERE seq <= ?", arguments: [watermark.changeSeq])
    }

    func accounts() throws -> [RatingAccount] {
        var result: [RatingAccount] = []
        let pacer = Pacer(checkStop)
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, type, status, parent_id, rating FROM accounts")
        while let row = try cursor.next() {
            try pacer.tick()
            let parent: String? = row[3]
            let rating: Int? = row[4]
            result.append(RatingAccount(
                id: AccountID(row[0] as String), type: AccountType(row[1] as String),
                status: AccountStatus(row[2] as String), parentID: parent.map { AccountID($0) },
                rating: rating.flatMap(Rating.init(rawValue:))))
        }
        return result
    }

    func rules() throws -> [RatingRule] {
        try Row.fetchAll(db, sql: """
            SELECT account_type, rating, amount_from, amount_to, currency FROM rating_rules ORDER BY account_type, id
            """).compactMap { row in
            guard let rating = Rating(rawValue: row[1]), let currency = CurrencyCode(rawValue: row[4]) else { return nil }
            return RatingRule(accountType: AccountType(row[0] as String), rating: rating, amountFrom: row[2],
                              amountTo: row[3], currency: currency)
        }
    }

    func exchangeRates() throws -> [ExchangeRate] {
        try Row.fetchAll(db, sql: "SELECT from_currency, to_currency, rate, valid_from FROM exchange_rates")
            .compactMap { row in
                guard let from = CurrencyCode(rawValue: row[0]), let to = CurrencyCode(rawValue: row[1]),
                      let rate = Amount(row[2] as String), let day = Day(rawValue: row[3]) else { return nil }
                return ExchangeRate(from: from, to: to, rate: rate, validFrom: day)
            }
    }

    func accountsChanged(after seq: Int64) throws -> Set<AccountID> {
        Set(try String.fetchAll(db, sql: "SELECT account_id FROM rating_changes WHERE seq > ?", arguments: [seq])
            .map { AccountID($0) })
    }

    func accountTypesChanged(after seq: Int64) throws -> Set<AccountType> {
        Set(try String.fetchAll(db, sql: "SELECT account_type FROM rating_type_changes WHERE seq > ?",
                                arguments: [seq]).map { AccountType($0) })
    }

    func ownTotals(of accounts: Set<AccountID>?) throws -> [AccountID: [CurrencyTotal]] {
        var sums = OwnTotalsAccumulator()
        let pacer = Pacer(checkStop)
        if let accounts {
            let statement = try db.cachedStatement(sql: """
                SELECT account_id, currency, item_value, service_value FROM contracts WHERE account_id = ?
                """)
            for id in accounts {
                try pacer.tick()
                let cursor = try Row.fetchCursor(statement, arguments: [id.rawValue])
                while let row = try cursor.next() {
                    try pacer.tick()
                    try sums.add(row)
                }
            }
        } else {
            let cursor = try Row.fetchCursor(db, sql: "SELECT account_id, currency, item_value, service_value FROM contracts")
            while let row = try cursor.next() {
                try pacer.tick()
                try sums.add(row)
            }
        }
        return sums.result()
    }

    func savedOwnTotals() throws -> [AccountID: [CurrencyTotal]] {
        var result: [AccountID: [CurrencyTotal]] = [:]
        let pacer = Pacer(checkStop)
        let cursor = try Row.fetchCursor(db, sql: "SELECT account_id, currency, amount, contracts FROM rating_own_totals")
        while let row = try cursor.next() {
            try pacer.tick()
            guard let currency = CurrencyCode(rawValue: row[1]), let amount = Amount(row[2] as String) else {
                throw CorruptValue(table: "rating_own_totals", column: "amount")
            }
            result[AccountID(row[0] as String), default: []]
                .append(CurrencyTotal(currency: currency, amount: amount, contracts: row[3]))
        }
        return result
    }

    func saveOwnTotals(_ totals: [AccountID: [CurrencyTotal]], replacing accounts: Set<AccountID>?) throws {
        let pacer = Pacer(checkStop)
        if let accounts {
            let delete = try db.cachedStatement(sql: "DELETE FROM rating_own_totals WHERE account_id = ?")
            for id in accounts {
                try pacer.tick()
                try delete.execute(arguments: [id.rawValue])
            }
        } else {
            try db.execute(sql: "DELETE FROM rating_own_totals")
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO rating_own_totals (account_id, currency, amount, contracts) VALUES (?, ?, ?, ?)
            """)
        for (id, list) in totals {
            for total in list {
                try pacer.tick()
                try insert.execute(arguments: [id.rawValue, total.currency.rawValue, total.amount.description,
                                               total.contracts])
            }
        }
    }

    func setRating(_ rating: Rating?, of account: AccountID, at time: Date) throws -> Bool {
        // `IS NOT`: a run that computed from an older snapshot never rewrites a rating that is already right.
        try db.cachedStatement(sql: "UPDATE accounts SET rating = ?, modified_at = ? WHERE id = ? AND rating IS NOT ?")
            .execute(arguments: [rating?.rawValue, AppDatabase.timestamp(time), account.rawValue, rating?.rawValue])
        return db.changesCount > 0
    }
}
