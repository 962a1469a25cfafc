import Foundation

/// An appointment as stored: a CRM activity owned by a user (§9), with the links the store computed from its
/// attendees and organizer (§2), and what the calendar sync needs beside it.
public struct Appointment: Sendable, Hashable, Identifiable {
    public var id: AppointmentID
    /// The written fields; `fields.uid` is always set.
    public var fields: AppointmentDraft
    /// Contacts whose address is an attendee's or the organizer's (a user address wins, §2).
    public var contacts: [ContactID]
    /// The accounts of those contacts.
    public var accounts: [AccountID]
    /// Users whose address is an attendee's or the organizer's.
    public var users: [UserID]
    /// When the appointment last changed, on either side (the sync writes the calendar's LAST-MODIFIED).
    public var modifiedAt: Date
    /// The whole iCalendar resource last read from or written to the owner's calendar, so that what the CRM does not
    /// model survives (§9.4); nil until the sync has seen the appointment.
    public var icalendar: [UInt8]?
    /// A counter the store raises on every change made in the CRM (add, update, import), and never on a write of the
    /// sync: an appointment whose version is above the one the sync recorded changed in the CRM since.
    public var version: Int64

    public init(id: AppointmentID, fields: AppointmentDraft, contacts: [ContactID], accounts: [AccountID],
                users: [UserID], modifiedAt: Date, icalendar: [UInt8]?, version: Int64) {
        self.id = id
        self.fields = fields
        self.contacts = contacts
        self.accounts = accounts
        self.users = users
        self.modifiedAt = modifiedAt
        self.icalendar = icalendar
        self.version = version
    }

    public var uid: String { fields.uid ?? "" }
    public var owner: UserID { fields.owner }
    public var title: String { fields.title }
    public var start: AppointmentTime { fields.start }
    public var end: AppointmentTime { fields.end }
    public var allDay: Bool { fields.allDay }
    public var timeZone: String? { fields.timeZone }
    public var location: String? { fields.location }
    public var description: String? { fields.description }
    public var attendees: [EmailAddress] { fields.attendees }
    public var rrule: String? { fields.rrule }
    public var exdates: [AppointmentTime] { fields.exdates }
    public var status: AppointmentStatus { fields.status }
}
