import Calendar
import CalendarSync
import CRMCore
import Foundation

/// The appointment ⇄ resource mapping of the sync (§9), through the Calendar target's `AppointmentCalendarMapping`:
/// a series with its overrides is one appointment, time zones resolved (VTIMEZONE, tz database, Windows names), and a
/// resource the CRM writes back changes only the lines of the fields that changed.
public struct CalendarResourceMapper: AppointmentResourceMapping {
    let mapping: AppointmentCalendarMapping

    public init(mapping: AppointmentCalendarMapping = AppointmentCalendarMapping()) { self.mapping = mapping }

    public func read(_ resource: [UInt8], owner: UserID) -> CalendarEventReading {
        let object = CalendarObject(bytes: resource)
        guard let event = AppointmentCalendarMapping.mainEvent(of: object) else { return .unreadable(reason: "no VEVENT") }
        guard !event.fields.uid.isEmpty else { return .unreadable(reason: "no UID") }
        guard let read = mapping.appointment(from: object, owner: owner) else {
            return .unreadable(reason: "no readable DTSTART")
        }
        return .event(read.draft, modifiedAt: read.modifiedAt)
    }

    public func resource(for appointment: Appointment, now: Date) -> [UInt8] {
        mapping.resource(for: appointment, now: now).object.serialized()
    }
}
