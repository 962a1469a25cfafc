import CRMCore
import Foundation
import Testing
import TestSupport
@testable import Calendar

/// Python's icalendar (Debian python3-icalendar) as a second reader of what we write.
@Suite("What we write, read by Python's icalendar") struct PythonReaderTests {
    static let isAvailable = (try? Spawn.run(["/usr/bin/python3", "-c", "import icalendar"]).status) == 0

    static let script = """
        import json, sys, datetime, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        out = []
        for ev in cal.walk('VEVENT'):
            def utc(name):
                v = ev.decoded(name)
                if isinstance(v, datetime.datetime):
                    return v.astimezone(datetime.timezone.utc).strftime('%Y%m%dT%H%M%SZ')
                return v.strftime('%Y%m%d')
            att = ev.get('ATTENDEE', [])
            att = att if isinstance(att, list) else [att]
            out.append({'uid': str(ev['UID']), 'summary': str(ev.get('SUMMARY', '')),
                        'description': str(ev.get('DESCRIPTION', '')), 'start': utc('DTSTART'), 'end': utc('DTEND'),
                        'attendees': [str(a) for a in att], 'rrule': ev['RRULE'].to_ical().decode() if 'RRULE' in ev else None})
        print(json.dumps(out))
        """

    @Test("§9.1 a new event in a time zone reads the same in Python's icalendar, times in UTC included",
          .enabled(if: Prerequisite.met(isAvailable), "needs python3-icalendar"))
    func newEventReadByPython() throws {
        try Prerequisite.require(Self.isAvailable, "python3-icalendar")
        let newYork = ICalDateTime.Form.zoned(tzid: "America/New_York")
        var fields = EventFields(uid: "py-1@crmservice", title: "Kick-off, Globex; NYC \\ office")
        fields.start = ICalDateTime(CivilTime(year: 2026, month: 3, day: 10, hour: 9, minute: 30), newYork)
        fields.end = ICalDateTime(CivilTime(year: 2026, month: 11, day: 2, hour: 11), newYork)
        fields.description = "Line one\nLine two: " + String(repeating: "äöü ", count: 40)
        fields.attendees = [EmailAddress("dana@globex.example")!, EmailAddress("bob@acme.example")!]
        fields.recurrenceRule = RecurrenceRule("FREQ=WEEKLY;COUNT=4;BYDAY=TU")
        let bytes = CalendarObject.new(fields, now: CivilTime(year: 2026, month: 3, day: 1)).serialized()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crm-ical-\(getpid()).ics").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ran = try Spawn.run(["/usr/bin/python3", "-c", Self.script, path])
        #expect(ran.status == 0, "\(ran.err)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(ran.out.utf8)) as? [[String: Any]])
        let event = try #require(events.first)
        #expect(event["uid"] as? String == "py-1@crmservice")
        #expect(event["summary"] as? String == fields.title)
        #expect(event["description"] as? String == fields.description)
        // EDT in March (UTC-4) and EST in November (UTC-5), from the VTIMEZONE we wrote.
        #expect(event["start"] as? String == "20260310T133000Z")
        #expect(event["end"] as? String == "20261102T160000Z")
        #expect(event["attendees"] as? [String] == ["mailto:dana@globex.example", "mailto:bob@acme.example"])
        #expect(event["rrule"] as? String == "FREQ=WEEKLY;COUNT=4;BYDAY=TU")
    }
}
