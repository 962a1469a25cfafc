import CRMCore
import Foundation
import Store

/// `crmservice import KIND CSV` (§3): reads and checks the whole file, then writes it in one transaction; a bad row
/// rejects the file (a `CSVError` with its line) and nothing of it is written.
public struct ReferenceImporter {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// Imports the file at `path`.
    public func importFile(_ kind: ImportKind, path: String, now: Date = Date()) throws -> ImportSummary {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try importBytes(kind, bytes, file: (path as NSString).lastPathComponent, now: now)
    }

    /// Imports CSV `bytes`; `file` names it in errors.
    public func importBytes(_ kind: ImportKind, _ bytes: [UInt8], file: String, now: Date = Date()) throws -> ImportSummary {
        let table = try CSVTable(bytes, file: file, columns: kind.columns)
        switch kind {
        case .accounts: return try database.importAccounts(try accounts(table), at: now)
        case .contracts: return try database.importContracts(try contracts(table))
        case .ratingRules: return try database.importRatingRules(try ratingRules(table))
        case .exchangeRates: return try database.importExchangeRates(try exchangeRates(table))
        case .contacts, .users, .orders: return try importAddressBook(kind, table)
        }
    }

    func accounts(_ table: CSVTable) throws -> [AccountRecord] {
        var seen: [AccountID: Int] = [:]
        var records: [AccountRecord] = []
        var parents: [(AccountID, CSVTable.Row)] = []
        for row in table.rows {
            let id = AccountID(try row.nonEmpty("id"))
            if let first = seen[id] { throw row.error("id", "\"\(id)\" is given twice (first on line \(first))") }
            seen[id] = row.line
            let parent = row["parent_id"].isEmpty ? nil : AccountID(row["parent_id"])
            if let parent { parents.append((parent, row)) }
            records.append(AccountRecord(id: id, name: row["name"], type: AccountType(try row.nonEmpty("type")),
                                         status: AccountStatus(try row.nonEmpty("status")), parentID: parent,
                                         currency: try row.currency("currency")))
        }
        let missing = try database.missingAccounts(among: Set(parents.map(\.0)).subtracting(seen.keys))
        if let (parent, row) = parents.first(where: { missing.contains($0.0) }) {
            throw row.error("parent_id", "\"\(parent)\" names no account in this file or the database")
        }
        return records
    }

    func contracts(_ table: CSVTable) throws -> [ContractRecord] {
        var seen: [ContractID: Int] = [:]
        var records: [ContractRecord] = []
        for row in table.rows {
            let id = ContractID(try row.nonEmpty("id"))
            if let first = seen[id] { throw row.error("id", "\"\(id)\" is given twice (first on line \(first))") }
            seen[id] = row.line
            let modified = row["modified_at"]
            guard ISO8601Text.isDateTime(modified) else {
                throw row.error("modified_at", "\"\(modified)\" is not an ISO 8601 date or time")
            }
            records.append(ContractRecord(id: id, accountID: AccountID(try row.nonEmpty("account_id")),
                                          itemValue: try row.decimal("item_value"),
                                          serviceValue: try row.decimal("service_value"),
                                          currency: try row.currency("currency"), modifiedAt: modified))
        }
        let missing = try database.missingAccounts(among: Set(records.map(\.accountID)))
        if let index = records.firstIndex(where: { missing.contains($0.accountID) }) {
            throw table.rows[index].error("account_id", "\"\(records[index].accountID)\" names no account")
        }
        return records
    }

    func ratingRules(_ table: CSVTable) throws -> [RatingRule] {
        var currencyOfType: [AccountType: (CurrencyCode, Int)] = [:]
        return try table.rows.map { row in
            let type = AccountType(try row.nonEmpty("account_type"))
            guard let number = Int(row["rating"]), let rating = Rating(rawValue: number) else {
                throw row.error("rating", "\"\(row["rating"])\" is not a rating from 1 to 7")
            }
            let from = try row.wholeUnits("amount_from"), to = try row.wholeUnits("amount_to")
            guard from <= to else { throw row.error("amount_to", "\(to) is below amount_from \(from)") }
            let currency = try row.currency("currency")
            if let (first, line) = currencyOfType[type], first != currency {
                throw row.error("currency", "\(currency) differs from \(first) on line \(line) for account type \(type)")
            }
            currencyOfType[type] = currencyOfType[type] ?? (currency, row.line)
            return RatingRule(accountType: type, rating: rating, amountFrom: from, amountTo: to, currency: currency)
        }
    }

    func exchangeRates(_ table: CSVTable) throws -> [ExchangeRate] {
        var seen: [String: Int] = [:]
        return try table.rows.map { row in
            let from = try row.currency("from_currency"), to = try row.currency("to_currency")
            guard from != to else { throw row.error("to_currency", "equals from_currency") }
            let rate = try row.decimal("rate")
            guard rate.units > 0 else { throw row.error("rate", "\"\(row["rate"])\" is not a positive rate") }
            guard let day = Day(rawValue: row["valid_from"]) else {
                throw row.error("valid_from", "\"\(row["valid_from"])\" is not an ISO 8601 date (YYYY-MM-DD)")
            }
            let key = "\(from) \(to) \(day)"
            if let first = seen[key] { throw row.error("valid_from", "\(key) is given twice (first on line \(first))") }
            seen[key] = row.line
            return ExchangeRate(from: from, to: to, rate: rate, validFrom: day)
        }
    }
}
