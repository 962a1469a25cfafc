import CRMCore
import Foundation

/// The head of an unmatched entry's first copy, for what the candidate ranking reads from the message itself
/// (display name, `In-Reply-To`/`References`): the store keeps neither as columns.
public struct UnmatchedEntryHead: Sendable, Equatable {
    public var entry: Int64
    public var identity: MessageIdentity
    /// The sender's address as stored (normalised when it was one).
    public var from: String?
    /// At most `AppDatabase.entryHeadBytes` of the first copy: its header block, unless that is larger.
    public var head: [UInt8]
}

extension AppDatabase {
    /// How much of a copy `unmatchedEntryHead` reads: a header block is rarely 10 KB, a message may be 64 MiB.
    public static let entryHeadBytes = 262_144

    /// Every contact with its account's name and its addresses (§8 candidates).
    public func contactCards() throws -> [ContactCard] {
        try writer.read { db in try Self.contactCards(db) }
    }

    /// The contacts and the users' addresses with the address book's version, read in one transaction; nil when the
    /// version is still `known` (nothing changed since).
    public func contactCards(ifChangedSince known: Int64?) throws
        -> (version: Int64, contacts: [ContactCard], userAddresses: [EmailAddress])? {
        try writer.read { db in
            let version = try Int64.fetchOne(db, sql: "SELECT seq FROM address_book_version WHERE id = 1") ?? 0
            if version == known { return nil }
            return (version, try Self.contactCards(db), try Self.userAddresses(db))
        }
    }

    static func contactCards(_ db: Database) throws -> [ContactCard] {
        var addresses: [String: [EmailAddress]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT contact_id, address FROM contact_addresses ORDER BY contact_id, position") {
            if let address = EmailAddress(row[1] as String) { addresses[row[0], default: []].append(address) }
        }
        return try Row.fetchAll(db, sql: """
            SELECT c.id, c.name, c.account_id, a.name FROM contacts c JOIN accounts a ON a.id = c.account_id ORDER BY c.id
            """).map { row in
            ContactCard(id: ContactID(row[0] as String), name: row[1], account: AccountID(row[2] as String),
                        accountName: row[3], addresses: addresses[row[0] as String] ?? [])
        }
    }

    /// Every address of every user.
    public func userAddresses() throws -> [EmailAddress] {
        try writer.read { db in try Self.userAddresses(db) }
    }

    static func userAddresses(_ db: Database) throws -> [EmailAddress] {
        try String.fetchAll(db, sql: "SELECT DISTINCT address FROM user_addresses ORDER BY address").compactMap(EmailAddress.init)
    }

    /// The entry's identity, sender and head; nil when there is no such entry (or its message lost its copies).
    public func unmatchedEntryHead(_ entry: Int64) throws -> UnmatchedEntryHead? {
        try writer.read { db in try Self.entryHead(db, entry) }
    }

    static func entryHead(_ db: Database, _ entry: Int64) throws -> UnmatchedEntryHead? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT m.identity, m.from_address,
                   (SELECT substr(c.raw, 1, ?) FROM message_copies c WHERE c.message_id = m.id ORDER BY c.rowid LIMIT 1)
            FROM unmatched u JOIN messages m ON m.id = u.message_id WHERE u.id = ?
            """, arguments: [entryHeadBytes, entry]) else { return nil }
        guard let identity = MessageIdentity(row[0] as String) else { throw CorruptValue(table: "messages", column: "identity") }
        let head: Data? = row[2]
        return UnmatchedEntryHead(entry: entry, identity: identity, from: row[1], head: head.map { [UInt8]($0) } ?? [])
    }

    /// For each address, the contacts that assigned entries from it went to, with how many (§8 "an earlier
    /// assignment of the same address").
    public func earlierAssignments(of addresses: [EmailAddress]) throws -> [EmailAddress: [ContactID: Int]] {
        guard !addresses.isEmpty else { return [:] }
        return try writer.read { db in
            var result: [EmailAddress: [ContactID: Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT m.from_address, u.assigned_contact, count(*)
                FROM unmatched u JOIN messages m ON m.id = u.message_id
                WHERE u.status = 'assigned' AND u.assigned_contact IS NOT NULL
                  AND m.from_address IN (\(databaseQuestionMarks(count: addresses.count)))
                GROUP BY m.from_address, u.assigned_contact
                """, arguments: StatementArguments(addresses.map(\.value))) {
                guard let address = EmailAddress(row[0] as String) else { continue }
                result[address, default: [:]][ContactID(row[1] as String)] = row[2]
            }
            return result
        }
    }

    /// The contacts rejected as suggestions for each address.
    public func rejectedSuggestions(of addresses: [EmailAddress]) throws -> [EmailAddress: Set<ContactID>] {
        guard !addresses.isEmpty else { return [:] }
        return try writer.read { db in
            var result: [EmailAddress: Set<ContactID>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT address, contact_id FROM rejected_suggestions
                WHERE address IN (\(databaseQuestionMarks(count: addresses.count)))
                """, arguments: StatementArguments(addresses.map(\.value))) {
                guard let address = EmailAddress(row[0] as String) else { continue }
                result[address, default: []].insert(ContactID(row[1] as String))
            }
            return result
        }
    }

    /// The contacts of the captured activities connected to `identity` through thread references, in both
    /// directions and at any depth (as capture reads a thread, §4.7); `parents` are the ids the message answers.
    public func threadContacts(of identity: MessageIdentity, parents: [MessageIdentity]) throws -> Set<ContactID> {
        try writer.read { db in
            let members = try DatabaseCaptureTransaction(db).threadActivities(of: identity, parents: parents)
            return Set(members.flatMap { $0.1.contacts })
        }
    }

    /// Records "`contact` is not `address`" (§8) with an audit line, in one transaction. Rejecting again changes
    /// nothing but the audit log.
    public func rejectSuggestion(address: EmailAddress, contact: ContactID, actor: String,
                                 origin: AuditOrigin = .cli, at time: Date) throws {
        try writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?)",
                                    arguments: [contact.rawValue]) == true else {
                throw NoSuchContact(contact: contact.rawValue)
            }
            let at = AppDatabase.timestamp(time)
            try db.execute(sql: """
                INSERT INTO rejected_suggestions (address, contact_id, actor, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, arguments: [address.value, contact.rawValue, actor, at])
            try DatabaseCaptureTransaction(db).appendAudit(AuditLogEntry(
                at: time, actor: actor, origin: origin, action: "reject-suggestion", target: "address \(address.value)",
                detail: "contact \(contact.rawValue)"))
        }
    }
}
