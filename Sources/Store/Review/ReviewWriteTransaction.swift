import CRMCore
import Foundation

/// One write transaction of a review action (§5, §8): the capture transaction the pipeline works in, and the
/// writes of "remember", "add the contact" and the privacy review, committed together with it or not at all.
/// Lives only inside `AppDatabase.inReviewTransaction`.
public final class ReviewWriteTransaction {
    let db: Database
    /// The capture side of the same transaction, for `CapturePipeline`.
    public let capture: any CaptureTransaction

    init(_ db: Database) {
        self.db = db
        capture = DatabaseCaptureTransaction(db)
    }

    public func contactExists(_ contact: ContactID) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?)", arguments: [contact.rawValue])
            ?? false
    }

    public func accountExists(_ account: AccountID) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ?)", arguments: [account.rawValue])
            ?? false
    }

    /// Whether `address` is one of a user's addresses (a user address wins over a contact's, §2).
    public func isUserAddress(_ address: EmailAddress) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user_addresses WHERE address = ?)",
                          arguments: [address.value]) ?? false
    }

    /// Adds `address` to the contact's remembered addresses; false when it was remembered already.
    @discardableResult
    public func rememberAddress(_ address: EmailAddress, for contact: ContactID, actor: String, at time: Date) throws
        -> Bool {
        try db.execute(sql: """
            INSERT INTO remembered_addresses (contact_id, address, remembered_at, remembered_by) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, arguments: [contact.rawValue, address.value, AppDatabase.timestamp(time), actor])
        return db.changesCount > 0
    }

    /// Adds `address` to the never-capture addresses kept in the database; false when it was there already.
    @discardableResult
    public func addNeverCapture(_ address: EmailAddress, actor: String, at time: Date) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO never_capture_addresses (address, added_at, added_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
            """, arguments: [address.value, AppDatabase.timestamp(time), actor])
        return db.changesCount > 0
    }

    /// Creates a contact (no addresses of its own: its address is remembered, so a later import of the same id
    /// keeps it); `id` nil takes the first free `console-N`. Returns the id.
    public func insertContact(id: ContactID?, account: AccountID, name: String) throws -> ContactID {
        var chosen = id
        if chosen == nil {
            let used = try Int.fetchOne(db, sql: """
                SELECT max(CAST(substr(id, 9) AS INTEGER)) FROM contacts
                WHERE id GLOB 'console-[0-9]*' AND substr(id, 9) NOT GLOB '*[^0-9]*'
                """) ?? 0
            chosen = ContactID("console-\(used + 1)")
        }
        guard let chosen else { preconditionFailure("an id was chosen above") }
        try db.execute(sql: "INSERT INTO contacts (id, account_id, name) VALUES (?, ?, ?)",
                       arguments: [chosen.rawValue, account.rawValue, name])
        return chosen
    }

    /// The open entries whose message may name `address`: its sender, or any stored copy containing the address
    /// (ASCII case ignored). A superset: the pipeline then decides each exactly.
    public func openEntriesNaming(_ address: EmailAddress) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT u.id FROM unmatched u JOIN messages m ON m.id = u.message_id WHERE u.status = 'open'
            AND (m.from_address = ? OR EXISTS (SELECT 1 FROM message_copies c WHERE c.message_id = u.message_id
                                               AND instr(lower(CAST(c.raw AS TEXT)), ?) > 0))
            ORDER BY u.id
            """, arguments: [address.value, address.value])
    }

    /// The message and flags of activity `id`; nil when there is none.
    public func activityFlags(_ id: Int64) throws -> (message: Int64, flags: [String])? {
        try Row.fetchOne(db, sql: "SELECT message_id, flags FROM activities WHERE id = ?", arguments: [id]).map { row in
            let flags: String = row[1]
            return (row[0], flags.isEmpty ? [] : flags.split(separator: ",").map(String.init))
        }
    }

    /// Replaces the flags of activity `id`.
    public func setActivityFlags(_ id: Int64, _ flags: [String]) throws {
        try db.execute(sql: "UPDATE activities SET flags = ? WHERE id = ?",
                       arguments: [flags.joined(separator: ","), id])
    }
}

extension AppDatabase {
    /// Runs `body` in one write transaction: the review action's writes, its capture decisions and its audit entries
    /// are committed together or not at all.
    public func inReviewTransaction<T>(_ body: (ReviewWriteTransaction) throws -> T) throws -> T {
        try writer.write { db in try body(ReviewWriteTransaction(db)) }
    }
}

extension ReviewWriteTransaction {
    /// The address book as this transaction sees it: what it just remembered or added counts.
    public func addressBook(policy: CapturePolicy) throws -> AddressBook {
        try AppDatabase.addressBook(db, policy: policy)
    }
}
