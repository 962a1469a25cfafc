import CRMCore
import Foundation

extension AppDatabase: AppointmentStore {
    public func addAppointment(_ draft: AppointmentDraft, at time: Date, audit: AppointmentAudit?) throws
        -> Appointment {
        try writer.write { db in
            let added = try AppointmentRows.insert(draft, modifiedAt: time, in: db)
            if let audit { try Self.insertAudit(db, audit(added)) }
            return added
        }
    }

    public func updateAppointment(_ id: AppointmentID, with draft: AppointmentDraft, at time: Date,
                                  audit: AppointmentAudit?) throws -> Appointment {
        try writer.write { db in
            let updated = try AppointmentRows.update(id, with: draft, modifiedAt: time, in: db)
            if let audit { try Self.insertAudit(db, audit(updated)) }
            return updated
        }
    }

    public func deleteAppointment(_ id: AppointmentID, audit: AuditLogEntry?) throws -> Bool {
        try writer.write { db in
            let deleted = try AppointmentRows.delete(id, in: db)
            if deleted, let audit { try Self.insertAudit(db, audit) }
            return deleted
        }
    }

    public func appointment(_ id: AppointmentID) throws -> Appointment? {
        try writer.read { db in try AppointmentRows.fetch(id: id, in: db) }
    }

    public func appointment(owner: UserID, uid: String) throws -> Appointment? {
        try writer.read { db in try AppointmentRows.fetch(owner: owner, uid: uid, in: db) }
    }

    public func appointments(ownedBy owner: UserID?) throws -> [Appointment] {
        try writer.read { db in try AppointmentRows.owned(by: owner, in: db) }
    }
}
