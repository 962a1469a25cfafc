import CRMCore
import Foundation

/// The SQL of appointments, as functions over a `Database` so that one write transaction can hold several of them:
/// the CRM's own writes (`AppDatabase+AppointmentStore`, the import) and the calendar sync's
/// (`AppDatabase+CalendarSync`), which must commit its state with what it changed.
///
/// Versions: `insert` and `update` are CRM-side changes and raise `version`; `upsertFromCalendar`,
/// `setCalendarResource` and `deleteByUID` are the sync's and leave it as it is, so that "version above the one the
/// sync recorded" means "changed in the CRM since the last sync".
enum AppointmentRows {
    static let columns = """
        id, uid, owner_id, title, start_text, end_text, time_zone, location, description, organizer, attendees, \
        rrule, exdates, status, modified_at, icalendar, version
        """

    /// A CRM-side new appointment (version 1): a new id unless `id` is given (import), `draft.uid` or a new UID.
    static func insert(_ draft: AppointmentDraft, id: AppointmentID? = nil, modifiedAt: Date,
                       in db: Database) throws -> Appointment {
        try write(draft, id: id ?? newID(in: db), uid: draft.uid ?? newUID(), modifiedAt: modifiedAt,
                  icalendar: nil, version: 1, in: db)
    }

    /// A CRM-side change of appointment `id`: the written fields replaced (the UID kept when `draft.uid` is nil, the
    /// iCalendar resource kept for the sync to update), the version raised. Throws `UnknownAppointment`.
    static func update(_ id: AppointmentID, with draft: AppointmentDraft, modifiedAt: Date,
                       in db: Database) throws -> Appointment {
        guard let old = try fetch(id: id, in: db) else { throw UnknownAppointment(id: id) }
        return try write(draft, id: id, uid: draft.uid ?? old.uid, modifiedAt: modifiedAt, icalendar: old.icalendar,
                         version: old.version + 1, in: db)
    }

    /// The sync's write of an event read from `draft.owner`'s calendar (`draft.uid` must be set): the appointment of
    /// that owner and UID gets the fields, the resource and `modifiedAt`, keeping its id and version; a new one gets
    /// a new id and version 0. Returns the appointment as stored (record its `version` as the synced one).
    static func upsertFromCalendar(_ draft: AppointmentDraft, icalendar: [UInt8], modifiedAt: Date,
                                   in db: Database) throws -> Appointment {
        let uid = draft.uid ?? ""
        if let old = try fetch(owner: draft.owner, uid: uid, in: db) {
            return try write(draft, id: old.id, uid: uid, modifiedAt: modifiedAt, icalendar: icalendar,
                             version: old.version, in: db)
        }
        return try write(draft, id: newID(in: db), uid: uid, modifiedAt: modifiedAt, icalendar: icalendar,
                         version: 0, in: db)
    }

    /// The sync's record of the resource it wrote to the calendar (after a PUT of the CRM's version): fields,
    /// `modified_at` and version unchanged. False when the appointment is gone.
    @discardableResult
    static func setCalendarResource(owner: UserID, uid: String, icalendar: [UInt8], in db: Database) throws -> Bool {
        try db.execute(sql: "UPDATE appointments SET icalendar = ? WHERE owner_id = ? AND uid = ?",
                       arguments: [Data(icalendar), owner.rawValue, uid])
        return db.changesCount > 0
    }

    /// The sync's deletion of an event deleted in the calendar; the id deleted, nil when there was none.
    @discardableResult
    static func deleteByUID(owner: UserID, uid: String, in db: Database) throws -> AppointmentID? {
        guard let id = try String.fetchOne(db, sql: "SELECT id FROM appointments WHERE owner_id = ? AND uid = ?",
                                           arguments: [owner.rawValue, uid]) else { return nil }
        try db.execute(sql: "DELETE FROM appointments WHERE id = ?", arguments: [id])
        return AppointmentID(id)
    }

    /// A CRM-side deletion; false when there was none.
    static func delete(_ id: AppointmentID, in db: Database) throws -> Bool {
        try db.execute(sql: "DELETE FROM appointments WHERE id = ?", arguments: [id.rawValue])
        return db.changesCount > 0
    }

    static func fetch(id: AppointmentID, in db: Database) throws -> Appointment? {
        try fetchAll(db, where: "id = ?", [id.rawValue]).first
    }

    static func fetch(owner: UserID, uid: String, in db: Database) throws -> Appointment? {
        try fetchAll(db, where: "owner_id = ? AND uid = ?", [owner.rawValue, uid]).first
    }

    /// Every appointment of `owner` with its version and resource (every appointment when nil), by start then id.
    static func owned(by owner: UserID?, in db: Database) throws -> [Appointment] {
        guard let owner else { return try fetchAll(db, where: "1", []) }
        return try fetchAll(db, where: "owner_id = ?", [owner.rawValue])
    }
}
