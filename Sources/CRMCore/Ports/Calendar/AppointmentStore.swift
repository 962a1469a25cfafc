import Foundation

/// The appointments of §9, implemented by Store. Every method is one transaction; the CRM-side writes (add, update,
/// delete) raise the appointment's version (the sync writes through the Store's own functions and does not).
public protocol AppointmentStore: Sendable {
    /// Stores a new appointment (a new id; `draft.uid`, or a new UID when nil) and returns it.
    /// Throws `UnknownAppointmentOwner` when the owner is not a user.
    /// `audit` gives the action's audit line (§8) from the stored appointment; it commits in the same transaction.
    func addAppointment(_ draft: AppointmentDraft, at time: Date, audit: AppointmentAudit?) throws -> Appointment
    /// Replaces the written fields of appointment `id` (its UID kept when `draft.uid` is nil) and returns it.
    /// Throws `UnknownAppointment` when there is none, `UnknownAppointmentOwner` when the owner is not a user.
    func updateAppointment(_ id: AppointmentID, with draft: AppointmentDraft, at time: Date, audit: AppointmentAudit?)
        throws -> Appointment
    /// Deletes appointment `id`; false when there was none.
    func deleteAppointment(_ id: AppointmentID, audit: AuditLogEntry?) throws -> Bool
    func appointment(_ id: AppointmentID) throws -> Appointment?
    /// The appointment of `owner` with this iCalendar UID (a UID is unique per owner: one meeting may sit in
    /// several users' calendars).
    func appointment(owner: UserID, uid: String) throws -> Appointment?
    /// The appointments of `owner` (every appointment when nil), by start then id.
    func appointments(ownedBy owner: UserID?) throws -> [Appointment]
}

/// The audit line (§8) of a change to an appointment, made from the appointment as stored.
public typealias AppointmentAudit = @Sendable (Appointment) -> AuditLogEntry

extension AppointmentStore {
    public func addAppointment(_ draft: AppointmentDraft, at time: Date) throws -> Appointment {
        try addAppointment(draft, at: time, audit: nil)
    }

    public func updateAppointment(_ id: AppointmentID, with draft: AppointmentDraft, at time: Date) throws -> Appointment {
        try updateAppointment(id, with: draft, at: time, audit: nil)
    }

    public func deleteAppointment(_ id: AppointmentID) throws -> Bool { try deleteAppointment(id, audit: nil) }
}
