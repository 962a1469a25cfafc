import Foundation

/// Every lease row as read at `now` (the database's clock): what the console's "Instances and what they hold" shows.
public struct LeaseTable: Sendable, Equatable {
    public var now: Date
    public var leases: [Lease]

    public init(now: Date, leases: [Lease]) {
        self.now = now
        self.leases = leases
    }

    /// The leases held at `now`.
    public var held: [Lease] { leases.filter { $0.isHeld(at: now) } }
}
