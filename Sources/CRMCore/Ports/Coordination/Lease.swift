import Foundation

/// One lease row: who holds `key` since when, until when (times of the database's clock).
public struct Lease: Sendable, Equatable {
    public var key: LeaseKey
    /// The instance that holds (or last held) it.
    public var holder: InstanceName
    /// When this holder took it (renewals keep it).
    public var acquired: Date
    /// Until when it is the holder's without a renewal; a released lease expires when released.
    public var expires: Date
    /// The fencing token: raised each time the lease is taken anew (another holder, or after it expired or was
    /// released), kept by renewals. A transaction that names the token it was started under (`LeaseFence`) is refused
    /// once the lease has been taken anew, even by the same instance.
    public var token: Int64

    public init(key: LeaseKey, holder: InstanceName, acquired: Date, expires: Date, token: Int64) {
        self.key = key
        self.holder = holder
        self.acquired = acquired
        self.expires = expires
        self.token = token
    }

    /// Whether it is held at `now` (not expired, not released).
    public func isHeld(at now: Date) -> Bool { expires > now }

    /// The fence of a transaction made under this lease.
    public var fence: LeaseFence { LeaseFence(key: key, holder: holder, token: token) }
}
