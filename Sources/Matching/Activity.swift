import CRMCore

/// A message that becomes CRM history (INTERFACE.md §4.4–§4.7), as the writer stores and `export activities` shows it.
///
/// Id lists are sorted and free of repeats.
public struct Activity: Sendable, Equatable {
    public var direction: Direction
    /// Every contact among sender and recipients (§4.6); a shared address links all its contacts.
    public var contacts: [ContactID]
    /// The accounts of `contacts`.
    public var accounts: [AccountID]
    /// Every user among sender and recipients.
    public var users: [UserID]
    /// The linked orders: `ownOrders` when the message has `Order:N` references, else those inherited from the
    /// message it answers (§4.7).
    public var orders: [OrderNumber]
    /// The orders its own `Order:N` references name and the address book knows.
    public var ownOrders: [OrderNumber]
    /// Its own `Order:N` numbers that name no order (kept, §4.7).
    public var unresolvedOrders: [OrderNumber]
    /// Its own `Order:N` numbers that cannot be an order number at all (0, or beyond `Int64`), as digits without
    /// leading zeros: unresolved references too (§4.7), kept rather than dropped.
    public var unresolvedOrderDigits: [String] = []
    /// The captured message `orders` were inherited from (the one this message answers), nil when not inherited.
    public var inheritedFrom: MessageIdentity?
    public var flags: [ActivityFlag]
    /// The messages this one answers, nearest first: `In-Reply-To`, then `References` from last to first.
    public var threadParents: [MessageIdentity]

    public init(
        direction: Direction, contacts: [ContactID] = [], accounts: [AccountID] = [], users: [UserID] = [],
        orders: [OrderNumber] = [], ownOrders: [OrderNumber] = [], unresolvedOrders: [OrderNumber] = [],
        inheritedFrom: MessageIdentity? = nil, flags: [ActivityFlag] = [], threadParents: [MessageIdentity] = []
    ) {
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

    /// Whether the message itself has `Order:N` references (resolved or not); such a message never inherits.
    public var hasOwnOrderReferences: Bool {
        !ownOrders.isEmpty || !unresolvedOrders.isEmpty || !unresolvedOrderDigits.isEmpty
    }
}
