import CRMCore
import Testing
@testable import Calendar

@Suite("Changing events and writing new ones (§9)") struct EventWritingTests {
    private let now = CivilTime(year: 2026, month: 12, day: 4, hour: 8, minute: 30)

    @Test("§9.4 changing the modelled fields of a series touches their lines only; alarms and X- stay")
    func changeSeries() throws {
        let original = try CalendarFixture.bytes("weekly-exdate-override.ics")
        var object = CalendarObject(bytes: original)
        var fields = try #require(object.master?.fields)
        let berlin = ICalDateTime.Form.zoned(tzid: "Europe/Berlin")
        fields.exceptionDates.append(ICalDateTime(CivilTime(year: 2026, month: 11, day: 9, hour: 9, minute: 15), berlin))
        fields.attendees.append(EmailAddress("new.person@acme.example")!)
        fields.location = "Room 1"
        fields.lastModified = ICalDateTime(now, .utc)
        let updated = object.update(fields)
        #expect(updated)
        let written = CalendarFixture.unfoldedLines(object.serialized()).map(CalendarFixture.text).joined(separator: "\r\n") + "\r\n"
        #expect(written.contains("BYDAY=MO\r\nEXDATE;TZID=Europe/Berlin:20261102T091500,20261214T091500,20261221T091500,20261109T091500\r\nDTSTART"))
        #expect(written.contains("ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob.miller@acme.example\r\nATTENDEE:mailto:new.person@acme.example\r\n"))
        #expect(written.contains("LOCATION:Room 1\r\n"))
        #expect(written.contains("LAST-MODIFIED:20261204T083000Z\r\n"))
        #expect(written.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;VALUE=DURATION:-PT10M\r\n"))
        #expect(written.contains("CATEGORIES:Sales,Internal\r\n"))
        // The override was not touched, and re-reading gives the fields written.
        let reread = CalendarObject(bytes: object.serialized())
        #expect(reread.master?.fields == fields)
        #expect(reread.overrides.first?.component.properties.allSatisfy(\.isUnchanged) == true)
        // Unchanged fields: nothing written.
        var same = reread
        let updatedAgain = same.update(fields)
        #expect(!updatedAgain)
    }

    @Test("§9.5 moving an event that uses DURATION writes DTEND; a new TZID brings its VTIMEZONE")
    func moveWithDuration() throws {
        var object = CalendarObject(bytes: try CalendarFixture.bytes("alarm-x-properties.ics"))
        var fields = try #require(object.master?.fields)
        let newYork = ICalDateTime.Form.zoned(tzid: "America/New_York")
        fields.start = ICalDateTime(CivilTime(year: 2026, month: 12, day: 9, hour: 10), newYork)
        fields.end = ICalDateTime(CivilTime(year: 2026, month: 12, day: 9, hour: 11), newYork)
        let updated = object.update(fields)
        #expect(updated)
        let written = CalendarFixture.unfoldedLines(object.serialized()).map(CalendarFixture.text).joined(separator: "\r\n") + "\r\n"
        #expect(!written.contains("DURATION:"))
        #expect(written.contains("DTSTART;TZID=America/New_York:20261209T100000\r\n"))
        #expect(written.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"))
        let reread = CalendarObject(bytes: object.serialized())
        #expect(reread.timeZones["America/New_York"]?.source == .vtimezone)
        #expect(reread.instant(of: try #require(reread.master?.fields.start))
            == CivilTime(year: 2026, month: 12, day: 9, hour: 15).seconds)
    }

    @Test("§9.5 overrides: adding and removing a moved occurrence keeps one resource per UID")
    func overrides() throws {
        var object = CalendarObject(bytes: try CalendarFixture.bytes("weekly-exdate-override.ics"))
        let master = try #require(object.master?.fields)
        var moved = EventFields(uid: master.uid, title: "Stand-up (remote)")
        let berlin = ICalDateTime.Form.zoned(tzid: "Europe/Berlin")
        moved.recurrenceID = ICalDateTime(CivilTime(year: 2026, month: 11, day: 16, hour: 9, minute: 15), berlin)
        moved.start = ICalDateTime(CivilTime(year: 2026, month: 11, day: 16, hour: 11), berlin)
        moved.end = ICalDateTime(CivilTime(year: 2026, month: 11, day: 16, hour: 11, minute: 15), berlin)
        moved.timestamp = ICalDateTime(now, .utc)
        object.add(moved)
        #expect(object.overrides.count == 2)
        object.remove(recurrenceID: ICalDateTime(CivilTime(year: 2026, month: 10, day: 26, hour: 9, minute: 15), berlin))
        let reread = CalendarObject(bytes: object.serialized())
        #expect(reread.overrides.map(\.fields) == [moved])
        #expect(reread.events.count == 2 && reread.uid == master.uid && reread.defects.isEmpty)
    }

    @Test("§9.1 a new event: VERSION, our PRODID, UID, DTSTAMP, the fields, a VTIMEZONE for its TZID")
    func newEvent() throws {
        let berlin = ICalDateTime.Form.zoned(tzid: "Europe/Berlin")
        var fields = EventFields(uid: "crm-appointment-42@crmservice")
        fields.title = "Contract talk, ACME; part 2"
        fields.start = ICalDateTime(CivilTime(year: 2026, month: 3, day: 20, hour: 10), berlin)
        fields.end = ICalDateTime(CivilTime(year: 2026, month: 3, day: 20, hour: 11, minute: 30), berlin)
        fields.location = "Köln"
        fields.description = String(repeating: "Long notes with ümlauts. ", count: 10) + "\nSecond line"
        fields.organizer = EmailAddress("anna.schmidt@example.com")
        fields.attendees = [EmailAddress("bob.miller@acme.example")!]
        fields.recurrenceRule = RecurrenceRule("FREQ=WEEKLY;COUNT=4")
        fields.status = .confirmed
        let object = CalendarObject.new(fields, now: now)
        let bytes = object.serialized()
        let text = CalendarFixture.text(bytes)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//CRMService//Calendar//EN\r\n"))
        #expect(text.contains("BEGIN:VEVENT\r\nUID:crm-appointment-42@crmservice\r\nDTSTAMP:20261204T083000Z\r\n"))
        #expect(text.contains("SUMMARY:Contract talk\\, ACME\\; part 2\r\n"))
        let (lines, allCRLF) = CalendarFixture.physicalLines(bytes)
        #expect(allCRLF && lines.allSatisfy { $0.count <= 75 })
        let reread = CalendarObject(bytes: bytes)
        #expect(reread.defects.isEmpty)
        var expected = fields
        expected.timestamp = ICalDateTime(now, .utc)
        #expect(reread.master?.fields == expected)
        let zone = try #require(reread.timeZones["Europe/Berlin"])
        #expect(zone.source == .vtimezone)
        // The VTIMEZONE we wrote agrees with the tz database for the years of the series and beyond.
        let database = try TimeZoneDatabase().rules(for: "Europe/Berlin")
        var t = CivilTime(year: 2026, month: 1, day: 1).seconds
        while t < CivilTime(year: 2036, month: 1, day: 1).seconds {
            #expect(zone.rules.offset(at: t) == database.offset(at: t))
            t += 86_400 * 5 + 7_200
        }
    }

    @Test("§9.5 VTIMEZONEs we write for zones without DST, with DST, and south of the equator read back right",
          arguments: ["Asia/Tokyo", "America/New_York", "Australia/Sydney", "America/Sao_Paulo", "Europe/London",
                      "Asia/Kolkata", "Pacific/Chatham"])
    func writtenZones(_ name: String) throws {
        let form = ICalDateTime.Form.zoned(tzid: name)
        var fields = EventFields(uid: "z-\(name)")
        fields.start = ICalDateTime(CivilTime(year: 2026, month: 6, day: 1, hour: 9), form)
        fields.timestamp = ICalDateTime(now, .utc)
        let reread = CalendarObject(bytes: CalendarObject.new(fields, now: now).serialized())
        let zone = try #require(reread.timeZones[name])
        #expect(zone.source == .vtimezone)
        let database = try TimeZoneDatabase().rules(for: name)
        var t = CivilTime(year: 2026, month: 1, day: 1).seconds
        while t < CivilTime(year: 2030, month: 1, day: 1).seconds {
            #expect(zone.rules.offset(at: t) == database.offset(at: t), "\(name) at \(CivilTime(seconds: t))")
            t += 86_400 * 3 + 3_600
        }
    }
}
