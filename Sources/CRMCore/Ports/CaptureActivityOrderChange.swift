/// New orders and flags for a stored activity (a thread update, §4.7).
public struct ActivityOrderChange: Sendable, Equatable {
    public var identity: MessageIdentity
    public var orders: [OrderNumber]
    public var inheritedFrom: MessageIdentity?
    public var flags: [String]
    public init(identity: MessageIdentity, orders: [OrderNumber], inheritedFrom: MessageIdentity?, flags: [String]) {
        self.identity = identity
        self.orders = orders
        self.inheritedFrom = inheritedFrom
        self.flags = flags
    }
}
