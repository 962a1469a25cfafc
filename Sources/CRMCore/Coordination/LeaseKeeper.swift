import Foundation
import Synchronization

/// One lease kept by one instance (issue 14): `attempt()` acquires or renews it (blocking: a store call), `current`
/// says whether it is held now by the instance's own reckoning.
///
/// The reckoning uses no wall clock: a renewal that succeeded is good for `ttl` from the moment it was *sent*
/// (measured on the monotonic clock), which is never later than the expiry the database set from its own clock, so the
/// holder stops before any other instance may take over, however the machines' clocks differ. A renewal that fails (the
/// database unreachable) does not end the lease; its deadline does. The renewal period is `ttl / 3`: two renewals can
/// fail before the deadline.
public final class LeaseKeeper: Sendable {
    public let key: LeaseKey
    public let holder: InstanceName
    public let ttl: Duration
    let store: any LeaseStore
    let registry: HeldLeases?

    private struct State {
        var lease: Lease?
        var deadline: ContinuousClock.Instant?
        var lastOther: InstanceName?
    }

    private let state = Mutex(State())

    public init(key: LeaseKey, holder: InstanceName, ttl: Duration, store: any LeaseStore, registry: HeldLeases? = nil) {
        self.key = key
        self.holder = holder
        self.ttl = ttl
        self.store = store
        self.registry = registry
    }

    /// How often the lease is renewed, and a lease held by another asked for again.
    public var renewEvery: Duration { ttl / 3 }

    /// What one attempt found.
    public enum Attempt: Sendable, Equatable {
        /// Held (taken now, or renewed); `new` when it was not held just before.
        case held(Lease, new: Bool)
        /// Another instance holds it.
        case heldByOther(InstanceName, expires: Date)
        /// The store failed; the lease, if held, stays held until its deadline.
        case failed(String)
    }

    /// Acquires or renews the lease. Blocking: call it off the cooperative pool.
    @discardableResult
    public func attempt() -> Attempt {
        let sent = ContinuousClock.now
        let before = current
        do {
            switch try store.acquireLease(key, holder: holder, ttl: ttl) {
            case .held(let lease):
                state.withLock {
                    $0.lease = lease
                    $0.deadline = sent + ttl
                    $0.lastOther = nil
                }
                registry?.record(lease)
                return .held(lease, new: before?.token != lease.token)
            case .heldByOther(let other, let expires):
                state.withLock {
                    $0.lease = nil
                    $0.deadline = nil
                    $0.lastOther = other
                }
                registry?.forget(key)
                return .heldByOther(other, expires: expires)
            }
        } catch {
            if current == nil { registry?.forget(key) }
            return .failed("\(error)")
        }
    }

    /// The fence of the lease while it is held (its deadline not passed), else nil.
    public var current: LeaseFence? {
        state.withLock { state in
            guard let lease = state.lease, let deadline = state.deadline, ContinuousClock.now < deadline else { return nil }
            return lease.fence
        }
    }

    /// How long until the next renewal is due: `renewEvery`, or less when the deadline comes sooner.
    public var untilNextCheck: Duration {
        state.withLock { state in
            guard let deadline = state.deadline else { return renewEvery }
            let left = ContinuousClock.now.duration(to: deadline)
            return left > .zero ? min(renewEvery, left) : renewEvery
        }
    }

    /// Gives the lease up (on shutdown), when held. Blocking. A failure is left to the lease's expiry.
    public func release() {
        let held = state.withLock { state -> Bool in
            defer {
                state.lease = nil
                state.deadline = nil
            }
            return state.lease != nil
        }
        registry?.forget(key)
        if held { try? store.releaseLease(key, holder: holder) }
    }
}
