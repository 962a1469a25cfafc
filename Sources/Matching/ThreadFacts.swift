import CRMCore

/// The already-captured messages (activities) of the thread a new message joins, as the writer reads them from the
/// store: every captured message connected to the new one through `In-Reply-To`/`References` ids, at any depth and in
/// both directions (what it answers, what answers it, what answers those…). Passing more is harmless; passing less
/// leaves a reply further down without its inherited orders.
public struct ThreadFacts: Sendable, Equatable {
    public var members: [ThreadMember]

    public init(_ members: [ThreadMember] = []) { self.members = members }
}

/// One captured message of a thread: what §4.7 needs to decide which orders it links.
public struct ThreadMember: Sendable, Hashable {
    public var identity: MessageIdentity
    /// The messages it answers, nearest first (`Activity.threadParents`).
    public var parents: [MessageIdentity]
    /// Whether it has `Order:N` references of its own (then it never inherits).
    public var hasOwnOrderReferences: Bool
    /// The known orders of its own references.
    public var ownOrders: [OrderNumber]
    /// Its accounts (for `order_account_mismatch`).
    public var accounts: [AccountID]
    /// The orders it links as stored now.
    public var orders: [OrderNumber]
    /// Its flags as stored now.
    public var flags: [ActivityFlag]

    public init(
        identity: MessageIdentity, parents: [MessageIdentity], hasOwnOrderReferences: Bool,
        ownOrders: [OrderNumber], accounts: [AccountID], orders: [OrderNumber], flags: [ActivityFlag]
    ) {
        self.identity = identity
        self.parents = parents
        self.hasOwnOrderReferences = hasOwnOrderReferences
        self.ownOrders = ownOrders
        self.accounts = accounts
        self.orders = orders
        self.flags = flags
    }

    /// The member for a stored activity.
    public init(identity: MessageIdentity, activity: Activity) {
        self.init(
            identity: identity, parents: activity.threadParents, hasOwnOrderReferences: activity.hasOwnOrderReferences,
            ownOrders: activity.ownOrders, accounts: activity.accounts, orders: activity.orders, flags: activity.flags
        )
    }
}

/// New linked orders and flags for an already-captured activity (§4.7); the writer replaces the stored ones.
public struct ThreadOrderUpdate: Sendable, Hashable {
    public var identity: MessageIdentity
    public var orders: [OrderNumber]
    /// The message the orders now come from (nil when it links none).
    public var inheritedFrom: MessageIdentity?
    public var flags: [ActivityFlag]

    public init(identity: MessageIdentity, orders: [OrderNumber], inheritedFrom: MessageIdentity?, flags: [ActivityFlag]) {
        self.identity = identity
        self.orders = orders
        self.inheritedFrom = inheritedFrom
        self.flags = flags
    }
}
