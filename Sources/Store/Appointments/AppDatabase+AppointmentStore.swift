import CRMCore
import Foundation
import GRDB

extension AppDatabase: AppointmentStore {
    public func addAppointment(_ draft: AppointmentDraft, at time: Date) throws -> Appointment {
        try writer.write { db in try AppointmentRows.insert(draft, modifiedAt: time, in: db) }
    }

    public func updateAppointment(_ id: AppointmentID, with draft: AppointmentDraft, at time: Date) throws
        -> Appointment {
        try writer.write { db in try AppointmentRows.update(id, with: draft, modifiedAt: time, in: db) }
    }

    public func deleteAppointment(_ id: AppointmentID) throws -> Bool {
        try writer.write { db in try AppointmentRows.delete(id, in: db) }
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
