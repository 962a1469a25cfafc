import CRMCore
import Foundation

/// The calendar sync's writes (§9): each one transaction holding the appointment's change and the entry that
/// records it (and the audit entry of a conflict's loser), so that a kill -9 between two leaves both consistent.
extension AppDatabase: CalendarSyncStore {
    public func calendarSyncState(of owner: UserID) throws -> CalendarSyncState {
        try writer.read { db in
            let user = try Row.fetchOne(db, sql: "SELECT token, mass_delete_allowed FROM calendar_sync_users WHERE owner_id = ?",
                                        arguments: [owner.rawValue])
            let entries = try Row.fetchAll(db, sql: """
                SELECT uid, href, etag, version, resource_hash FROM calendar_sync_entries WHERE owner_id = ? ORDER BY uid
                """, arguments: [owner.rawValue]).map { row in
                CalendarSyncEntry(uid: row[0], href: row[1], etag: row[2], version: row[3], resourceHash: row[4])
            }
            return CalendarSyncState(token: user?[0], entries: entries, massDeleteAllowed: (user?[1] as Int?) == 1)
        }
    }

    public func takeFromCalendar(_ draft: AppointmentDraft, icalendar: [UInt8], modifiedAt: Date,
                                 entry: CalendarSyncEntry, loser: CalendarSyncLoser?) throws -> Appointment {
        try writer.write { db in
            let stored = try AppointmentRows.upsertFromCalendar(draft, icalendar: icalendar, modifiedAt: modifiedAt, in: db)
            try Self.saveEntry(entry, version: stored.version, owner: draft.owner, in: db)
            try Self.auditLoser(loser, owner: draft.owner, in: db)
            return stored
        }
    }

    public func deleteFromCalendar(owner: UserID, uid: String, loser: CalendarSyncLoser?) throws {
        try writer.write { db in
            try AppointmentRows.deleteByUID(owner: owner, uid: uid, in: db)
            try Self.deleteEntry(owner: owner, uid: uid, in: db)
            try Self.auditLoser(loser, owner: owner, in: db)
        }
    }

    public func recordWritten(owner: UserID, icalendar: [UInt8], entry: CalendarSyncEntry,
                              loser: CalendarSyncLoser?) throws {
        try writer.write { db in
            try AppointmentRows.setCalendarResource(owner: owner, uid: entry.uid, icalendar: icalendar, in: db)
            try Self.saveEntry(entry, version: entry.version, owner: owner, in: db)
            try Self.auditLoser(loser, owner: owner, in: db)
        }
    }

    public func forgetCalendarEntry(owner: UserID, uid: String) throws {
        try writer.write { db in try Self.deleteEntry(owner: owner, uid: uid, in: db) }
    }

    public func setCalendarSyncToken(owner: UserID, token: String?) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO calendar_sync_users (owner_id, token) VALUES (?, ?)
                ON CONFLICT (owner_id) DO UPDATE SET token = excluded.token
                """, arguments: [owner.rawValue, token])
        }
    }

    public func allowCalendarMassDelete(owner: UserID, _ allowed: Bool) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO calendar_sync_users (owner_id, mass_delete_allowed) VALUES (?, ?)
                ON CONFLICT (owner_id) DO UPDATE SET mass_delete_allowed = excluded.mass_delete_allowed
                """, arguments: [owner.rawValue, allowed ? 1 : 0])
        }
    }

    private static func saveEntry(_ entry: CalendarSyncEntry, version: Int64, owner: UserID, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO calendar_sync_entries (owner_id, uid, href, etag, version, resource_hash) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (owner_id, uid) DO UPDATE SET href = excluded.href, etag = excluded.etag,
                version = excluded.version, resource_hash = excluded.resource_hash
            """, arguments: [owner.rawValue, entry.uid, entry.href, entry.etag, version, entry.resourceHash])
    }

    private static func deleteEntry(owner: UserID, uid: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM calendar_sync_entries WHERE owner_id = ? AND uid = ?",
                       arguments: [owner.rawValue, uid])
    }

    /// §9.3: the losing version of a conflict, whole, in the audit (`export audit`).
    private static func auditLoser(_ loser: CalendarSyncLoser?, owner: UserID, in db: Database) throws {
        guard let loser else { return }
        try insertAudit(db, AuditLogEntry(
            at: loser.at, actor: "calendar-sync", action: "calendar conflict: the \(loser.side.rawValue) version lost",
            target: "appointment \(owner.rawValue) \(loser.uid)", detail: String(decoding: loser.resource, as: UTF8.self)))
    }
}
