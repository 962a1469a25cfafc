extension AddressBook {
    /// One of the company's own people (`users.csv`); any of its addresses is a user address (§2).
    public struct User: Sendable, Hashable {
        public var id: UserID
        public var addresses: [EmailAddress]

        public init(id: UserID, addresses: [EmailAddress]) {
            self.id = id
            self.addresses = addresses
        }
    }

    /// One of the customers' people (`contacts.csv`), on exactly one account.
    public struct Contact: Sendable, Hashable {
        public var id: ContactID
        public var account: AccountID
        public var addresses: [EmailAddress]

        public init(id: ContactID, account: AccountID, addresses: [EmailAddress]) {
            self.id = id
            self.account = account
            self.addresses = addresses
        }
    }

    /// An account and its parent (the account it is a subsidiary of), as far as capture needs it.
    public struct Account: Sendable, Hashable {
        public var id: AccountID
        public var parent: AccountID?

        public init(id: AccountID, parent: AccountID? = nil) {
            self.id = id
            self.parent = parent
        }
    }

    /// An order and the account it belongs to (`orders.csv`).
    public struct Order: Sendable, Hashable {
        public var number: OrderNumber
        public var account: AccountID

        public init(number: OrderNumber, account: AccountID) {
            self.number = number
            self.account = account
        }
    }
}
