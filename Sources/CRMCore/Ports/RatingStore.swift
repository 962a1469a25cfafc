import Foundation

/// The rating job's view of the database inside one transaction (§6). Implemented by Store.
public protocol RatingSession {
    /// The current database change sequence (every import that changes something advances it).
    func currentChangeSeq() throws -> Int64
    /// What the last run left, `nil` before the first run.
    func watermark() throws -> RatingWatermark?
    func accounts() throws -> [RatingAccount]
    func rules() throws -> [RatingRule]
    func exchangeRates() throws -> [ExchangeRate]
    /// Accounts whose own contracts, type, status or parent changed after `seq` — and the former accounts or parents
    /// such changes left — as recorded by the writers.
    func accountsChanged(after seq: Int64) throws -> Set<AccountID>
    /// Account types whose rules changed after `seq`.
    func accountTypesChanged(after seq: Int64) throws -> Set<AccountType>
    /// The totals of each account's own contracts per currency, computed from the contracts; `nil` means all accounts.
    func ownTotals(of accounts: Set<AccountID>?) throws -> [AccountID: [CurrencyTotal]]
    /// The own totals the last run saved.
    func savedOwnTotals() throws -> [AccountID: [CurrencyTotal]]
    /// Replaces the saved own totals of `accounts` (all saved totals when `accounts` is `nil`) by `totals`.
    func saveOwnTotals(_ totals: [AccountID: [CurrencyTotal]], replacing accounts: Set<AccountID>?) throws
    /// Writes a changed rating; the account's `modified_at` becomes `time`.
    func setRating(_ rating: Rating?, of account: AccountID, at time: Date) throws
    func saveWatermark(_ watermark: RatingWatermark) throws
}

/// A store that runs the rating in one write transaction.
public protocol RatingStore: Sendable {
    /// Runs `body` in one write transaction; a thrown error rolls everything back.
    func inRatingTransaction<T>(_ body: (any RatingSession) throws -> T) throws -> T
    /// Replaces the rules of the types named in `rules` (one transaction); used by `rating validate --repair`.
    func replaceRules(ofTypes types: Set<AccountType>, with rules: [RatingRule]) throws
    func allRules() throws -> [RatingRule]
}
