import CRMCore
import Foundation
import Testing
@testable import Jobs

/// Fire times of `expression` in `zone` strictly after `from` (ISO 8601 with offset), as UTC ISO 8601 strings.
func fires(_ expression: String, _ zone: String, from: String, count: Int) throws -> [String] {
    let rules = try TimeZoneDatabase().rules(for: zone)
    let schedule = CronSchedule(expression: try CronExpression(expression), zone: rules)
    let start = try #require(ZonedTimestamp.parse(from, zone: .utc))
    return schedule.nextFireTimes(after: Date(timeIntervalSince1970: TimeInterval(start))).prefix(count)
        .map { ZonedTimestamp.format(Int64($0.timeIntervalSince1970), offset: 0, useZ: true) }
}

@Suite("Cron schedule: the rules of §7, by example") struct CronScheduleRuleTests {
    @Test("both day fields restricted: a day matching either counts")
    func eitherDay() throws {
        // 13th of the month OR a Friday.
        #expect(try fires("0 0 13 * FRI", "UTC", from: "2026-01-01T00:00:00Z", count: 4)
            == ["2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-13T00:00:00Z", "2026-01-16T00:00:00Z"])
    }

    @Test("one day field starting with *: both must match")
    func bothDays() throws {
        // Odd days that are Fridays.
        #expect(try fires("0 0 */2 * FRI", "UTC", from: "2026-01-01T00:00:00Z", count: 3)
            == ["2026-01-09T00:00:00Z", "2026-01-23T00:00:00Z", "2026-02-13T00:00:00Z"])
        #expect(try fires("0 0 13 * *", "UTC", from: "2026-01-01T00:00:00Z", count: 2)
            == ["2026-01-13T00:00:00Z", "2026-02-13T00:00:00Z"])
    }

    @Test("spring forward: a time in the gap runs at the first minute after it, once", arguments: [
        // Europe/Berlin 2026-03-29 02:00 → 03:00.
        ("30 2 * * *", "Europe/Berlin", "2026-03-28T00:00:00Z",
         ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"]),
        ("*/15 2 * * *", "Europe/Berlin", "2026-03-29T00:00:00Z", ["2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z"]),
        ("0 * * * *", "Europe/Berlin", "2026-03-28T23:30:00Z",
         ["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"]),
        // Australia/Lord_Howe 2026-10-04 02:00 → 02:30 (+10:30 → +11).
        ("0 2 * * *", "Australia/Lord_Howe", "2026-10-03T00:00:00Z", ["2026-10-03T15:30:00Z", "2026-10-04T15:00:00Z"]),
        ("0,15,30 2 * * *", "Australia/Lord_Howe", "2026-10-03T00:00:00Z",
         ["2026-10-03T15:30:00Z", "2026-10-04T15:00:00Z", "2026-10-04T15:15:00Z"]), // 02:30 is both
        // Pacific/Chatham 2026-09-27 02:45 → 03:45 (+12:45 → +13:45).
        ("0 3 * * *", "Pacific/Chatham", "2026-09-26T00:00:00Z", ["2026-09-26T14:00:00Z", "2026-09-27T13:15:00Z"]),
        // America/Sao_Paulo 2018-11-04 00:00 → 01:00: midnight does not exist.
        ("0 0 * * *", "America/Sao_Paulo", "2018-11-03T12:00:00Z", ["2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z"]),
    ])
    func springForward(_ expression: String, _ zone: String, _ from: String, _ expected: [String]) throws {
        #expect(try fires(expression, zone, from: from, count: expected.count) == expected)
    }

    @Test("fall back: a repeated time runs once at its first occurrence", arguments: [
        // America/New_York 2026-11-01 02:00 EDT → 01:00 EST: 01:30 occurs at 05:30Z and 06:30Z.
        ("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", ["2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"]),
        ("30 1 * * *", "America/New_York", "2026-11-01T06:00:00Z", ["2026-11-02T06:30:00Z"]),
        ("0-59/20 1 * * *", "America/New_York", "2026-11-01T05:00:00Z",
         ["2026-11-01T05:20:00Z", "2026-11-01T05:40:00Z", "2026-11-02T06:00:00Z"]),
        // Australia/Lord_Howe 2026-04-05 02:00 → 01:30: 01:45 occurs at +11 and at +10:30.
        ("45 1 * * *", "Australia/Lord_Howe", "2026-04-04T00:00:00Z", ["2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z"]),
        // America/Sao_Paulo 2018-02-18 00:00 → 2018-02-17 23:00: 23:30 occurs twice.
        ("30 23 * * *", "America/Sao_Paulo", "2018-02-17T12:00:00Z", ["2018-02-18T01:30:00Z", "2018-02-19T02:30:00Z"]),
    ])
    func fallBackOnce(_ expression: String, _ zone: String, _ from: String, _ expected: [String]) throws {
        #expect(try fires(expression, zone, from: from, count: expected.count) == expected)
    }

    @Test("fall back: hour `*` or `*/N` runs in both", arguments: [
        ("30 * * * *", "America/New_York", "2026-11-01T04:00:00Z",
         ["2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-01T07:30:00Z"]),
        ("*/20 */1 * * *", "America/New_York", "2026-11-01T05:00:00Z",
         ["2026-11-01T05:20:00Z", "2026-11-01T05:40:00Z", "2026-11-01T06:00:00Z", "2026-11-01T06:20:00Z"]),
        ("45 * * * *", "Australia/Lord_Howe", "2026-04-04T14:00:00Z",
         ["2026-04-04T14:45:00Z", "2026-04-04T15:15:00Z", "2026-04-04T16:15:00Z"]),
        ("30 */1 * * *", "America/Sao_Paulo", "2018-02-18T01:00:00Z", ["2018-02-18T01:30:00Z", "2018-02-18T02:30:00Z"]),
    ])
    func fallBackBoth(_ expression: String, _ zone: String, _ from: String, _ expected: [String]) throws {
        #expect(try fires(expression, zone, from: from, count: expected.count) == expected)
    }

    @Test("an hour list or range is not `*`: repeated times run once")
    func hourRangeOnce() throws {
        #expect(try fires("30 0-23 * * *", "America/New_York", from: "2026-11-01T04:00:00Z", count: 3)
            == ["2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T07:30:00Z"])
    }

    @Test("February 29 finds the next leap year, across 2100")
    func leapDay() throws {
        #expect(try fires("0 0 29 2 *", "UTC", from: "2026-01-01T00:00:00Z", count: 2)
            == ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"])
        #expect(try fires("0 0 29 2 *", "UTC", from: "2096-03-01T00:00:00Z", count: 1) == ["2104-02-29T00:00:00Z"])
    }

    @Test("an expression that never fires gives nothing, quickly")
    func never() throws {
        let schedule = CronSchedule(expression: try CronExpression("0 0 30 2 *"))
        #expect(schedule.next(after: Date(timeIntervalSince1970: 0)) == nil)
        #expect(Array(schedule.nextFireTimes(after: Date(timeIntervalSince1970: 0))).isEmpty)
    }

    // Speed is a benchmark's business, not a test's: this checks that a field-skipping search over 2,000 years
    // of a once-a-year expression finds every year, in order.
    @Test("a once-a-year expression fires once in every year, for 2,000 years")
    func rareExpressionEveryYear() throws {
        let zone = try TimeZoneDatabase().rules(for: "UTC")
        let schedule = CronSchedule(expression: try CronExpression("59 23 31 12 *"), zone: zone)
        let times = Array(schedule.nextFireTimes(after: Date(timeIntervalSince1970: 0)).prefix(2_000))
        #expect(times.count == 2_000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for (offset, time) in times.enumerated() {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: time)
            #expect(c.year == 1970 + offset && c.month == 12 && c.day == 31 && c.hour == 23 && c.minute == 59)
        }
    }
}
