import Foundation
import Synchronization

/// The leases this instance holds, by its own reckoning (`LeaseKeeper`s report here): what `/healthz` shows without
/// asking the database. Safe to use from any thread.
public final class HeldLeases: Sendable {
    private let held = Mutex<[LeaseKey: Lease]>([:])

    public init() {}

    /// The leases held now, by key.
    public func snapshot() -> [Lease] { held.withLock { $0.values.sorted { $0.key < $1.key } } }

    func record(_ lease: Lease) { held.withLock { $0[lease.key] = lease } }
    func forget(_ key: LeaseKey) { held.withLock { _ = $0.removeValue(forKey: key) } }
}
