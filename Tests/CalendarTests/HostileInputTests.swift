import Testing
import TestSupport
@testable import Calendar

@Suite("Hostile and large input (§9, §12)") struct HostileInputTests {
    @Test("§12 a 10 MB DESCRIPTION is read within the default limits and written back whole")
    func tenMegabyteDescription() throws {
        let description = String(repeating: "Zeile mit Umlauten äöü, Komma; und Backslash \\ — ", count: 200_000)
        #expect(description.utf8.count > 10_000_000)
        var fields = EventFields(uid: "big-1@example.com", title: "Big")
        fields.start = ICalDateTime(.init(year: 2026, month: 1, day: 5, hour: 9), .utc)
        fields.description = description
        let bytes = CalendarObject.new(fields, now: .init(year: 2026, month: 1, day: 1)).serialized()
        #expect(bytes.count > 10_000_000)
        let object = CalendarObject(bytes: bytes)
        #expect(object.defects.isEmpty)
        #expect(object.master?.fields.description == description)
        #expect(object.serialized() == bytes)
        // Under a smaller limit the line is dropped and reported, and the rest of the event is still read.
        var options = ICalendarParser.Options()
        options.maxLineBytes = 1 << 20
        let limited = CalendarObject(bytes: bytes, parser: ICalendarParser(options: options))
        #expect(limited.defects.map(\.kind) == [.lineTooLong])
        #expect(limited.master?.fields.title == "Big" && limited.master?.fields.description == nil)
    }

    @Test("§12 deep nesting and many components stay within the limits, without recursion trouble")
    func deepAndWide() throws {
        var text = "BEGIN:VCALENDAR\r\n" + String(repeating: "BEGIN:X-A\r\n", count: 50_000)
        text += String(repeating: "END:X-A\r\n", count: 50_000) + "END:VCALENDAR\r\n"
        let calendar = ICalendarParser().parse(Array(text.utf8))
        #expect(calendar.defects.map(\.kind) == [.nestingTooDeep])
        let wide = "BEGIN:VCALENDAR\r\n" + String(repeating: "BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", count: 100_050)
            + "END:VCALENDAR\r\n"
        let many = ICalendarParser().parse(Array(wide.utf8))
        #expect(many.defects.map(\.kind) == [.tooManyComponents])
        #expect(many.components.first?.components.count == 100_000 - 1)
    }

    @Test("§9.4 random bytes and mutated fixtures: never a crash, and writing is stable after one round")
    func randomRoundTrips() throws {
        var random = SplitMix64(seed: TestSeed.value("randomRoundTrips", default: 0x1CA1))
        let seeds = try CalendarFixture.names.map(CalendarFixture.bytes) + [try CalendarFixture.bytes("broken-lines.ics")]
        let alphabet = Array("BEGIN:END;=,\"^\\\r\n \tVEVENTVCALENDARDTSTART:TZID=X-20260101T000000Z".utf8)
        for round in 0..<600 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(1 + Int(random.next() % 8)) {
                let at = Int(random.next() % UInt64(bytes.count + 1))
                switch random.next() % 3 {
                case 0: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: random.next()) }
                }
            }
            let once = CalendarObject(bytes: bytes)
            _ = once.events.map(\.fields)
            let written = once.serialized()
            let twice = CalendarObject(bytes: written).serialized()
            #expect(twice == written, "round \(round)")
        }
    }
}
