/// A snapshot of who is who (INTERFACE.md §2, §3): users, contacts, accounts, orders and the capture policy.
///
/// A value, built once from the store and shared by every decision until the address book changes (the writer then
/// builds a new one). Every lookup by address or number is a dictionary read. Entries with the same id replace earlier
/// ones (the upsert of §3).
public struct AddressBook: Sendable {
    /// The users by id.
    public let users: [UserID: User]
    /// The contacts by id.
    public let contacts: [ContactID: Contact]
    /// The accounts by id.
    public let accounts: [AccountID: Account]
    /// The orders by number.
    public let orders: [OrderNumber: Order]
    /// The never-capture and capture addresses of the configuration.
    public let policy: CapturePolicy

    private let usersByAddress: [EmailAddress: [UserID]]
    private let contactsByAddress: [EmailAddress: [ContactID]]
    private let subsidiariesByAccount: [AccountID: [AccountID]]

    /// Builds the snapshot and its indexes.
    public init(
        users: [User] = [], contacts: [Contact] = [], accounts: [Account] = [], orders: [Order] = [],
        policy: CapturePolicy = CapturePolicy()
    ) {
        self.users = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.contacts = Dictionary(contacts.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.accounts = Dictionary(accounts.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.orders = Dictionary(orders.map { ($0.number, $0) }, uniquingKeysWith: { _, last in last })
        self.policy = policy
        usersByAddress = Self.index(self.users.values.map { ($0.id, $0.addresses) })
        contactsByAddress = Self.index(self.contacts.values.map { ($0.id, $0.addresses) })
        var subsidiaries: [AccountID: [AccountID]] = [:]
        for account in self.accounts.values {
            if let parent = account.parent { subsidiaries[parent, default: []].append(account.id) }
        }
        subsidiariesByAccount = subsidiaries.mapValues { $0.sorted() }
    }

    /// The users that have `address` among their addresses, sorted (usually none or one).
    public func users(for address: EmailAddress) -> [UserID] { usersByAddress[address] ?? [] }

    /// The contacts that have `address` among their addresses, sorted: a shared address stands for all of them (§2).
    public func contacts(for address: EmailAddress) -> [ContactID] { contactsByAddress[address] ?? [] }

    /// The account of a contact, nil for an unknown contact.
    public func account(of contact: ContactID) -> AccountID? { contacts[contact]?.account }

    /// The order with `number`, nil when there is none.
    public func order(_ number: OrderNumber) -> Order? { orders[number] }

    /// The direct subsidiaries of `account` (accounts whose parent it is), sorted.
    public func subsidiaries(of account: AccountID) -> [AccountID] { subsidiariesByAccount[account] ?? [] }

    private static func index<ID: Hashable & Comparable>(_ entries: [(ID, [EmailAddress])]) -> [EmailAddress: [ID]] {
        var index: [EmailAddress: Set<ID>] = [:]
        for (id, addresses) in entries {
            for address in addresses { index[address, default: []].insert(id) }
        }
        return index.mapValues { $0.sorted() }
    }
}
