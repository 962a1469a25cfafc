import CRMCore
import Foundation
import Testing
@testable import Jobs

@Suite("`cron next` (§1, §7)") struct CronNextReportTests {
    let now = Date(timeIntervalSince1970: TimeInterval(CivilTime(year: 2026, month: 11, day: 23, hour: 11, minute: 7).seconds))

    @Test("times print with the zone's offset, one a line")
    func zoned() throws {
        #expect(try CronNextReport.lines(expression: "30 2 * * *", from: "2026-03-28T00:00:00Z", zone: "Europe/Berlin",
                                         count: 3, now: now)
            == ["2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"])
        #expect(try CronNextReport.lines(expression: "0 12 * * *", from: "2025-12-31T12:00:00Z", zone: "Pacific/Chatham",
                                         count: 1, now: now) == ["2026-01-01T12:00:00+13:45"])
        #expect(try CronNextReport.lines(expression: "0 12 * * *", from: "2026-01-01T00:00:00Z", zone: "America/St_Johns",
                                         count: 1, now: now) == ["2026-01-01T12:00:00-03:30"])
    }

    @Test("UTC prints Z; the default is UTC, 5 times, after now")
    func defaults() throws {
        #expect(try CronNextReport.lines(expression: "*/15 * * * *", from: nil, zone: nil, count: nil, now: now)
            == ["2026-11-23T11:15:00Z", "2026-11-23T11:30:00Z", "2026-11-23T11:45:00Z", "2026-11-23T12:00:00Z",
                "2026-11-23T12:15:00Z"])
        #expect(try CronNextReport.lines(expression: "0 0 * * *", from: nil, zone: "Europe/London", count: 1, now: now)
            == ["2026-11-24T00:00:00+00:00"])
    }

    @Test("--from: Z, offsets, a local date-time in --tz, a date alone; strictly after", arguments: [
        ("2026-03-28T01:30:00Z", "2026-03-29T03:00:00+02:00"),
        ("2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00"),
        ("2026-03-28T02:29:59.9+0100", "2026-03-28T02:30:00+01:00"),
        ("2026-03-28T02:29+01", "2026-03-28T02:30:00+01:00"),
        ("2026-03-28 02:29:00", "2026-03-28T02:30:00+01:00"),
        ("2026-03-28", "2026-03-28T02:30:00+01:00"),
        ("2026-03-29T02:30:00", "2026-03-30T02:30:00+02:00"), // in the gap: the end of the gap
    ])
    func from(_ from: String, _ expected: String) throws {
        #expect(try CronNextReport.lines(expression: "30 2 * * *", from: from, zone: "Europe/Berlin", count: 1, now: now)
            == [expected])
    }

    @Test("bad input names the option", arguments: [
        ("0 24 * * *", nil, nil, nil, "EXPR", "hour: 24 is out of range 0-23"),
        ("0 0 30 2 *", nil, nil, nil, "EXPR", "never fires"),
        ("0 0 * * *", "yesterday", nil, nil, "--from", "yesterday"),
        ("0 0 * * *", "2026-02-30T00:00:00Z", nil, nil, "--from", "2026-02-30"),
        ("0 0 * * *", "2026-01-01T24:00:00Z", nil, nil, "--from", "24:00"),
        ("0 0 * * *", nil, "Mars/Base", nil, "--tz", "Mars/Base"),
        ("0 0 * * *", nil, nil, 0, "--count", "0"),
        ("0 0 * * *", nil, nil, 10_001, "--count", "10001"),
    ] as [(String, String?, String?, Int?, String, String)])
    func badInput(_ expression: String, _ from: String?, _ zone: String?, _ count: Int?, _ option: String,
                  _ fragment: String) {
        do {
            _ = try CronNextReport.lines(expression: expression, from: from, zone: zone, count: count, now: now)
            Issue.record("no error")
        } catch {
            #expect(error.option == option)
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test("10,000 times in a DST zone") func many() throws {
        let lines = try CronNextReport.lines(expression: "*/5 * * * *", from: "2026-03-29T00:00:00Z",
                                             zone: "Europe/Berlin", count: 10_000, now: now)
        #expect(lines.count == 10_000)
        #expect(lines[10] == "2026-03-29T01:55:00+01:00")
        #expect(lines[11] == "2026-03-29T03:00:00+02:00")
    }
}
