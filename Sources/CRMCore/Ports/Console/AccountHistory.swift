import Foundation

/// The account pages of the console (§8, `GET /accounts/ID`): an account with its place in the hierarchy, its
/// rating and the rules of its type, and its history. Implemented by Store.
public protocol AccountHistory: Sendable {
    /// The account, its parent, every subsidiary at any depth (parent links that form a cycle are followed once),
    /// and the rating rules of its type; nil when there is no such account.
    func accountProfile(_ id: AccountID) throws -> AccountProfile?
    /// What happened with the account and all its subsidiaries at any depth, newest first: `limit` entries after
    /// the first `offset`. Entries without a date come last.
    func history(of id: AccountID, offset: Int, limit: Int) throws -> [AccountHistoryEntry]
    /// Accounts whose id or name contains `text` (case-insensitive; every account when it is empty), by name.
    func findAccounts(matching text: String, offset: Int, limit: Int) throws -> [AccountSummary]
}
