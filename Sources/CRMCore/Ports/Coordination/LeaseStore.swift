import Foundation

/// Leases between the instances sharing one database (issue 14): a mailbox is polled, and a user's calendar synced,
/// by the instance that holds its lease. Each call is one transaction of plain conditional SQL, so it behaves the same
/// on PostgreSQL and on SQLite (several instances on one file).
///
/// Times come from the database's clock when `now` is nil (the one clock every instance sees: machines' clocks
/// differ); tests pass `now`.
public protocol LeaseStore: Sendable {
    /// Takes `key` for `holder` when it is free, expired or already `holder`'s (then renewed, same token), until
    /// `now + ttl`; else says who holds it.
    func acquireLease(_ key: LeaseKey, holder: InstanceName, ttl: Duration, now: Date?) throws -> LeaseGrant
    /// Gives `key` up when `holder` holds it (it expires now; the row stays, so its token keeps rising).
    func releaseLease(_ key: LeaseKey, holder: InstanceName, now: Date?) throws
    /// Every lease row, held or not, by key, with the database's time of the reading.
    func leases() throws -> LeaseTable
}

extension LeaseStore {
    /// `acquireLease` on the database's clock.
    public func acquireLease(_ key: LeaseKey, holder: InstanceName, ttl: Duration) throws -> LeaseGrant {
        try acquireLease(key, holder: holder, ttl: ttl, now: nil)
    }

    /// `releaseLease` on the database's clock.
    public func releaseLease(_ key: LeaseKey, holder: InstanceName) throws {
        try releaseLease(key, holder: holder, now: nil)
    }
}
