import Calendar
import CalendarSync
import CRMCore
import Foundation

/// The appointment ⇄ resource mapping of the sync (§9), through the Calendar target's `AppointmentCalendarMapping`:
/// a series with its overrides is one appointment, time zones resolved (VTIMEZONE, tz database, Windows names), and a
/// resource the CRM writes back changes only the lines of the fields that changed.
///
/// A malformed event (lines that could not be read, an unknown TZID, an end before its start, times that cannot be
/// read, a description over `maxDescriptionBytes`) is not taken: the sync reports it by user and href and leaves it
/// on the server as it is (§9, issue 11). Defects that lose nothing the CRM models (a room as `urn:uuid:`, a parameter
/// without a value, a VTIMEZONE resolved by its name instead) do not count.
public struct CalendarResourceMapper: AppointmentResourceMapping {
    /// The longest DESCRIPTION taken (1 MiB): a meeting's notes, not a document.
    public static let maxDescriptionBytes = 1 << 20

    /// The defects that make an event untrustworthy as an appointment.
    static let refusing: Set<ICalDefect.Kind> = [
        .malformedLine, .lineTooLong, .orphanContinuation, .unexpectedEnd, .missingEnd, .nestingTooDeep,
        .tooManyComponents, .tooManyProperties, .unreadableDateTime, .unreadableDuration, .unknownTimeZone,
        .endBeforeStart, .missingUID, .missingStart, .mixedUIDs,
    ]

    let mapping: AppointmentCalendarMapping

    public init(mapping: AppointmentCalendarMapping = AppointmentCalendarMapping()) { self.mapping = mapping }

    public func read(_ resource: [UInt8], owner: UserID) -> CalendarEventReading {
        let object = CalendarObject(bytes: resource)
        guard let event = AppointmentCalendarMapping.mainEvent(of: object) else { return .unreadable(reason: "no VEVENT") }
        guard !event.fields.uid.isEmpty else { return .unreadable(reason: "no UID") }
        let refused = object.defects.filter { Self.refusing.contains($0.kind) }
        guard refused.isEmpty else {
            return .unreadable(reason: refused.prefix(3).map(\.description).joined(separator: ", "))
        }
        if let description = event.fields.description, description.utf8.count > Self.maxDescriptionBytes {
            return .unreadable(reason: "a description of \(description.utf8.count) bytes (over 1 MiB)")
        }
        guard let read = mapping.appointment(from: object, owner: owner) else {
            return .unreadable(reason: "no readable DTSTART")
        }
        return .event(read.draft, modifiedAt: read.modifiedAt)
    }

    public func resource(for appointment: Appointment, now: Date) -> [UInt8] {
        mapping.resource(for: appointment, now: now).object.serialized()
    }
}
