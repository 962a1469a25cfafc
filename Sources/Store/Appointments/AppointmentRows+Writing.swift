import CRMCore
import Foundation

extension AppointmentRows {
    /// Writes the row and its links (computed now from the address book, §2) and returns the stored appointment.
    static func write(_ draft: AppointmentDraft, id: AppointmentID, uid: String, modifiedAt: Date,
                      icalendar: [UInt8]?, version: Int64, in db: Database) throws -> Appointment {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?)",
                                arguments: [draft.owner.rawValue]) == true else {
            throw UnknownAppointmentOwner(owner: draft.owner)
        }
        var fields = draft
        fields.uid = uid
        let arguments: StatementArguments = [
            id.rawValue, uid, draft.owner.rawValue, draft.title,
            AppointmentTimeText.text(draft.start), draft.start.instant,
            AppointmentTimeText.text(draft.end), draft.end.instant,
            draft.timeZone, draft.location, draft.description, draft.organizer?.value,
            draft.attendees.map(\.value).joined(separator: "\n"), draft.rrule,
            draft.exdates.map(AppointmentTimeText.text).joined(separator: "\n"), draft.status.rawValue,
            AppDatabase.timestamp(modifiedAt), icalendar.map { Data($0) }, version,
        ]
        try db.execute(sql: """
            INSERT INTO appointments (id, uid, owner_id, title, start_text, start_at, end_text, end_at, time_zone,
                location, description, organizer, attendees, rrule, exdates, status, modified_at, icalendar, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET uid = excluded.uid, owner_id = excluded.owner_id, title = excluded.title,
                start_text = excluded.start_text, start_at = excluded.start_at, end_text = excluded.end_text,
                end_at = excluded.end_at, time_zone = excluded.time_zone, location = excluded.location,
                description = excluded.description, organizer = excluded.organizer, attendees = excluded.attendees,
                rrule = excluded.rrule, exdates = excluded.exdates, status = excluded.status,
                modified_at = excluded.modified_at, icalendar = excluded.icalendar, version = excluded.version
            """, arguments: arguments)
        let links = try relink(id, addresses: [draft.organizer].compactMap { $0 } + draft.attendees, in: db)
        // Read back: the stored time text is what every later reader sees.
        return try fetch(id: id, in: db) ?? Appointment(id: id, fields: fields, contacts: links.contacts,
                                                       accounts: links.accounts, users: links.users,
                                                       modifiedAt: modifiedAt, icalendar: icalendar, version: version)
    }

    /// Links the contacts, their accounts and the users whose address is one of `addresses`, as capture links a
    /// mail's participants (§2, §4.6): a user address wins over a contact address; an address of several contacts
    /// links them all.
    @discardableResult
    static func relink(_ id: AppointmentID, addresses: [EmailAddress], in db: Database) throws
        -> (contacts: [ContactID], accounts: [AccountID], users: [UserID]) {
        for table in ["appointment_contacts", "appointment_accounts", "appointment_users"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE appointment_id = ?", arguments: [id.rawValue])
        }
        var users = Set<String>(), contacts = Set<String>(), accounts = Set<String>()
        for address in Set(addresses.map(\.value)) {
            let owners = try String.fetchAll(db, sql: "SELECT user_id FROM user_addresses WHERE address = ?",
                                             arguments: [address])
            if !owners.isEmpty { users.formUnion(owners); continue }
            for row in try Row.fetchAll(db, sql: """
                SELECT c.id, c.account_id FROM contact_addresses a JOIN contacts c ON c.id = a.contact_id
                WHERE a.address = ?
                """, arguments: [address]) {
                contacts.insert(row[0])
                accounts.insert(row[1])
            }
        }
        for (table, column, ids) in [("appointment_contacts", "contact_id", contacts),
                                     ("appointment_accounts", "account_id", accounts),
                                     ("appointment_users", "user_id", users)] {
            for linked in ids {
                try db.execute(sql: "INSERT INTO \(table) (appointment_id, \(column)) VALUES (?, ?)",
                               arguments: [id.rawValue, linked])
            }
        }
        return (contacts.sorted().map { ContactID($0) }, accounts.sorted().map { AccountID($0) },
                users.sorted().map { UserID($0) })
    }

    /// A new appointment id: `A` and random hex digits, unused so far.
    static func newID(in db: Database) throws -> AppointmentID {
        while true {
            let candidate = "A" + String(UInt64.random(in: 0..<(1 << 48)), radix: 16)
            if try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM appointments WHERE id = ?)",
                                  arguments: [candidate])! { return AppointmentID(candidate) }
        }
    }

    /// A new iCalendar UID (RFC 5545 §3.8.4.7 recommends a globally unique one).
    static func newUID() -> String { UUID().uuidString.lowercased() + "@crmservice" }
}
