import CRMCore

/// The rows of the rating's kinds (§3 accounts, contracts, rating-rules, exchange-rates). A row's problem is collected
/// and the row left out; the later rows are still decoded, so that every bad row is reported.
extension ReferenceImporter {
    func accounts(_ table: CSVTable, _ problems: inout RowProblems) throws -> [AccountRecord] {
        var seen: [AccountID: Int] = [:]
        var records: [AccountRecord] = []
        var parents: [(AccountID, CSVTable.Row)] = []
        for row in table.rows {
            guard let record = try problems.decode({ () throws -> AccountRecord in
                let id = AccountID(try row.nonEmpty("id"))
                if let first = seen[id] { throw row.error("id", "\"\(id)\" is given twice (first on line \(first))") }
                return AccountRecord(id: id, name: row["name"], type: AccountType(try row.nonEmpty("type")),
                                     status: AccountStatus(try row.nonEmpty("status")),
                                     parentID: row["parent_id"].isEmpty ? nil : AccountID(row["parent_id"]),
                                     currency: try row.currency("currency"))
            }) else { continue }
            seen[record.id] = row.line
            if let parent = record.parentID { parents.append((parent, row)) }
            records.append(record)
        }
        let missing = try database.missingAccounts(among: Set(parents.map(\.0)).subtracting(seen.keys))
        for (parent, row) in parents where missing.contains(parent) {
            problems.add(row.error("parent_id", "\"\(parent)\" names no account in this file or the database"))
        }
        return records
    }

    func contracts(_ table: CSVTable, _ problems: inout RowProblems) throws -> [ContractRecord] {
        var seen: [ContractID: Int] = [:]
        var records: [ContractRecord] = []
        var accounts: [(AccountID, CSVTable.Row)] = []
        for row in table.rows {
            guard let record = try problems.decode({ () throws -> ContractRecord in
                let id = ContractID(try row.nonEmpty("id"))
                if let first = seen[id] { throw row.error("id", "\"\(id)\" is given twice (first on line \(first))") }
                let modified = row["modified_at"]
                guard ISO8601Text.isDateTime(modified) else {
                    throw row.error("modified_at", "\"\(modified)\" is not an ISO 8601 date or time")
                }
                return ContractRecord(id: id, accountID: AccountID(try row.nonEmpty("account_id")),
                                      itemValue: try row.decimal("item_value"),
                                      serviceValue: try row.decimal("service_value"),
                                      currency: try row.currency("currency"), modifiedAt: modified)
            }) else { continue }
            seen[record.id] = row.line
            accounts.append((record.accountID, row))
            records.append(record)
        }
        try checkAccounts(accounts, &problems)
        return records
    }

    func ratingRules(_ table: CSVTable, _ problems: inout RowProblems) throws -> [RatingRule] {
        var currencyOfType: [AccountType: (CurrencyCode, Int)] = [:]
        var rules: [RatingRule] = []
        for row in table.rows {
            guard let rule = try problems.decode({ () throws -> RatingRule in
                let type = AccountType(try row.nonEmpty("account_type"))
                guard let number = Int(row["rating"]), let rating = Rating(rawValue: number) else {
                    throw row.error("rating", "\"\(row["rating"])\" is not a rating from 1 to 7")
                }
                let from = try row.wholeUnits("amount_from"), to = try row.wholeUnits("amount_to")
                guard from <= to else { throw row.error("amount_to", "\(to) is below amount_from \(from)") }
                let currency = try row.currency("currency")
                if let (first, line) = currencyOfType[type], first != currency {
                    throw row.error("currency",
                                    "\(currency) differs from \(first) on line \(line) for account type \(type)")
                }
                return RatingRule(accountType: type, rating: rating, amountFrom: from, amountTo: to, currency: currency)
            }) else { continue }
            currencyOfType[rule.accountType] = currencyOfType[rule.accountType] ?? (rule.currency, row.line)
            rules.append(rule)
        }
        return rules
    }

    func exchangeRates(_ table: CSVTable, _ problems: inout RowProblems) throws -> [ExchangeRate] {
        var seen: [String: Int] = [:]
        var rates: [ExchangeRate] = []
        for row in table.rows {
            guard let (rate, key) = try problems.decode({ () throws -> (ExchangeRate, String) in
                let from = try row.currency("from_currency"), to = try row.currency("to_currency")
                guard from != to else { throw row.error("to_currency", "equals from_currency") }
                let rate = try row.decimal("rate")
                guard rate.units > 0 else { throw row.error("rate", "\"\(row["rate"])\" is not a positive rate") }
                guard let day = Day(rawValue: row["valid_from"]) else {
                    throw row.error("valid_from", "\"\(row["valid_from"])\" is not an ISO 8601 date (YYYY-MM-DD)")
                }
                let key = "\(from) \(to) \(day)"
                if let first = seen[key] { throw row.error("valid_from", "\(key) is given twice (first on line \(first))") }
                return (ExchangeRate(from: from, to: to, rate: rate, validFrom: day), key)
            }) else { continue }
            seen[key] = row.line
            rates.append(rate)
        }
        return rates
    }
}
