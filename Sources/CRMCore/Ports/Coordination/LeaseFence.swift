/// What a transaction made under a lease checks before it commits (`CaptureTransaction.requireLease`): the lease of
/// `key` is still `holder`'s, under the same `token` (not taken anew since).
public struct LeaseFence: Sendable, Hashable, CustomStringConvertible {
    public var key: LeaseKey
    public var holder: InstanceName
    public var token: Int64

    public init(key: LeaseKey, holder: InstanceName, token: Int64) {
        self.key = key
        self.holder = holder
        self.token = token
    }

    public var description: String { "\(key) held by \(holder) (token \(token))" }
}
