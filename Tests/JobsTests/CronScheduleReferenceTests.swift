import CRMCore
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Jobs

/// The engine against the brute-force reference (`ReferenceSchedule`) over windows around every clock change of a
/// year in zones with unusual rules, for fixed expressions and for seeded random ones (a property test).
@Suite("Cron schedule = brute-force reference") struct CronScheduleReferenceTests {
    /// A zone and the year whose clock changes are compared (plus a leap-day window).
    struct ZoneYear: Sendable, CustomStringConvertible {
        var zone: String
        var year: Int
        var description: String { "\(zone) \(year)" }
    }

    static let zoneYears: [ZoneYear] = [
        .init(zone: "Europe/Berlin", year: 2026), .init(zone: "America/New_York", year: 2026),
        .init(zone: "Australia/Lord_Howe", year: 2026), .init(zone: "Pacific/Chatham", year: 2026),
        .init(zone: "America/Sao_Paulo", year: 2018), .init(zone: "Asia/Kolkata", year: 2026),
        .init(zone: "UTC", year: 2026),
        // Past the 2037 end of fat TZif tables: the POSIX footer rule.
        .init(zone: "Europe/Berlin", year: 2045), .init(zone: "Australia/Lord_Howe", year: 2045),
        .init(zone: "America/New_York", year: 2045),
    ]

    static let fixedExpressions = [
        "* * * * *", "30 2 * * *", "*/15 2 * * *", "0 * * * *", "30 1 * * *", "30 * * * *", "*/20 */1 * * *",
        "0 2 * * *", "15 2 * * *", "45 2 * * *", "0 3 * * *", "0 0 * * *", "30 0 * * *", "59 23 * * *",
        "0,30 1-3 * * *", "*/7 * * * *", "0 */2 * * *", "5/10 2 * * *", "0 1 * * SUN", "30 2 * * 0",
        "0 2 29 * *", "0 2 1 * SUN", "0 2 * MAR,OCT *", "0 0-3 * * *", "15,45 * * * *", "0 23 * * *",
        "30 23 * * *", "45 1 * * *", "15 2 * * SAT-SUN", "0 2-3 * * *", "*/30 0-4 * * *", "2 2 2 2 2",
        "0 0 29 2 *", "0 12 * * MON-FRI", "0 2 5 4 *", "0,15,30,45 2 * * *", "0 1 * * *", "*/15 2-3 * * *",
        "50 2 * * *", "45 3 * * *", "30 23 17 2 *", "0 0 4 11 *", "*/10 0 * * *", "59 * * * *", "0 0 * * 7",
        "1 1 1 1 *", "0 9 1-7 * MON", "0 9 */2 * MON",
    ]

    static let randomExpressions: [String] = {
        var g = SeededGenerator(state: TestSeed.value("cron randomExpressions", default: 20_260_329))
        return (0..<250).map { _ in RandomCron.expression(&g) }
    }()

    /// UTC windows: 36 hours either side of each clock change in the year, and 3 days around February 29, 2028.
    static func windows(_ zone: TimeZoneRules, year: Int) -> [(Int64, Int64)] {
        var windows: [(Int64, Int64)] = []
        var t = CivilTime(year: year, month: 1, day: 1).seconds
        let end = CivilTime(year: year + 1, month: 1, day: 1).seconds
        while let next = zone.nextTransition(after: t), next < end {
            if zone.offset(at: next) != zone.offset(at: next - 1) { windows.append((next - 36 * 3600, next + 36 * 3600)) }
            t = next
        }
        let leap = CivilTime(year: 2028, month: 2, day: 28).seconds
        windows.append((leap, leap + 3 * 86_400))
        return windows
    }

    static let minutesCompared = Atomic<Int>(0)

    func compare(_ texts: [String], _ zoneYear: ZoneYear) throws {
        let zone = try TimeZoneDatabase().rules(for: zoneYear.zone)
        let windows = Self.windows(zone, year: zoneYear.year)
        if zoneYear.zone != "UTC" && zoneYear.zone != "Asia/Kolkata" { #expect(windows.count == 3) }
        var g = SeededGenerator(state: TestSeed.value("cron start points in \(zoneYear)", default: UInt64(zoneYear.year)))
        var failures = 0, fires = 0
        let walks = windows.map { LocalMinutes(zone: zone, from: $0.0 - 86_400 - 60, through: $0.1) }
        for text in texts {
            let reference = try ReferenceSchedule(text, zone: zone)
            let schedule = CronSchedule(expression: reference.expression, zone: zone)
            for (window, (start, end)) in zip(walks, windows) {
                let expected = reference.fires(after: start, through: end, walk: window)
                fires += expected.count
                var got: [Int64] = []
                var t = start
                while let n = schedule.next(after: t), n <= end { got.append(n); t = n }
                Self.minutesCompared.add(Int((end - start) / 60), ordering: .relaxed)
                if got != expected, failures < 3 {
                    failures += 1
                    let show = { (list: [Int64]) in list.prefix(8).map { "\(CivilTime(seconds: $0))Z" } }
                    Issue.record("'\(text)' in \(zoneYear): engine \(show(got)) reference \(show(expected))")
                }
                // Starting anywhere, not only at fire times (inside a repeated hour, mid-minute).
                for _ in 0..<3 {
                    let p = Int64.random(in: start...(end - 86_400), using: &g)
                    let e = expected.first { $0 > p }
                    let engine = schedule.next(after: p)
                    if (e != nil && engine != e) || (e == nil && engine.map { $0 <= end } == true), failures < 3 {
                        failures += 1
                        Issue.record("'\(text)' in \(zoneYear) after \(CivilTime(seconds: p))Z: engine \(String(describing: engine.map { CivilTime(seconds: $0) })) reference \(String(describing: e.map { CivilTime(seconds: $0) }))")
                    }
                }
            }
        }
        // Equal lists of nothing would pass: the windows must hold fire times to compare.
        #expect(fires > texts.count, "\(zoneYear): the reference fired \(fires) times for \(texts.count) expressions")
    }

    @Test("fixed expressions", arguments: zoneYears)
    func fixed(_ zoneYear: ZoneYear) throws { try compare(Self.fixedExpressions, zoneYear) }

    @Test("250 random expressions from a seeded generator", arguments: zoneYears)
    func random(_ zoneYear: ZoneYear) throws { try compare(Self.randomExpressions, zoneYear) }

    @Test("a whole year minute by minute", arguments: ["Europe/Berlin", "Australia/Lord_Howe", "America/Sao_Paulo"])
    func wholeYear(_ name: String) throws {
        let zone = try TimeZoneDatabase().rules(for: name)
        let year = name == "America/Sao_Paulo" ? 2018 : 2026
        let start = CivilTime(year: year, month: 1, day: 1).seconds, end = CivilTime(year: year + 1, month: 1, day: 1).seconds
        for text in ["*/15 0-3 * * *", "30 2 * * 0", "0 * * * *"] {
            let reference = try ReferenceSchedule(text, zone: zone)
            let schedule = CronSchedule(expression: reference.expression, zone: zone)
            let expected = reference.fires(after: start, through: end)
            let got = Array(schedule.nextFireTimes(after: Date(timeIntervalSince1970: TimeInterval(start)))
                .prefix { $0.timeIntervalSince1970 <= TimeInterval(end) }.map { Int64($0.timeIntervalSince1970) })
            Self.minutesCompared.add(Int((end - start) / 60), ordering: .relaxed)
            #expect(got == expected, "\(text) in \(name)")
            #expect(!expected.isEmpty)
        }
    }
}
