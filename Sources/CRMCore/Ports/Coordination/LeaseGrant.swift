import Foundation

/// What `LeaseStore.acquireLease` came to.
public enum LeaseGrant: Sendable, Equatable {
    /// The caller holds it (taken or renewed) until `lease.expires`.
    case held(Lease)
    /// Another instance holds it until `expires`.
    case heldByOther(holder: InstanceName, expires: Date)

    /// The lease, when held.
    public var lease: Lease? {
        if case .held(let lease) = self { lease } else { nil }
    }
}
