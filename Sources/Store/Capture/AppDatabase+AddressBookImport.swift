import CRMCore

/// A contact row of `contacts.csv` (§3) with its addresses normalised (§2).
public struct ContactRecord: Sendable, Hashable {
    public var id: ContactID
    public var accountID: AccountID
    public var name: String
    public var addresses: [EmailAddress]
    public init(id: ContactID, accountID: AccountID, name: String, addresses: [EmailAddress]) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.addresses = addresses
    }
}

/// A user row of `users.csv` (§3).
public struct UserRecord: Sendable, Hashable {
    public var id: UserID
    public var name: String
    public var addresses: [EmailAddress]
    public init(id: UserID, name: String, addresses: [EmailAddress]) {
        self.id = id
        self.name = name
        self.addresses = addresses
    }
}

/// An order row of `orders.csv` (§3).
public struct OrderRecord: Sendable, Hashable {
    public var number: OrderNumber
    public var accountID: AccountID
    public var description: String
    public init(number: OrderNumber, accountID: AccountID, description: String) {
        self.number = number
        self.accountID = accountID
        self.description = description
    }
}

extension AppDatabase {
    /// Upserts contacts by id in one transaction; a contact's addresses are replaced by those of the file.
    @discardableResult
    public func importContacts(_ records: [ContactRecord]) throws -> ImportSummary {
        try writer.write { db in try Self.importContacts(db, records) }
    }

    static func importContacts(_ db: Database, _ records: [ContactRecord]) throws -> ImportSummary {
        var summary = ImportSummary()
        for r in records {
            let old = try Row.fetchOne(db, sql: "SELECT account_id, name FROM contacts WHERE id = ?", arguments: [r.id.rawValue])
            let oldAddresses = try String.fetchAll(db, sql: """
                SELECT address FROM contact_addresses WHERE contact_id = ? ORDER BY position
                """, arguments: [r.id.rawValue])
            // Remembered addresses (§8) live apart and are listed by `exportContacts`: the file's own are the rest,
            // so exporting and importing again changes nothing.
            let remembered = Set(try String.fetchAll(db, sql: """
                SELECT address FROM remembered_addresses WHERE contact_id = ?
                """, arguments: [r.id.rawValue]))
            let addresses = r.addresses.filter { !remembered.contains($0.value) }
            if let old, old["account_id"] == r.accountID.rawValue, old["name"] == r.name,
               oldAddresses == addresses.map(\.value) {
                summary.unchanged += 1
                continue
            }
            try db.execute(sql: """
                INSERT INTO contacts (id, account_id, name) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, name = excluded.name
                """, arguments: [r.id.rawValue, r.accountID.rawValue, r.name])
            try db.execute(sql: "DELETE FROM contact_addresses WHERE contact_id = ?", arguments: [r.id.rawValue])
            for (position, address) in addresses.enumerated() {
                try db.execute(sql: """
                    INSERT INTO contact_addresses (contact_id, address, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
                    """, arguments: [r.id.rawValue, address.value, position])
            }
            if old == nil { summary.inserted += 1 } else { summary.updated += 1 }
        }
        return summary
    }

    /// Upserts users by id in one transaction; a user's addresses are replaced by those of the file.
    @discardableResult
    public func importUsers(_ records: [UserRecord]) throws -> ImportSummary {
        try writer.write { db in try Self.importUsers(db, records) }
    }

    static func importUsers(_ db: Database, _ records: [UserRecord]) throws -> ImportSummary {
        var summary = ImportSummary()
        for r in records {
            let old = try String.fetchOne(db, sql: "SELECT name FROM users WHERE id = ?", arguments: [r.id.rawValue])
            let oldAddresses = try String.fetchAll(db, sql: """
                SELECT address FROM user_addresses WHERE user_id = ? ORDER BY position
                """, arguments: [r.id.rawValue])
            if let old, old == r.name, oldAddresses == r.addresses.map(\.value) {
                summary.unchanged += 1
                continue
            }
            try db.execute(sql: """
                INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name
                """, arguments: [r.id.rawValue, r.name])
            try db.execute(sql: "DELETE FROM user_addresses WHERE user_id = ?", arguments: [r.id.rawValue])
            for (position, address) in r.addresses.enumerated() {
                try db.execute(sql: """
                    INSERT INTO user_addresses (user_id, address, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
                    """, arguments: [r.id.rawValue, address.value, position])
            }
            if old == nil { summary.inserted += 1 } else { summary.updated += 1 }
        }
        return summary
    }

    /// Upserts orders by number in one transaction.
    @discardableResult
    public func importOrders(_ records: [OrderRecord]) throws -> ImportSummary {
        try writer.write { db in try Self.importOrders(db, records) }
    }

    static func importOrders(_ db: Database, _ records: [OrderRecord]) throws -> ImportSummary {
        var summary = ImportSummary()
        for r in records {
            let old = try Row.fetchOne(db, sql: "SELECT account_id, description FROM orders WHERE number = ?",
                                       arguments: [r.number.rawValue])
            if let old, old["account_id"] == r.accountID.rawValue, old["description"] == r.description {
                summary.unchanged += 1
                continue
            }
            try db.execute(sql: """
                INSERT INTO orders (number, account_id, description) VALUES (?, ?, ?)
                ON CONFLICT (number) DO UPDATE SET account_id = excluded.account_id, description = excluded.description
                """, arguments: [r.number.rawValue, r.accountID.rawValue, r.description])
            if old == nil { summary.inserted += 1 } else { summary.updated += 1 }
        }
        return summary
    }

    /// Every contact, by id, with its addresses: the imported ones, then those remembered from the review queue (§8),
    /// so that the export imported elsewhere gives the same address book.
    public func exportContacts() throws -> [ContactRecord] {
        try writer.read { db in
            var addresses: [String: [EmailAddress]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT contact_id, address FROM contact_addresses ORDER BY contact_id, position") {
                if let a = EmailAddress(row[1] as String) { addresses[row[0], default: []].append(a) }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT contact_id, address FROM remembered_addresses ORDER BY contact_id, remembered_at, address
                """) {
                if let a = EmailAddress(row[1] as String), addresses[row[0]]?.contains(a) != true {
                    addresses[row[0], default: []].append(a)
                }
            }
            return try Row.fetchAll(db, sql: "SELECT id, account_id, name FROM contacts ORDER BY id").map { row in
                ContactRecord(id: ContactID(row[0] as String), accountID: AccountID(row[1] as String), name: row[2],
                              addresses: addresses[row[0] as String] ?? [])
            }
        }
    }

    /// Every user, by id.
    public func exportUsers() throws -> [UserRecord] {
        try writer.read { db in
            var addresses: [String: [EmailAddress]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT user_id, address FROM user_addresses ORDER BY user_id, position") {
                if let a = EmailAddress(row[1] as String) { addresses[row[0], default: []].append(a) }
            }
            return try Row.fetchAll(db, sql: "SELECT id, name FROM users ORDER BY id").map { row in
                UserRecord(id: UserID(row[0] as String), name: row[1], addresses: addresses[row[0] as String] ?? [])
            }
        }
    }

    /// Every order, by number.
    public func exportOrders() throws -> [OrderRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT number, account_id, description FROM orders ORDER BY number").map { row in
                OrderRecord(number: OrderNumber(row[0] as Int64), accountID: AccountID(row[1] as String), description: row[2])
            }
        }
    }
}
