import Foundation

/// What the rating job reads (§6), all from one snapshot of the database (a read transaction: writers go on).
/// Implemented by Store. Long reads call the store's stop check every few thousand rows.
public protocol RatingSnapshot {
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
}

/// What the rating job writes (§6), in one write transaction: the whole result of a run or nothing of it.
public protocol RatingWriteSession {
    /// What the last run left, as committed now (another run may have committed since the snapshot).
    func watermark() throws -> RatingWatermark?
    /// Replaces the saved own totals of `accounts` (all saved totals when `accounts` is `nil`) by `totals`.
    func saveOwnTotals(_ totals: [AccountID: [CurrencyTotal]], replacing accounts: Set<AccountID>?) throws
    /// Writes `rating` unless the account has it already; the account's `modified_at` becomes `time`. Returns whether
    /// the row changed.
    func setRating(_ rating: Rating?, of account: AccountID, at time: Date) throws -> Bool
    func saveWatermark(_ watermark: RatingWatermark) throws
}

/// A store that reads the rating's input from one snapshot and writes its result in one short transaction.
///
/// `checkStop` is called every few thousand rows read or written; what it throws ends the read, or rolls the write
/// back, and is rethrown.
public protocol RatingStore: Sendable {
    /// Runs `body` in one read transaction (a snapshot; writers are not blocked).
    func inRatingSnapshot<T>(checkStop: @escaping () throws -> Void, _ body: (any RatingSnapshot) throws -> T) throws -> T
    /// Runs `body` in one write transaction; a thrown error rolls everything back.
    func inRatingWrite<T>(checkStop: @escaping () throws -> Void, _ body: (any RatingWriteSession) throws -> T) throws -> T
    /// Replaces the rules of the types named in `rules` (one transaction); used by `rating validate --repair`.
    func replaceRules(ofTypes types: Set<AccountType>, with rules: [RatingRule]) throws
    func allRules() throws -> [RatingRule]
}
