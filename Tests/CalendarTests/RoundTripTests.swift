import Testing
@testable import Calendar

@Suite("Reading and writing back unchanged (§9.4)") struct RoundTripTests {
    @Test("§9.4 a resource read and written with no change is the same after normalising folding",
          arguments: CalendarFixture.names)
    func unchanged(_ name: String) throws {
        let original = try CalendarFixture.bytes(name)
        let object = CalendarObject(bytes: original)
        let written = object.serialized()
        #expect(CalendarFixture.unfoldedLines(written) == CalendarFixture.unfoldedLines(original))
        let (lines, allCRLF) = CalendarFixture.physicalLines(written)
        #expect(allCRLF)
        #expect(lines.allSatisfy { $0.count <= 75 })
        // Our own output is a fixed point byte for byte.
        #expect(CalendarObject(bytes: written).serialized() == written)
    }

    @Test("§9.4 broken lines: what was read is written back, as valid lines, and stays so")
    func brokenIsStable() throws {
        let written = CalendarObject(bytes: try CalendarFixture.bytes("broken-lines.ics")).serialized()
        let (_, allCRLF) = CalendarFixture.physicalLines(written)
        #expect(allCRLF)
        let again = ICalendarParser().parse(written)
        #expect(again.defects.isEmpty)
        #expect(again.serialized() == written)
        #expect(CalendarFixture.text(written).contains("END:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
    }

    @Test("§9.4 unknown properties, parameters and components survive a change of a modelled field")
    func unknownSurvive() throws {
        let original = try CalendarFixture.bytes("alarm-x-properties.ics")
        var object = CalendarObject(bytes: original)
        var fields = try #require(object.master?.fields)
        fields.title = "Demo for Umbrella Corp (moved)"
        let updated = object.update(fields)
        #expect(updated)
        let before = CalendarFixture.unfoldedLines(original)
        let after = CalendarFixture.unfoldedLines(object.serialized())
        // Exactly one line differs: the SUMMARY of the event (not the VALARM's).
        #expect(before.count == after.count)
        let differing = zip(before, after).filter { $0 != $1 }
        #expect(differing.count == 1)
        #expect(differing.first.map { CalendarFixture.text($0.1) } == "SUMMARY:Demo for Umbrella Corp (moved)")
        #expect(after.contains(Array(#"X-CUSTOM-PARAM;X-ONE=a,"b,c";X-TWO="line^nbreak":text with ^ caret"#.utf8)))
    }

    @Test("§9.4 a resource in bare LF with lower-case names is kept line for line, written with CRLF")
    func bareLFAndCase() throws {
        let text = "begin:vcalendar\nversion:2.0\nbegin:vevent\nuid:lower@example.com\ndtstart:20260101T100000Z\nx-thing;x-p=1:v\nend:vevent\nend:vcalendar\n"
        let object = CalendarObject(bytes: Array(text.utf8))
        #expect(object.uid == "lower@example.com")
        #expect(object.master?.fields.start == ICalDateTime(.init(year: 2026, month: 1, day: 1, hour: 10), .utc))
        #expect(CalendarFixture.text(object.serialized()) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }
}
