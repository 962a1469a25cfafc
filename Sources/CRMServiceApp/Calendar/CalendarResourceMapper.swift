import Calendar
import CalendarSync
import CRMCore
import Foundation

/// The appointment ⇄ resource mapping of the sync (§9): the fields of the master event (the first event of a
/// resource of overrides only), read and written through `CalendarObject`, which rewrites only what changed and
/// keeps everything else of the resource (overrides, alarms, X- properties, VTIMEZONEs).
///
/// Interim: when the Calendar target's `AppointmentCalendarMapping` (issue 11) is on main, this delegates to it.
public struct CalendarResourceMapper: AppointmentResourceMapping {
    public init() {}

    public func read(_ resource: [UInt8], owner: UserID) -> CalendarEventReading {
        let object = CalendarObject(bytes: resource)
        guard let event = object.master ?? object.events.first else { return .unreadable(reason: "no VEVENT") }
        let fields = event.fields
        guard !fields.uid.isEmpty else { return .unreadable(reason: "no UID") }
        guard let start = fields.start else { return .unreadable(reason: "no readable DTSTART") }
        func time(_ t: ICalDateTime) -> AppointmentTime {
            switch t.form {
            case .date: AppointmentTime(t.civil, .date)
            case .floating: AppointmentTime(t.civil, .floating)
            case .utc: AppointmentTime(t.civil, .utc)
            case .zoned(let tzid):
                AppointmentTime(t.civil, .zoned(zone: object.timeZones[tzid]?.olsonName ?? tzid), utcOffset: object.offset(of: t))
            }
        }
        let status: AppointmentStatus = switch fields.status {
        case .tentative: .tentative
        case .cancelled: .cancelled
        case .confirmed, nil: .confirmed
        }
        let draft = AppointmentDraft(
            owner: owner, uid: fields.uid, title: fields.title ?? "", start: time(start),
            end: fields.end.map(time) ?? time(start), timeZone: time(start).zone, location: fields.location,
            description: fields.description, organizer: fields.organizer, attendees: fields.attendees,
            rrule: fields.recurrenceRule?.text, exdates: fields.exceptionDates.map(time), status: status)
        let modified = fields.modified.flatMap { object.instant(of: $0) }.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        return .event(draft, modifiedAt: modified)
    }

    public func resource(for appointment: Appointment, now: Date) -> [UInt8] {
        func ical(_ t: AppointmentTime) -> ICalDateTime {
            switch t.form {
            case .date: ICalDateTime(t.local, .date)
            case .floating: ICalDateTime(t.local, .floating)
            case .utc: ICalDateTime(t.local, .utc)
            case .zoned(let zone): ICalDateTime(t.local, .zoned(tzid: zone))
            }
        }
        let stamp = ICalDateTime(CivilTime(seconds: Int64(now.timeIntervalSince1970)), .utc)
        var fields = EventFields(
            uid: appointment.uid, title: appointment.title, start: ical(appointment.start), end: ical(appointment.end),
            location: appointment.location, description: appointment.description,
            organizer: appointment.fields.organizer, attendees: appointment.attendees,
            recurrenceRule: appointment.rrule.map { RecurrenceRule($0) },
            exceptionDates: appointment.exdates.map(ical),
            status: EventStatus(rawValue: appointment.status.rawValue.uppercased()), lastModified: stamp, timestamp: stamp)
        if let stored = appointment.icalendar {
            var object = CalendarObject(bytes: stored)
            if let master = object.master {
                fields.recurrenceRule = appointment.rrule == master.fields.recurrenceRule?.text
                    ? master.fields.recurrenceRule : fields.recurrenceRule
                object.update(fields)
                return object.serialized()
            }
        }
        return CalendarObject.new(fields, now: stamp.civil).serialized()
    }
}
