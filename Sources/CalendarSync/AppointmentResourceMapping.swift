import CRMCore
import Foundation

/// How the sync turns a calendar resource into an appointment and back (§9). The Calendar target's
/// `AppointmentCalendarMapping` implements it (through `CRMServiceApp`); the sync itself only needs these two.
public protocol AppointmentResourceMapping: Sendable {
    /// What the resource says, or why it cannot be read as an appointment (reported by user and href, §9).
    func read(_ resource: [UInt8], owner: UserID) -> CalendarEventReading
    /// The resource the calendar should hold for `appointment` (its stored resource changed only where the CRM
    /// changed it; a new one otherwise).
    func resource(for appointment: Appointment, now: Date) -> [UInt8]
}

/// A resource read as an appointment, or the reason it could not be.
public enum CalendarEventReading: Sendable {
    /// The fields (UID set) and LAST-MODIFIED, else DTSTAMP (§9.3).
    case event(AppointmentDraft, modifiedAt: Date?)
    case unreadable(reason: String)
}

/// §9.3: which side wins when an event changed on both since the last sync.
public enum ConflictPolicy: String, Sendable, CaseIterable {
    /// The later modification (LAST-MODIFIED, else DTSTAMP, against the CRM's modified_at).
    case newest
    case crm
    case calendar
}
