import CRMCore

/// The fields of a VEVENT that the CRM models (INTERFACE.md §9), read from an event and written back into it.
/// Everything else of the event (alarms, X- properties, categories, attachments, parameters) is not here and is
/// never touched.
public struct EventFields: Sendable, Hashable {
    public var uid: String
    /// SUMMARY.
    public var title: String?
    /// DTSTART.
    public var start: ICalDateTime?
    /// DTEND, or DTSTART + DURATION, or (neither given) the end RFC 5545 §3.6.1 implies: a day after an all-day
    /// start, the start itself otherwise.
    public var end: ICalDateTime?
    public var location: String?
    public var description: String?
    /// ORGANIZER's `mailto:` address.
    public var organizer: EmailAddress?
    /// ATTENDEEs' `mailto:` addresses, in order, each once.
    public var attendees: [EmailAddress]
    /// RRULE, kept as its text.
    public var recurrenceRule: RecurrenceRule?
    /// RDATEs (every line, every value of a list), DATE and DATE-TIME only (PERIOD values are kept, not mapped).
    public var recurrenceDates: [ICalDateTime]
    /// EXDATEs (every line, every value of a list).
    public var exceptionDates: [ICalDateTime]
    /// RECURRENCE-ID: set on an override of one occurrence of a series.
    public var recurrenceID: ICalDateTime?
    public var status: EventStatus?
    /// LAST-MODIFIED.
    public var lastModified: ICalDateTime?
    /// DTSTAMP.
    public var timestamp: ICalDateTime?
    public var sequence: Int?

    public init(uid: String, title: String? = nil, start: ICalDateTime? = nil, end: ICalDateTime? = nil,
                location: String? = nil, description: String? = nil, organizer: EmailAddress? = nil,
                attendees: [EmailAddress] = [], recurrenceRule: RecurrenceRule? = nil,
                recurrenceDates: [ICalDateTime] = [], exceptionDates: [ICalDateTime] = [],
                recurrenceID: ICalDateTime? = nil, status: EventStatus? = nil, lastModified: ICalDateTime? = nil,
                timestamp: ICalDateTime? = nil, sequence: Int? = nil) {
        self.uid = uid
        self.title = title
        self.start = start
        self.end = end
        self.location = location
        self.description = description
        self.organizer = organizer
        self.attendees = attendees
        self.recurrenceRule = recurrenceRule
        self.recurrenceDates = recurrenceDates
        self.exceptionDates = exceptionDates
        self.recurrenceID = recurrenceID
        self.status = status
        self.lastModified = lastModified
        self.timestamp = timestamp
        self.sequence = sequence
    }

    /// An all-day event: DTSTART is a DATE.
    public var isAllDay: Bool { start?.isDate ?? false }

    /// The TZID of DTSTART, as written.
    public var timeZoneID: String? { start?.tzid }

    /// The modification time §9.3 compares: LAST-MODIFIED, else DTSTAMP.
    public var modified: ICalDateTime? { lastModified ?? timestamp }
}
