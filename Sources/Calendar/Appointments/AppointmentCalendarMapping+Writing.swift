import CRMCore
import Foundation

extension AppointmentCalendarMapping {
    /// The resource the owner's calendar should hold for `appointment`, and whether it differs from the stored one
    /// (`appointment.icalendar`). With a stored resource, only the fields whose value differs are rewritten in its
    /// main event (and then LAST-MODIFIED, DTSTAMP and SEQUENCE, RFC 5545 §3.8.7); everything else — overrides,
    /// alarms, X- properties, VTIMEZONEs, parameters — stays as it was. Without one (or one that holds no event), a
    /// new resource with our PRODID, the appointment's UID and a VTIMEZONE for its zone.
    public func resource(for appointment: Appointment, now: Date) -> (object: CalendarObject, changed: Bool) {
        let stamp = ICalDateTime(CivilTime(seconds: Int64(now.timeIntervalSince1970.rounded(.down))), .utc)
        let modified = ICalDateTime(
            CivilTime(seconds: Int64(appointment.modifiedAt.timeIntervalSince1970.rounded(.down))), .utc)
        if let bytes = appointment.icalendar {
            var object = CalendarObject(bytes: bytes, resolver: resolver)
            if let event = Self.mainEvent(of: object),
               let old = Self.draftFields(event.fields, in: object, owner: appointment.owner) {
                var fields = Self.merge(appointment.fields, over: event.fields, as: old)
                guard fields != event.fields else { return (object, false) }
                fields.lastModified = modified
                fields.timestamp = stamp
                fields.sequence = (event.fields.sequence ?? 0) + 1
                object.update(fields)
                return (object, true)
            }
        }
        var fields = Self.merge(appointment.fields, over: EventFields(uid: appointment.uid),
                                as: nil)
        fields.lastModified = modified
        fields.timestamp = stamp
        return (CalendarObject.new(fields, now: stamp.civil, resolver: resolver), true)
    }

    /// `event` with the fields of `new` that differ from `old` (what `event` says, read as an appointment; nil: all
    /// of them).
    static func merge(_ new: AppointmentDraft, over event: EventFields, as old: AppointmentDraft?) -> EventFields {
        var fields = event
        func differs<T: Equatable>(_ path: KeyPath<AppointmentDraft, T>) -> Bool { old?[keyPath: path] != new[keyPath: path] }
        if let uid = new.uid, !uid.isEmpty, uid != event.uid { fields.uid = uid }
        if differs(\.title) { fields.title = new.title.isEmpty ? nil : new.title }
        if differs(\.start) { fields.start = icalTime(new.start) }
        if differs(\.end) { fields.end = icalTime(new.end) }
        if differs(\.location) { fields.location = new.location }
        if differs(\.description) { fields.description = new.description }
        if differs(\.organizer) { fields.organizer = new.organizer }
        if differs(\.attendees) { fields.attendees = new.attendees }
        if differs(\.rrule) { fields.recurrenceRule = new.rrule.map(RecurrenceRule.init) }
        if differs(\.exdates) { fields.exceptionDates = new.exdates.map(icalTime) }
        if differs(\.status) {
            fields.status = switch new.status {
            case .confirmed: .confirmed
            case .tentative: .tentative
            case .cancelled: .cancelled
            }
        }
        return fields
    }
}
