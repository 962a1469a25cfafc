import Foundation

/// What `appointments add`/`update`, `import appointments` and the calendar sync give the store: the fields of an
/// appointment that are written, not computed (§9). The store computes the links, the id of a new appointment, its
/// `modified_at` and its version.
public struct AppointmentDraft: Sendable, Hashable {
    public var owner: UserID
    /// The iCalendar UID; nil lets the store keep the one it has (update) or make one (add).
    public var uid: String?
    public var title: String
    public var start: AppointmentTime
    public var end: AppointmentTime
    /// The appointment's zone (a tz database name when known); nil for UTC, floating and all-day times.
    public var timeZone: String?
    public var location: String?
    public var description: String?
    /// The organizer, matched like an attendee (§9) but not exported.
    public var organizer: EmailAddress?
    /// The attendees' addresses, in order, each once.
    public var attendees: [EmailAddress]
    /// RRULE as its text.
    public var rrule: String?
    public var exdates: [AppointmentTime]
    public var status: AppointmentStatus

    public init(owner: UserID, uid: String? = nil, title: String, start: AppointmentTime, end: AppointmentTime,
                timeZone: String? = nil, location: String? = nil, description: String? = nil,
                organizer: EmailAddress? = nil, attendees: [EmailAddress] = [], rrule: String? = nil,
                exdates: [AppointmentTime] = [], status: AppointmentStatus = .confirmed) {
        self.owner = owner
        self.uid = uid
        self.title = title
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.location = location
        self.description = description
        self.organizer = organizer
        self.attendees = attendees
        self.rrule = rrule
        self.exdates = exdates
        self.status = status
    }

    /// An all-day appointment: its start is a date.
    public var allDay: Bool { start.isDate }
}
