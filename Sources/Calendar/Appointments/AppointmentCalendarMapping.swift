import CRMCore
import Foundation

/// The mapping between iCalendar resources and appointments (§9), both ways. A series with its overridden
/// occurrences is one resource and one appointment: the appointment takes its fields from the master (the event
/// without RECURRENCE-ID; the first event when the resource holds only overrides), and the overrides stay in the
/// resource as they are.
///
/// Reading keeps each time's form (`AppointmentTime`): a TZID resolved by `TimeZoneResolver` (the resource's
/// VTIMEZONE, the tz database, a Windows name, a prefixed name) gives the zone's tz database name and the offset; an
/// unknown TZID is kept as written, without an offset.
///
/// Writing changes only what differs: each field of the appointment is compared with what the stored resource says
/// (read the same way), and a field that is equal keeps its lines, TZID and parameters byte for byte.
public struct AppointmentCalendarMapping: Sendable {
    public let resolver: TimeZoneResolver

    /// One resolver for a whole sync: it caches what it resolved.
    public init(resolver: TimeZoneResolver = TimeZoneResolver()) { self.resolver = resolver }

    /// The event the appointment maps: the master, or the first event of a resource of overrides only.
    public static func mainEvent(of object: CalendarObject) -> ICalEvent? { object.master ?? object.events.first }

    /// The appointment `object` holds for the calendar of `owner`; nil when it holds no event or the event has no
    /// UID or no readable start (report those by the object's `defects`).
    public func appointment(from object: CalendarObject, owner: UserID) -> CalendarAppointment? {
        guard let event = Self.mainEvent(of: object), !event.fields.uid.isEmpty,
              let fields = Self.draftFields(event.fields, in: object, owner: owner) else { return nil }
        let modified = event.fields.modified.flatMap { time -> Date? in
            object.instant(of: time).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        return CalendarAppointment(draft: fields, modifiedAt: modified)
    }

    /// The appointment fields of one event's fields.
    static func draftFields(_ fields: EventFields, in object: CalendarObject, owner: UserID) -> AppointmentDraft? {
        guard let startTime = fields.start else { return nil }
        let start = appointmentTime(startTime, in: object)
        let end = fields.end.map { appointmentTime($0, in: object) } ?? start
        let status: AppointmentStatus = switch fields.status {
        case .tentative: .tentative
        case .cancelled: .cancelled
        case .confirmed, nil: .confirmed
        }
        return AppointmentDraft(
            owner: owner, uid: fields.uid, title: fields.title ?? "", start: start, end: end, timeZone: start.zone,
            location: fields.location.flatMap { $0.isEmpty ? nil : $0 },
            description: fields.description.flatMap { $0.isEmpty ? nil : $0 }, organizer: fields.organizer,
            attendees: fields.attendees, rrule: fields.recurrenceRule?.text,
            exdates: fields.exceptionDates.map { appointmentTime($0, in: object) }, status: status)
    }

    /// A time as the appointment keeps it: a zoned time gets its zone's tz database name (else the TZID as written)
    /// and its offset when the zone is known.
    static func appointmentTime(_ time: ICalDateTime, in object: CalendarObject) -> AppointmentTime {
        switch time.form {
        case .date: AppointmentTime(time.civil, .date)
        case .floating: AppointmentTime(time.civil, .floating)
        case .utc: AppointmentTime(time.civil, .utc)
        case .zoned(let tzid):
            AppointmentTime(time.civil, .zoned(zone: object.timeZones[tzid]?.olsonName ?? tzid),
                            utcOffset: object.offset(of: time))
        }
    }

    /// A time as iCalendar writes it: a zone as its TZID.
    static func icalTime(_ time: AppointmentTime) -> ICalDateTime {
        switch time.form {
        case .date: ICalDateTime(time.local, .date)
        case .floating: ICalDateTime(time.local, .floating)
        case .utc: ICalDateTime(time.local, .utc)
        case .zoned(let zone): ICalDateTime(time.local, .zoned(tzid: zone))
        }
    }
}
