import CRMCore
import Foundation
import Testing
@testable import Calendar

@Suite("Appointments from and to iCalendar (§9)") struct AppointmentMappingTests {
    let mapping = AppointmentCalendarMapping()
    let owner = UserID("anna")
    let now = Date(timeIntervalSince1970: 1_796_380_000) // 2026-12-04

    func stored(_ draft: AppointmentDraft, _ bytes: [UInt8]?, modified: Date) -> Appointment {
        Appointment(id: AppointmentID("A1"), fields: draft, contacts: [], accounts: [], users: [], modifiedAt: modified,
                    icalendar: bytes, version: 1)
    }

    func lines(_ object: CalendarObject) -> String {
        CalendarFixture.unfoldedLines(object.serialized()).map(CalendarFixture.text).joined(separator: "\r\n") + "\r\n"
    }

    @Test("§9.5 a weekly series with EXDATEs and a moved occurrence is one appointment; times keep their zone")
    func seriesIsOneAppointment() throws {
        let object = CalendarObject(bytes: try CalendarFixture.bytes("weekly-exdate-override.ics"))
        let read = try #require(mapping.appointment(from: object, owner: owner))
        let d = read.draft
        #expect(d.uid == "weekly-standup-5d2c@example.com" && d.owner == owner && d.title == "Sales stand-up")
        #expect(d.start.iso8601 == "2026-10-05T09:15:00+02:00" && d.start.zone == "Europe/Berlin")
        #expect(d.end.iso8601 == "2026-10-05T09:30:00+02:00")
        #expect(d.timeZone == "Europe/Berlin" && !d.allDay)
        #expect(d.rrule == "FREQ=WEEKLY;UNTIL=20261231T225959Z;BYDAY=MO")
        #expect(d.exdates.map(\.iso8601) == ["2026-11-02T09:15:00+01:00", "2026-12-14T09:15:00+01:00",
                                             "2026-12-21T09:15:00+01:00"])
        #expect(d.organizer?.value == "anna.schmidt@example.com")
        #expect(d.attendees.map(\.value) == ["bob.miller@acme.example"])
        #expect(read.modifiedAt == Date(timeIntervalSince1970: TimeInterval(
            CivilTime(year: 2026, month: 10, day: 20, hour: 10, minute: 10, second: 10).seconds)))
    }

    @Test("§9.5 a Windows zone name from Exchange is resolved to its tz database zone; all-day is a date")
    func windowsZoneAndAllDay() throws {
        let exchange = CalendarObject(bytes: try CalendarFixture.bytes("exchange-windows-zone.ics"))
        let meeting = try #require(mapping.appointment(from: exchange, owner: owner)).draft
        #expect(meeting.timeZone == "Europe/Berlin")
        #expect(meeting.start.iso8601 == "2026-12-03T10:00:00+01:00")
        #expect(meeting.location == "Besprechungsraum Köln" && meeting.status == .confirmed)
        let holidays = CalendarObject(bytes: try CalendarFixture.bytes("all-day.ics"))
        let closed = try #require(mapping.appointment(from: holidays, owner: owner)).draft
        #expect(closed.allDay && closed.timeZone == nil && closed.status == .tentative)
        #expect(closed.start.iso8601 == "2026-12-24" && closed.end.iso8601 == "2026-12-27")
    }

    @Test("§9.4 an appointment unchanged since it was read writes nothing; the resource stays byte for byte")
    func unchangedWritesNothing() throws {
        for name in ["weekly-exdate-override.ics", "exchange-windows-zone.ics", "all-day.ics", "unknown-tzid.ics"] {
            let bytes = try CalendarFixture.bytes(name)
            let object = CalendarObject(bytes: bytes)
            guard let read = mapping.appointment(from: object, owner: owner) else { continue }
            let result = mapping.resource(for: stored(read.draft, bytes, modified: now), now: now)
            #expect(!result.changed, "\(name)")
            #expect(result.object.serialized() == object.serialized(), "\(name)")
        }
    }

    @Test("§9.4 a CRM change rewrites only its lines: the Windows TZID, alarm and X- properties stay; SEQUENCE rises")
    func changeRewritesOnlyItsLines() throws {
        let bytes = try CalendarFixture.bytes("exchange-windows-zone.ics")
        var draft = try #require(mapping.appointment(from: CalendarObject(bytes: bytes), owner: owner)).draft
        draft.title = "Abstimmung (verschoben)"
        draft.attendees.append(EmailAddress("jane.doe@acme.example")!)
        let result = mapping.resource(for: stored(draft, bytes, modified: now), now: now)
        #expect(result.changed)
        let written = lines(result.object)
        #expect(written.contains("SUMMARY;LANGUAGE=de-DE:Abstimmung (verschoben)\r\n"))
        #expect(written.contains("DTSTART;TZID=W. Europe Standard Time:20261203T100000\r\n"))
        #expect(written.contains("ATTENDEE:mailto:jane.doe@acme.example\r\n"))
        #expect(written.contains("X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\n"))
        #expect(written.contains("TRIGGER;RELATED=START:-PT15M\r\n"))
        #expect(written.contains("SEQUENCE:1\r\n"))
        #expect(written.contains("LAST-MODIFIED:20261204T"))
        let reread = try #require(mapping.appointment(from: result.object, owner: owner)).draft
        #expect(reread == draft)
    }

    @Test("§9 a new appointment becomes a new resource with our PRODID, its UID and a VTIMEZONE for its zone")
    func newResource() throws {
        let draft = AppointmentDraft(
            owner: owner, uid: "new-1@crmservice", title: "Kick-off",
            start: AppointmentTime(CivilTime(year: 2026, month: 7, day: 1, hour: 9), .zoned(zone: "America/New_York"),
                                   utcOffset: -4 * 3600),
            end: AppointmentTime(CivilTime(year: 2026, month: 7, day: 1, hour: 10), .zoned(zone: "America/New_York"),
                                 utcOffset: -4 * 3600),
            timeZone: "America/New_York", location: "HQ", attendees: [EmailAddress("jane.doe@acme.example")!],
            rrule: "FREQ=DAILY;COUNT=3", status: .tentative)
        let result = mapping.resource(for: stored(draft, nil, modified: now), now: now)
        #expect(result.changed)
        let written = lines(result.object)
        #expect(written.contains("PRODID:-//CRMService//Calendar//EN\r\n"))
        #expect(written.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"))
        #expect(written.contains("UID:new-1@crmservice\r\n"))
        #expect(written.contains("DTSTART;TZID=America/New_York:20260701T090000\r\n"))
        #expect(written.contains("STATUS:TENTATIVE\r\n"))
        let reread = try #require(mapping.appointment(from: CalendarObject(bytes: result.object.serialized()),
                                                      owner: owner))
        #expect(reread.draft == draft)
        // Written once, read back, written again: nothing to change.
        let again = mapping.resource(for: stored(draft, result.object.serialized(), modified: now), now: now)
        #expect(!again.changed)
    }
}
