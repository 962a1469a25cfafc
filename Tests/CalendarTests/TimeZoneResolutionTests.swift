import CRMCore
import Testing
@testable import Calendar

@Suite("TZID resolution: VTIMEZONE, tz database, Windows names, prefixes (§9.5)") struct TimeZoneResolutionTests {
    private func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0) -> Int64 {
        CivilTime(year: y, month: m, day: d, hour: h, minute: mi).seconds
    }

    @Test("§9.5 a TZID with its VTIMEZONE (New York) resolves against that VTIMEZONE")
    func newYork() throws {
        let object = CalendarObject(bytes: try CalendarFixture.bytes("new-york.ics"))
        let zone = try #require(object.timeZones["America/New_York"])
        #expect(zone.source == .vtimezone && zone.olsonName == "America/New_York")
        let fields = try #require(object.master?.fields)
        // Two days after DST began (8 March 2026): EDT, UTC-4.
        #expect(object.instant(of: try #require(fields.start)) == utc(2026, 3, 10, 13, 30))
        #expect(object.offset(of: try #require(fields.end)) == -4 * 3600)
        // The VTIMEZONE's rules (those of 2007 on) agree with the tz database's over 2007-2037.
        let database = try TimeZoneDatabase().rules(for: "America/New_York")
        var t = utc(2007, 1, 1)
        while t < utc(2037, 12, 31) {
            #expect(zone.rules.offset(at: t) == database.offset(at: t))
            t += 86_400 * 7 + 3_600
        }
    }

    @Test("§9.5 Exchange: a Windows zone name with a VTIMEZONE starting in 1601")
    func exchange() throws {
        let object = CalendarObject(bytes: try CalendarFixture.bytes("exchange-windows-zone.ics"))
        #expect(object.defects.isEmpty)
        let zone = try #require(object.timeZones["W. Europe Standard Time"])
        #expect(zone.source == .vtimezone && zone.olsonName == "Europe/Berlin")
        #expect(zone.rules.offset(at: utc(2026, 7, 1)) == 7200)
        let fields = try #require(object.master?.fields)
        #expect(object.instant(of: try #require(fields.start)) == utc(2026, 12, 3, 9))
        #expect(fields.title == "Monatliches Abstimmungsgespräch")
        #expect(fields.recurrenceRule?.byDay == [.init(ordinal: 1, weekday: .thursday)])
    }

    @Test("§9.5 a Windows zone name without VTIMEZONE, quoted or not, maps through CLDR windowsZones")
    func windowsName() throws {
        let object = CalendarObject(bytes: try CalendarFixture.bytes("windows-zone-without-vtimezone.ics"))
        #expect(object.defects.isEmpty)
        let zone = try #require(object.timeZones["Eastern Standard Time"])
        #expect(zone.source == .windowsName && zone.olsonName == "America/New_York")
        let fields = try #require(object.master?.fields)
        #expect(object.instant(of: try #require(fields.start)) == utc(2026, 7, 5, 19))
        #expect(object.instant(of: try #require(fields.end)) == utc(2026, 7, 5, 19, 30))
        for (windows, olson) in [("W. Europe Standard Time", "Europe/Berlin"), ("GMT Standard Time", "Europe/London"),
                                 ("Tokyo Standard Time", "Asia/Tokyo"), ("india standard time", "Asia/Calcutta")] {
            #expect(TimeZoneResolver().resolveName(windows)?.olsonName == olson)
        }
    }

    @Test("§9.5 a bare tz database TZID without VTIMEZONE, and a /mozilla.org/… prefixed one")
    func bareAndPrefixed() throws {
        let object = CalendarObject(bytes: try CalendarFixture.bytes("tzid-without-vtimezone.ics"))
        #expect(object.defects.isEmpty)
        #expect(object.timeZones["Europe/Berlin"]?.source == .database)
        let prefixed = try #require(object.timeZones["/mozilla.org/20050126_1/Europe/Berlin"])
        #expect(prefixed.source == .prefixedName && prefixed.olsonName == "Europe/Berlin")
        let fields = try #require(object.master?.fields)
        #expect(object.instant(of: try #require(fields.start)) == utc(2026, 7, 15, 12))
        #expect(object.instant(of: try #require(fields.end)) == utc(2026, 7, 15, 13, 30))
        #expect(TimeZoneResolver().resolveName("/softwarestudio.org/Olson_20011030_5/America/New_York")?.olsonName
            == "America/New_York")
        #expect(TimeZoneResolver().resolveName("/citadel.org/20190914_1/America/Argentina/Buenos_Aires")?.olsonName
            == "America/Argentina/Buenos_Aires")
    }

    @Test("§9.5 an unknown TZID is a defect; the time stays floating with its TZID text, and is written back")
    func unknown() throws {
        let bytes = try CalendarFixture.bytes("unknown-tzid.ics")
        let object = CalendarObject(bytes: bytes)
        #expect(object.defects == [ICalDefect(.unknownTimeZone, line: 7)])
        let start = try #require(object.master?.fields.start)
        #expect(start.tzid == "Customized Time Zone 1")
        #expect(object.instant(of: start) == nil)
        #expect(start.civil == CivilTime(year: 2026, month: 7, day: 15, hour: 14))
        #expect(CalendarFixture.text(object.serialized()).contains("DTSTART;TZID=Customized Time Zone 1:20260715T140000\r\n"))
        for hostile in ["../../etc/passwd", "/", "//", "", "Europe/../../../etc/passwd", String(repeating: "A/", count: 500)] {
            #expect(TimeZoneResolver().resolveName(hostile) == nil)
        }
    }

    @Test("§9.5 a VTIMEZONE that cannot be read is reported, and its TZID is resolved by name instead")
    func malformedVTimeZone() throws {
        let text = """
            BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\n\
            DTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:one hour\r\nEND:STANDARD\r\n\
            END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:m@x\r\nDTSTART;TZID=Europe/Berlin:20260715T140000\r\n\
            END:VEVENT\r\nEND:VCALENDAR\r\n
            """
        let object = CalendarObject(bytes: Array(text.utf8))
        #expect(object.defects == [ICalDefect(.malformedTimeZone, line: 3)])
        #expect(object.timeZones["Europe/Berlin"]?.source == .database)
        #expect(object.instant(of: try #require(object.master?.fields.start)) == utc(2026, 7, 15, 12))
    }

    @Test("§9.5 every Windows zone name of the CLDR table resolves to a zone of the tz database")
    func windowsTableComplete() {
        #expect(WindowsZones.table.count >= 139)
        let resolver = TimeZoneResolver()
        let unresolved = WindowsZones.table.keys.filter { resolver.resolveName($0)?.source != .windowsName }
        #expect(unresolved.isEmpty, "\(unresolved.sorted())")
    }
}
