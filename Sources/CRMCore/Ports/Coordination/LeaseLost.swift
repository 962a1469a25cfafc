/// A transaction made under a lease was refused (and rolled back): the lease is no longer the instance's under the
/// token it started with, so another instance may have taken over what it covers.
public struct LeaseLost: Error, Sendable, Equatable, CustomStringConvertible {
    /// The lease the transaction required.
    public var fence: LeaseFence
    /// Who holds the lease now (nil: no lease row, or a store that cannot check leases).
    public var holder: InstanceName?
    /// Its token now.
    public var token: Int64?

    public init(fence: LeaseFence, holder: InstanceName?, token: Int64?) {
        self.fence = fence
        self.holder = holder
        self.token = token
    }

    public var description: String {
        let now = holder.map { "now \($0)'s (token \(token ?? 0))" } ?? "not held"
        return "lease lost: \(fence.key) is no longer \(fence.holder)'s under token \(fence.token), \(now)"
    }
}
