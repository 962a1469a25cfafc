import CRMCore
import Foundation

/// One account as exported (§6 `export accounts`).
public struct AccountExportRow: Hashable, Sendable {
    public var record: AccountRecord
    public var rating: Rating?
    public var modifiedAt: String
}

extension AppDatabase {
    /// Every account, by id.
    public func exportAccounts() throws -> [AccountExportRow] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, name, type, status, parent_id, currency, rating, modified_at FROM accounts ORDER BY id
                """).map { row in
                let parent: String? = row[4]
                let rating: Int? = row[6]
                let currency = try CurrencyCode(rawValue: row[5]) ?? { throw CorruptValue(table: "accounts", column: "currency") }()
                return AccountExportRow(
                    record: AccountRecord(id: AccountID(row[0] as String), name: row[1], type: AccountType(row[2] as String),
                                          status: AccountStatus(row[3] as String), parentID: parent.map { AccountID($0) },
                                          currency: currency),
                    rating: rating.flatMap(Rating.init(rawValue:)), modifiedAt: row[7])
            }
        }
    }

    /// Every contract, by id.
    public func exportContracts() throws -> [ContractRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, account_id, item_value, service_value, currency, modified_at FROM contracts ORDER BY id
                """).map { row in
                guard let item = Amount(row[2] as String), let service = Amount(row[3] as String),
                      let currency = CurrencyCode(rawValue: row[4]) else {
                    throw CorruptValue(table: "contracts", column: "item_value")
                }
                return ContractRecord(id: ContractID(row[0] as String), accountID: AccountID(row[1] as String),
                                      itemValue: item, serviceValue: service, currency: currency, modifiedAt: row[5])
            }
        }
    }

    /// Every exchange rate, by (from, to, valid_from).
    public func exportExchangeRates() throws -> [ExchangeRate] {
        try writer.read { db in try DatabaseRatingSession(db: db).exchangeRates() }
            .sorted { ($0.from, $0.to, $0.validFrom) < ($1.from, $1.to, $1.validFrom) }
    }
}
