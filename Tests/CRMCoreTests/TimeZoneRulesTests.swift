@testable import CRMCore
import Foundation
import Testing

@Suite("Time zones from the system tz database") struct TimeZoneRulesTests {
    static let zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham",
                        "America/Sao_Paulo", "Asia/Kolkata", "UTC", "Europe/London", "America/Godthab",
                        "Africa/Casablanca", "Asia/Tehran", "Pacific/Kiritimati", "America/St_Johns"]

    @Test("offsets agree with Foundation's TimeZone every 6 hours, 1970-2037", arguments: zones)
    func agreesWithFoundation(_ name: String) throws {
        let rules = try TimeZoneDatabase().rules(for: name)
        let foundation = try #require(TimeZone(identifier: name))
        var mismatches: [String] = []
        var t: Int64 = 0, checked = 0
        while t < 2_145_916_800 { // 2038-01-01
            checked += 1
            let ours = rules.offset(at: t)
            let theirs = foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
            if Int(ours) != theirs && mismatches.count < 5 { mismatches.append("\(CivilTime(seconds: t))Z: \(ours) vs \(theirs)") }
            t += 6 * 3600
        }
        #expect(mismatches.isEmpty, "\(name): \(mismatches)")
        #expect(checked == 99_348) // 68 years of 6-hour steps
    }

    static let footerCases: [(String, CivilTime, Int32)] = [
        // zone, UTC instant, expected offset
        ("Europe/Berlin", CivilTime(year: 2100, month: 3, day: 28, hour: 0, minute: 59), 3600),
        ("Europe/Berlin", CivilTime(year: 2100, month: 3, day: 28, hour: 1), 7200),
        ("Europe/Berlin", CivilTime(year: 2100, month: 10, day: 31, hour: 0, minute: 59), 7200),
        ("Europe/Berlin", CivilTime(year: 2100, month: 10, day: 31, hour: 1), 3600),
        ("America/New_York", CivilTime(year: 2090, month: 7, day: 1), -4 * 3600),
        ("America/New_York", CivilTime(year: 2090, month: 1, day: 1), -5 * 3600),
        ("Australia/Lord_Howe", CivilTime(year: 2090, month: 1, day: 1), 11 * 3600),
        ("Australia/Lord_Howe", CivilTime(year: 2090, month: 7, day: 1), 10 * 3600 + 1800),
        ("Pacific/Chatham", CivilTime(year: 2090, month: 1, day: 1), 13 * 3600 + 2700),
        ("Pacific/Chatham", CivilTime(year: 2090, month: 7, day: 1), 12 * 3600 + 2700),
        ("Asia/Kolkata", CivilTime(year: 2090, month: 7, day: 1), 5 * 3600 + 1800),
    ]

    @Test("past the table the POSIX footer rule applies", arguments: footerCases)
    func footer(_ name: String, _ at: CivilTime, _ expected: Int32) throws {
        #expect(try TimeZoneDatabase().rules(for: name).offset(at: at.seconds) == expected)
    }

    @Test("POSIX TZ strings", arguments: [
        ("CET-1CEST,M3.5.0,M10.5.0/3", Int32(3600), Int32?.some(7200)),
        ("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 37_800, 39_600),
        ("EST5EDT,M3.2.0,M11.1.0", -18_000, -14_400),
        ("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", -7200, -3600),
        ("IST-5:30", 19_800, nil),
        ("<+0545>-5:45", 20_700, nil),
        ("EST5EDT,0/0,J365/25", -18_000, -14_400),
    ])
    func posix(_ text: String, _ standard: Int32, _ dst: Int32?) throws {
        let rule = try #require(POSIXTimeZoneRule(text))
        #expect(rule.standardOffset == standard)
        #expect(rule.daylightSaving?.offset == dst)
    }

    @Test("all-year DST stays in DST across the new year") func allYearDST() throws {
        let rule = try #require(POSIXTimeZoneRule("EST5EDT,0/0,J365/25"))
        for year in [2030, 2031] {
            for t in [CivilTime(year: year, month: 1, day: 1, hour: 5), CivilTime(year: year, month: 6, day: 1),
                      CivilTime(year: year, month: 12, day: 31, hour: 23)] {
                #expect(rule.offset(at: t.seconds) == -14_400)
            }
        }
    }

    @Test("unknown or ill-formed zone names are refused", arguments: ["Mars/Base", "../etc/passwd", "/etc/localtime",
                                                                       "", "Europe//Berlin", "Europe/.", "zone.tab",
                                                                       "right/Europe/Berlin"])
    func unknown(_ name: String) {
        #expect(throws: UnknownTimeZone.self) { try TimeZoneDatabase().rules(for: name) }
    }

    @Test("UTC prints Z, zones with offsets do not") func utc() throws {
        let db = TimeZoneDatabase()
        #expect(try db.rules(for: "UTC").isUTC)
        #expect(try db.rules(for: "Etc/UTC").isUTC)
        #expect(TimeZoneRules.utc.isUTC)
        #expect(try !db.rules(for: "Europe/London").isUTC)
        #expect(try TimeZoneDatabase(directory: "/nonexistent").rules(for: "UTC") == .utc)
    }

    @Test("local times: a repeated time is its first occurrence, one in a gap the end of the gap") func localToUTC() throws {
        let berlin = try TimeZoneDatabase().rules(for: "Europe/Berlin")
        let gap = CivilTime(year: 2026, month: 3, day: 29, hour: 2, minute: 30).seconds
        #expect(berlin.instant(ofLocal: gap) == CivilTime(year: 2026, month: 3, day: 29, hour: 1).seconds)
        let repeated = CivilTime(year: 2026, month: 10, day: 25, hour: 2, minute: 30).seconds
        #expect(berlin.instant(ofLocal: repeated) == CivilTime(year: 2026, month: 10, day: 25, hour: 0, minute: 30).seconds)
        let plain = CivilTime(year: 2026, month: 7, day: 1, hour: 12).seconds
        #expect(berlin.instant(ofLocal: plain) == plain - 7200)
    }

    @Test("civil arithmetic agrees with Foundation's Gregorian calendar, 1900-2200") func civil() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var days = CivilTime.days(year: 1900, month: 1, day: 1)
        let end = CivilTime.days(year: 2200, month: 1, day: 1)
        var bad = 0
        while days < end {
            let date = Date(timeIntervalSince1970: TimeInterval(days * 86_400))
            let c = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let ours = CivilTime(seconds: days * 86_400)
            if ours.year != c.year || ours.month != c.month || ours.day != c.day || ours.weekday != c.weekday! - 1
                || ours.seconds != days * 86_400 { bad += 1 }
            days += 1
        }
        #expect(bad == 0)
    }
}
