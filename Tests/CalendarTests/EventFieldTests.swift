import CRMCore
import Testing
@testable import Calendar

@Suite("The VEVENT fields the CRM models (§9)") struct EventFieldTests {
    private func object(_ name: String) throws -> CalendarObject {
        CalendarObject(bytes: try CalendarFixture.bytes(name))
    }

    private func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0) -> Int64 {
        CivilTime(year: y, month: m, day: d, hour: h, minute: mi).seconds
    }

    @Test("§9 a simple event: title, times, location, description, organizer, attendees, status, stamps")
    func simple() throws {
        let object = try object("simple.ics")
        let fields = try #require(object.master?.fields)
        #expect(fields.uid == "simple-7f3a9c@example.com")
        #expect(fields.title == "Quarterly review, Q4 with ACME; bring figures")
        #expect(fields.location == "Room 4.12, Main building")
        #expect(fields.description == "Agenda:\n1. Orders\n2. Open invoices\nBackslash: \\ done.")
        #expect(object.instant(of: try #require(fields.start)) == utc(2026, 12, 7, 13))
        #expect(object.instant(of: try #require(fields.end)) == utc(2026, 12, 7, 14))
        // MAILTO: in upper case, the address in mixed case: compared like mail participants (§2).
        #expect(fields.organizer == EmailAddress("anna.schmidt@example.com"))
        #expect(fields.attendees == [EmailAddress("bob.miller@acme.example"), EmailAddress("carla@acme.example")].compactMap { $0 })
        #expect(fields.status == .confirmed)
        #expect(fields.sequence == 2)
        #expect(fields.modified == ICalDateTime(CivilTime(year: 2026, month: 12, day: 1, hour: 9, minute: 15), .utc))
        #expect(!fields.isAllDay)
        // The room's urn:uuid attendee is kept but not mapped.
        #expect(object.defects.map(\.kind) == [.nonMailtoAddress])
    }

    @Test("§9.5 an all-day event keeps its dates")
    func allDay() throws {
        let fields = try #require(try object("all-day.ics").master?.fields)
        #expect(fields.isAllDay)
        #expect(fields.start == ICalDateTime(CivilTime(year: 2026, month: 12, day: 24), .date))
        #expect(fields.end == ICalDateTime(CivilTime(year: 2026, month: 12, day: 27), .date))
        #expect(fields.status == .tentative)
    }

    @Test("§9.5 a weekly series with EXDATEs on two lines and a moved occurrence is one resource")
    func series() throws {
        let object = try object("weekly-exdate-override.ics")
        #expect(object.events.count == 2)
        #expect(object.defects.isEmpty)
        let master = try #require(object.master?.fields)
        let rule = try #require(master.recurrenceRule)
        #expect(rule.text == "FREQ=WEEKLY;UNTIL=20261231T225959Z;BYDAY=MO")
        #expect(rule.frequency == .weekly && rule.byDay == [.init(ordinal: nil, weekday: .monday)])
        #expect(rule.until == ICalDateTime(CivilTime(year: 2026, month: 12, day: 31, hour: 22, minute: 59, second: 59), .utc))
        let berlin = ICalDateTime.Form.zoned(tzid: "Europe/Berlin")
        #expect(master.exceptionDates == [
            ICalDateTime(CivilTime(year: 2026, month: 11, day: 2, hour: 9, minute: 15), berlin),
            ICalDateTime(CivilTime(year: 2026, month: 12, day: 14, hour: 9, minute: 15), berlin),
            ICalDateTime(CivilTime(year: 2026, month: 12, day: 21, hour: 9, minute: 15), berlin),
        ])
        #expect(master.timeZoneID == "Europe/Berlin")
        // 09:15 CEST is 07:15 UTC; the override on 27 October, after the change to CET, 10:00 is 09:00 UTC.
        #expect(object.instant(of: try #require(master.start)) == utc(2026, 10, 5, 7, 15))
        let moved = try #require(object.overrides.first?.fields)
        #expect(moved.uid == master.uid)
        #expect(moved.recurrenceID == ICalDateTime(CivilTime(year: 2026, month: 10, day: 26, hour: 9, minute: 15), berlin))
        #expect(object.instant(of: try #require(moved.start)) == utc(2026, 10, 27, 9))
        #expect(object.offset(of: try #require(moved.start)) == 3600)
        #expect(object.master?.component.components.map(\.name) == ["VALARM"])
    }

    @Test("§9.5 DURATION gives the end; an event ending before it starts is reported and kept")
    func durationAndBackwards() throws {
        let demo = try #require(try object("alarm-x-properties.ics").master)
        #expect(demo.endFromDuration)
        #expect(demo.fields.end == ICalDateTime(CivilTime(year: 2026, month: 12, day: 8, hour: 15, minute: 45), .utc))
        let backwards = try object("end-before-start.ics")
        #expect(backwards.defects == [ICalDefect(.endBeforeStart, line: 8)])
        #expect(backwards.master?.fields.end == ICalDateTime(CivilTime(year: 2026, month: 11, day: 10, hour: 14), .utc))
    }

    @Test("§9.5 RRULE parts are read and a malformed rule is kept as text with a defect")
    func recurrenceRules() {
        let rule = RecurrenceRule("FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1TH,-1FR;BYMONTHDAY=1,-1;WKST=SU;X-NAME=kept")
        #expect(rule.isWellFormed)
        #expect(rule.frequency == .monthly && rule.interval == 2 && rule.count == 10 && rule.weekStart == .sunday)
        #expect(rule.byDay == [.init(ordinal: 1, weekday: .thursday), .init(ordinal: -1, weekday: .friday)])
        #expect(rule.byMonthDay == [1, -1])
        let bad = RecurrenceRule("INTERVAL=2;BYDAY=XX")
        #expect(!bad.isWellFormed && bad.text == "INTERVAL=2;BYDAY=XX")
    }
}
