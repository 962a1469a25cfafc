import Foundation

/// What the store keeps about logins (§8): password hashes, rights and the failed attempts the lockout counts.
/// Implemented by Store; every method is one transaction, and every change of a person is audited in it.
public protocol LoginStore: Sendable {
    /// Every user of `users.csv` as a login, by id.
    func logins() throws -> [Login]
    /// The user as a login; nil when `user` is not in `users.csv`.
    func login(_ user: UserID) throws -> Login?
    /// The stored slow salted hash (never the password), nil when none was set.
    func passwordHash(of user: UserID) throws -> String?
    /// Stores `hash` as `user`'s password hash; audited as `actor`.
    func setPasswordHash(_ hash: String, of user: UserID, actor: String, at time: Date) throws
    /// Adds `rights` to `user`'s; audited as `actor`.
    func grant(_ rights: Set<LoginRight>, to user: UserID, actor: String, at time: Date) throws
    /// Takes `rights` from `user`; audited as `actor`.
    func revoke(_ rights: Set<LoginRight>, from user: UserID, actor: String, at time: Date) throws
    /// Records one login attempt for `user` (console or CLI password prompt) and audits it.
    func recordLoginAttempt(_ user: UserID, succeeded: Bool, origin: String, at time: Date) throws
    /// The times of `user`'s failed attempts at or after `time`, oldest first (what `LoginLockout` counts).
    func failedLoginTimes(of user: UserID, since time: Date) throws -> [Date]
}
