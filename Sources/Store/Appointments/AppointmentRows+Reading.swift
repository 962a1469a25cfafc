import CRMCore
import Foundation

extension AppointmentRows {
    /// The appointments matching `condition` (SQL over `appointments`, parameterised), by start then id, with links.
    static func fetchAll(_ db: Database, where condition: String, _ arguments: StatementArguments) throws
        -> [Appointment] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(columns) FROM appointments WHERE \(condition) ORDER BY start_at, id
            """, arguments: arguments)
        let contacts = try db.makeStatement(sql: """
            SELECT contact_id FROM appointment_contacts WHERE appointment_id = ? ORDER BY contact_id
            """)
        let accounts = try db.makeStatement(sql: """
            SELECT account_id FROM appointment_accounts WHERE appointment_id = ? ORDER BY account_id
            """)
        let users = try db.makeStatement(sql: """
            SELECT user_id FROM appointment_users WHERE appointment_id = ? ORDER BY user_id
            """)
        return try rows.map { row -> Appointment in
            let id: String = row["id"]
            let resource: Data? = row["icalendar"]
            let version: Int64 = row["version"]
            let contactIDs = try String.fetchAll(contacts, arguments: [id]).map { ContactID($0) }
            let accountIDs = try String.fetchAll(accounts, arguments: [id]).map { AccountID($0) }
            let userIDs = try String.fetchAll(users, arguments: [id]).map { UserID($0) }
            return Appointment(id: AppointmentID(id), fields: try fields(row), contacts: contactIDs,
                               accounts: accountIDs, users: userIDs, modifiedAt: try date(row["modified_at"]),
                               icalendar: resource.map { [UInt8]($0) }, version: version)
        }
    }

    private static func fields(_ row: Row) throws -> AppointmentDraft {
        func time(_ column: String) throws -> AppointmentTime {
            guard let time = AppointmentTimeText.time(row[column]) else {
                throw CorruptValue(table: "appointments", column: column)
            }
            return time
        }
        func lines(_ column: String) -> [String] {
            let text: String = row[column]
            return text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        guard let status = AppointmentStatus(rawValue: row["status"]) else {
            throw CorruptValue(table: "appointments", column: "status")
        }
        let exdates = try lines("exdates").map { text in
            guard let time = AppointmentTimeText.time(text) else {
                throw CorruptValue(table: "appointments", column: "exdates")
            }
            return time
        }
        return AppointmentDraft(
            owner: UserID(row["owner_id"]), uid: row["uid"], title: row["title"], start: try time("start_text"),
            end: try time("end_text"), timeZone: row["time_zone"], location: row["location"],
            description: row["description"], organizer: (row["organizer"] as String?).flatMap { EmailAddress($0) },
            attendees: lines("attendees").compactMap { EmailAddress($0) }, rrule: row["rrule"], exdates: exdates,
            status: status)
    }

    /// `modified_at` as `AppDatabase.timestamp` wrote it.
    private static func date(_ text: String) throws -> Date {
        guard let time = AppointmentTimeText.time(text), time.form == .utc else {
            throw CorruptValue(table: "appointments", column: "modified_at")
        }
        return Date(timeIntervalSince1970: TimeInterval(time.instant))
    }
}
