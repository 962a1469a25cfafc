import CRMCore
import Foundation

/// What a calendar resource says about the appointment it holds (§9): the written fields, ready for the store, and
/// the modification time rule 3 of §9 compares.
public struct CalendarAppointment: Sendable, Hashable {
    /// The fields, UID set, owner the calendar's user.
    public var draft: AppointmentDraft
    /// LAST-MODIFIED, else DTSTAMP (§9.3), as an instant; nil when neither can be read as one.
    public var modifiedAt: Date?
}
