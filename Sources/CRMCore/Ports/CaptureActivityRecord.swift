/// An activity as the store keeps it: enough to export it and to rebuild its thread facts (§4.6, §4.7).
/// `direction` and `flags` hold the contract's words (`incoming`/`outgoing`, `order_account_mismatch`).
public struct ActivityRecord: Sendable, Equatable {
    public var direction: String
    public var contacts: [ContactID]
    public var accounts: [AccountID]
    public var users: [UserID]
    public var orders: [OrderNumber]
    public var ownOrders: [OrderNumber]
    public var unresolvedOrders: [OrderNumber]
    /// Unresolved `Order:N` references that can be no order number (0, or beyond `Int64`): their digits.
    public var unresolvedOrderDigits: [String]
    public var inheritedFrom: MessageIdentity?
    public var flags: [String]
    /// The messages it answers, nearest first.
    public var threadParents: [MessageIdentity]

    public init(
        direction: String, contacts: [ContactID], accounts: [AccountID], users: [UserID], orders: [OrderNumber],
        ownOrders: [OrderNumber], unresolvedOrders: [OrderNumber], inheritedFrom: MessageIdentity?, flags: [String],
        threadParents: [MessageIdentity], unresolvedOrderDigits: [String] = []
    ) {
        self.unresolvedOrderDigits = unresolvedOrderDigits
        self.direction = direction
        self.contacts = contacts
        self.accounts = accounts
        self.users = users
        self.orders = orders
        self.ownOrders = ownOrders
        self.unresolvedOrders = unresolvedOrders
        self.inheritedFrom = inheritedFrom
        self.flags = flags
        self.threadParents = threadParents
    }
}
