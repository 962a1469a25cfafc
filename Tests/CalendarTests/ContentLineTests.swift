import Testing
@testable import Calendar

@Suite("iCalendar content lines (RFC 5545 §3.1–3.3)") struct ContentLineTests {
    private func parse(_ text: String, options: ICalendarParser.Options = .init()) -> ICalendar {
        ICalendarParser(options: options).parse(Array(text.utf8))
    }

    @Test("§9.5 unfolding: CRLF or bare LF followed by a space or a tab continues the line")
    func unfolding() throws {
        let text = "BEGIN:VCALENDAR\r\nX-A:one\r\n  two\r\n\tthree\nX-B:fo\n ur\r\nEND:VCALENDAR\r\n"
        let calendar = parse(text)
        let root = try #require(calendar.components.first)
        #expect(root.first("X-A")?.rawText == "one two" + "three")
        #expect(root.first("X-B")?.rawText == "four")
        #expect(calendar.defects.isEmpty)
        let orphan = parse(" orphan\r\n\tmore\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        #expect(orphan.defects == [ICalDefect(.orphanContinuation, line: 1)])
        #expect(orphan.components.map(\.name) == ["VCALENDAR"])
    }

    @Test("§9.4 folding: physical lines of at most 75 octets, CRLF, never inside a UTF-8 sequence")
    func folding() throws {
        let summary = String(repeating: "äöü€𝄞 Grüße ", count: 40)
        var component = ICalComponent("VCALENDAR")
        component.append(ICalProperty("SUMMARY", text: summary))
        let bytes = ICalendar(components: [component]).serialized()
        let (lines, allCRLF) = CalendarFixture.physicalLines(bytes)
        #expect(allCRLF)
        #expect(lines.count > 10)
        for line in lines {
            #expect(line.count <= 75)
            // Each physical line is valid UTF-8 on its own: no sequence was split.
            #expect(String(validating: line, as: UTF8.self) != nil)
        }
        let reread = ICalendarParser().parse(bytes)
        #expect(reread.components.first?.first("SUMMARY")?.text == summary)
    }

    @Test("§9.4 parameters: quoted values, lists, RFC 6868 escapes, names in any case")
    func parameters() throws {
        let line = #"ATTENDEE;cn="Eve ^'The Analyst^' Adams";Delegated-From="mailto:a@x.example","mailto:b@x.example";X-NOTE=a^nb^^c:mailto:eve@x.example"#
        let calendar = parse("BEGIN:VCALENDAR\r\n\(line)\r\nEND:VCALENDAR\r\n")
        let property = try #require(calendar.components.first?.first("ATTENDEE"))
        #expect(property.parameter("CN")?.value == #"Eve "The Analyst" Adams"#)
        #expect(property.parameter("DELEGATED-FROM")?.values == ["mailto:a@x.example", "mailto:b@x.example"])
        #expect(property.parameter("X-NOTE")?.value == "a\nb^c")
        #expect(property.rawText == "mailto:eve@x.example")
        // Written anew, a parameter is quoted where needed and escaped back.
        var changed = property
        changed.setParameter("CN", [#"Eve "E", Adams"#])
        let written = CalendarFixture.text(changed.contentLine)
        #expect(written.hasPrefix(#"ATTENDEE;CN="Eve ^'E^', Adams";DELEGATED-FROM="#))
    }

    @Test("§9.4 TEXT escaping: \\\\, \\;, \\, and \\n or \\N, both ways")
    func textEscaping() {
        #expect(ICalText.unescape(Array(#"a\,b\;c\\d\ne\Nf\x"#.utf8)) == "a,b;c\\d\ne\nfx")
        #expect(CalendarFixture.text(ICalText.escape("a,b;c\\d\r\ne\nf")) == #"a\,b\;c\\d\ne\nf"#)
        for text in ["", "plain", "comma, semi; back\\slash\nnew line", "\\n literally"] {
            #expect(ICalText.unescape(ICalText.escape(text)) == text)
        }
    }

    @Test("§9.4 broken lines become defects with their line numbers; the rest is read")
    func brokenLines() throws {
        let calendar = ICalendarParser().parse(try CalendarFixture.bytes("broken-lines.ics"))
        let kinds = calendar.defects.map { "\($0.kind.rawValue)@\($0.line)" }
        #expect(kinds == [
            "malformed_line@5",              // no colon
            "malformed_line@12",             // unterminated quote
            "malformed_parameter@13",        // RSVP without =
            "malformed_parameter@14",        // a parameter without a name
            "malformed_line@15",             // no property name
            "missing_end@17",                // VALARM closed by END:VEVENT
            "unexpected_end@21",             // END:VTODO
            "content_outside_component@23",  // after END:VCALENDAR (with its continuation)
        ])
        let object = CalendarObject(calendar: calendar)
        #expect(object.events.first?.defects == [ICalDefect(.unreadableDateTime, line: 9),
                                                 ICalDefect(.malformedRecurrenceRule, line: 16)])
        #expect(object.master?.fields.end == ICalDateTime(.init(year: 2026, month: 11, day: 10, hour: 16), .utc))
        let vcalendar = try #require(calendar.components.first)
        #expect(vcalendar.first("PRODID")?.rawText == "-//Broken//ENcontinuation of PRODID")
        let event = try #require(vcalendar.components.first)
        #expect(event.first("SUMMARY")?.text == "Broken but readable")
        #expect(event.first("ATTENDEE")?.rawText == "mailto:rsvp@example.com")
        #expect(event.components.map(\.name) == ["VALARM"])
    }

    @Test("§12 limits: a line over maxLineBytes, nesting over maxDepth, components over maxComponents")
    func limits() throws {
        var options = ICalendarParser.Options()
        options.maxLineBytes = 100
        options.maxDepth = 3
        options.maxComponents = 4
        var text = "BEGIN:VCALENDAR\r\nX-LONG:" + String(repeating: "x", count: 60) + "\r\n " + String(repeating: "y", count: 60)
        text += "\r\nBEGIN:VEVENT\r\nBEGIN:VALARM\r\nBEGIN:X-TOO-DEEP\r\nX-IN:deep\r\nEND:X-TOO-DEEP\r\nEND:VALARM\r\nEND:VEVENT\r\n"
        text += "BEGIN:VEVENT\r\nUID:2\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let calendar = parse(text, options: options)
        let kinds = Set(calendar.defects.map(\.kind))
        #expect(kinds == [.lineTooLong, .nestingTooDeep, .tooManyComponents])
        let root = try #require(calendar.components.first)
        #expect(root.first("X-LONG") == nil)
        #expect(root.components.count == 2)
        #expect(root.components[0].components.first?.components.isEmpty == true)
    }
}
