import CRMCore

/// Sums contract values per account and currency, exactly.
struct OwnTotalsAccumulator {
    private var sums: [String: [String: (Amount, Int)]] = [:]

    mutating func add(_ row: Row) throws {
        let account: String = row[0]
        let currency: String = row[1]
        let item: String = row[2]
        let service: String = row[3]
        guard let a = Amount(item), let b = Amount(service) else {
            throw CorruptValue(table: "contracts", column: "item_value/service_value")
        }
        guard let value = a.adding(b) else { throw AmountOverflow() }
        let previous = sums[account, default: [:]][currency] ?? (.zero, 0)
        guard let sum = previous.0.adding(value) else { throw AmountOverflow() }
        sums[account, default: [:]][currency] = (sum, previous.1 + 1)
    }

    func result() -> [AccountID: [CurrencyTotal]] {
        var result: [AccountID: [CurrencyTotal]] = [:]
        result.reserveCapacity(sums.count)
        for (account, byCurrency) in sums {
            result[AccountID(account)] = byCurrency.compactMap { code, value in
                CurrencyCode(rawValue: code).map { CurrencyTotal(currency: $0, amount: value.0, contracts: value.1) }
            }.sorted { $0.currency < $1.currency }
        }
        return result
    }
}
