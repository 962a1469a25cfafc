import CRMCore
import Foundation
import Store

/// §6 written the slow, obvious way, straight from the exported data: an independent check of the job.
enum RatingOracle {
    static func ratings(_ database: AppDatabase, day: Day) throws -> [String: Int?] {
        let accounts = try database.exportAccounts()
        let parent = Dictionary(uniqueKeysWithValues: accounts.map { ($0.record.id, $0.record.parentID) })
        let contracts = try database.exportContracts()
        let rules = try database.allRules()
        let rates = try database.exportExchangeRates()
        // The accounts on a cycle: walking up from them comes back to them.
        func onCycle(_ id: AccountID) -> Bool {
            var current = parent[id] ?? nil
            for _ in 0...accounts.count {
                guard let c = current else { return false }
                if c == id { return true }
                current = parent[c] ?? nil
            }
            return false
        }
        // Is `ancestor` the account itself or above it?
        func isInTree(_ account: AccountID, of ancestor: AccountID) -> Bool {
            var current: AccountID? = account
            for _ in 0...accounts.count {
                guard let c = current else { return false }
                if c == ancestor { return true }
                current = parent[c] ?? nil
            }
            return false
        }
        var result: [String: Int?] = [:]
        for account in accounts {
            let id = account.record.id
            var rating: Int?
            defer { result.updateValue(rating, forKey: id.rawValue) }
            guard !onCycle(id), account.record.type.isRated, account.record.status != .exit else { continue }
            let mine = contracts.filter { isInTree($0.accountID, of: id) }
            let ofType = rules.filter { $0.accountType == account.record.type }
            guard !mine.isEmpty, let currency = ofType.first?.currency else { continue }
            var total = Amount.zero
            var convertible = true
            for c in mine {
                var value = c.itemValue.adding(c.serviceValue)!
                if c.currency != currency {
                    let valid = rates.filter { $0.from == c.currency && $0.to == currency && $0.validFrom <= day }
                    guard let rate = valid.max(by: { $0.validFrom < $1.validFrom }) else { convertible = false; break }
                    value = value.multiplied(by: rate.rate)!
                }
                total = total.adding(value)!
            }
            guard convertible else { continue }
            let units = total.roundedToWholeUnits()
            rating = ofType.sorted { ($0.amountFrom, $0.rating) < ($1.amountFrom, $1.rating) }
                .first { $0.covers(units) }?.rating.rawValue
        }
        return result
    }
}
