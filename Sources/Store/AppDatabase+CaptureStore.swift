import CRMCore

extension AppDatabase: CaptureStore {
    /// The address book as it is now: users, contacts with their normalised addresses (remembered ones included),
    /// accounts, orders; `policy` with the never-capture addresses kept in the database added.
    public func addressBook(policy: CapturePolicy) throws -> AddressBook {
        try writer.read { db in try Self.addressBook(db, policy: policy) }
    }

    /// The address book as `db` sees it (inside a read or a write transaction).
    static func addressBook(_ db: Database, policy: CapturePolicy) throws -> AddressBook {
        var userAddresses: [String: [EmailAddress]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT user_id, address FROM user_addresses ORDER BY user_id, position") {
            if let address = EmailAddress(row[1] as String) { userAddresses[row[0], default: []].append(address) }
        }
        var contactAddresses: [String: [EmailAddress]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT contact_id, address FROM contact_addresses ORDER BY contact_id, position") {
            if let address = EmailAddress(row[1] as String) { contactAddresses[row[0], default: []].append(address) }
        }
        // §8 "remember": addresses people taught the review queue count as the contact's own, after the file's.
        for row in try Row.fetchAll(db, sql: """
            SELECT contact_id, address FROM remembered_addresses ORDER BY contact_id, remembered_at, address
            """) {
            if let address = EmailAddress(row[1] as String), contactAddresses[row[0]]?.contains(address) != true {
                contactAddresses[row[0], default: []].append(address)
            }
        }
        var policy = policy
        for text in try String.fetchAll(db, sql: "SELECT address FROM never_capture_addresses") {
            if let address = EmailAddress(text) { policy.neverCaptureAddresses.insert(address) }
        }
        let users = try String.fetchAll(db, sql: "SELECT id FROM users").map {
            AddressBook.User(id: UserID($0), addresses: userAddresses[$0] ?? [])
        }
        let contacts = try Row.fetchAll(db, sql: "SELECT id, account_id FROM contacts").map { row in
            AddressBook.Contact(id: ContactID(row[0] as String), account: AccountID(row[1] as String),
                                addresses: contactAddresses[row[0] as String] ?? [])
        }
        let accounts = try Row.fetchAll(db, sql: "SELECT id, parent_id FROM accounts").map { row in
            AddressBook.Account(id: AccountID(row[0] as String), parent: (row[1] as String?).map { AccountID($0) })
        }
        let orders = try Row.fetchAll(db, sql: "SELECT number, account_id FROM orders").map { row in
            AddressBook.Order(number: OrderNumber(row[0] as Int64), account: AccountID(row[1] as String))
        }
        return AddressBook(users: users, contacts: contacts, accounts: accounts, orders: orders, policy: policy)
    }

    /// One write transaction: all of `body`'s writes or none.
    public func inCaptureTransaction<T>(_ body: (any CaptureTransaction) throws -> T) throws -> T {
        try writer.write { db in try body(DatabaseCaptureTransaction(db)) }
    }
}
