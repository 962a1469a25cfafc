import CRMCore

extension AppointmentRows {
    /// The appointment as an account's history shows it, links with the names the address book gives them.
    static func summary(_ id: AppointmentID, in db: Database) throws -> AppointmentSummary? {
        guard let appointment = try fetch(id: id, in: db) else { return nil }
        func links(_ sql: String) throws -> [ActivitySummary.Link] {
            try Row.fetchAll(db, sql: sql, arguments: [id.rawValue]).map { .init(id: $0[0], name: $0[1]) }
        }
        let owner = try String.fetchOne(db, sql: "SELECT name FROM users WHERE id = ?",
                                        arguments: [appointment.owner.rawValue])
        return AppointmentSummary(
            id: id, title: appointment.title, start: appointment.start, end: appointment.end,
            location: appointment.location, status: appointment.status,
            owner: .init(id: appointment.owner.rawValue, name: owner ?? appointment.owner.rawValue),
            contacts: try links("""
                SELECT c.id, c.name FROM appointment_contacts l JOIN contacts c ON c.id = l.contact_id
                WHERE l.appointment_id = ? ORDER BY c.name, c.id
                """),
            users: try links("""
                SELECT u.id, u.name FROM appointment_users l JOIN users u ON u.id = l.user_id
                WHERE l.appointment_id = ? ORDER BY u.name, u.id
                """),
            accounts: try links("""
                SELECT a.id, a.name FROM appointment_accounts l JOIN accounts a ON a.id = l.account_id
                WHERE l.appointment_id = ? ORDER BY a.name, a.id
                """))
    }
}
