import Foundation

/// The appointments of §9, implemented by Store. Every method is one transaction; the CRM-side writes (add, update,
/// delete) raise the appointment's version (the sync writes through the Store's own functions and does not).
public protocol AppointmentStore: Sendable {
    /// Stores a new appointment (a new id; `draft.uid`, or a new UID when nil) and returns it.
    /// Throws `UnknownAppointmentOwner` when the owner is not a user.
    func addAppointment(_ draft: AppointmentDraft, at time: Date) throws -> Appointment
    /// Replaces the written fields of appointment `id` (its UID kept when `draft.uid` is nil) and returns it.
    /// Throws `UnknownAppointment` when there is none, `UnknownAppointmentOwner` when the owner is not a user.
    func updateAppointment(_ id: AppointmentID, with draft: AppointmentDraft, at time: Date) throws -> Appointment
    /// Deletes appointment `id`; false when there was none.
    func deleteAppointment(_ id: AppointmentID) throws -> Bool
    func appointment(_ id: AppointmentID) throws -> Appointment?
    /// The appointment of `owner` with this iCalendar UID (a UID is unique per owner: one meeting may sit in
    /// several users' calendars).
    func appointment(owner: UserID, uid: String) throws -> Appointment?
    /// The appointments of `owner` (every appointment when nil), by start then id.
    func appointments(ownedBy owner: UserID?) throws -> [Appointment]
}
