import CRMCore
import Foundation
import Testing
import TestSupport
@testable import Jobs

@Suite("Cron: arbitrary input") struct CronFuzzTests {
    @Test("random text either parses and schedules, or is refused with a field and token — never a trap")
    func randomText() throws {
        var g = SeededGenerator(state: TestSeed.value("cron randomText", default: 7))
        let alphabet = Array("0123456789*/-,0123*/-,JANmonSunFRIdec")
        var parsed = 0, refused = 0
        let berlin = try TimeZoneDatabase().rules(for: "Europe/Berlin")
        for _ in 0..<5_000 {
            let fieldCount = Int.random(in: 0..<10, using: &g) == 0 ? Int.random(in: 0...7, using: &g) : 5
            let valid = RandomCron.expression(&g).split(separator: " ").map(String.init)
            let text = (0..<fieldCount).map { i in
                i < 5 && Int.random(in: 0..<10, using: &g) < 8 ? valid[i]
                    : String((0..<Int.random(in: 1...4, using: &g)).map { _ in alphabet.randomElement(using: &g)! })
            }.joined(separator: " ")
            do {
                let e = try CronExpression(text)
                parsed += 1
                let schedule = CronSchedule(expression: e, zone: berlin)
                let next = schedule.next(after: at("2026-10-24T12:00:00Z"))
                #expect((next != nil) == e.canFire, "\(text)")
                // The normalised text means the same.
                let again = try CronExpression(e.description)
                #expect(again.minutes == e.minutes && again.hours == e.hours && again.daysOfMonth == e.daysOfMonth
                    && again.months == e.months && again.daysOfWeek == e.daysOfWeek
                    && again.dayOfMonthIsStar == e.dayOfMonthIsStar && again.dayOfWeekIsStar == e.dayOfWeekIsStar
                    && again.hourIsWildcard == e.hourIsWildcard, "\(text) → \(e.description)")
            } catch {
                refused += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(refused > 0)
        #expect(parsed > 20, "parsed \(parsed)")
    }

    @Test("random valid expressions round-trip through their normalised text")
    func normalised() throws {
        var g = SeededGenerator(state: TestSeed.value("cron normalised", default: 11))
        for _ in 0..<2_000 {
            let text = RandomCron.expression(&g)
            let e = try CronExpression(text)
            let again = try CronExpression(e.description)
            #expect(again.minutes == e.minutes && again.hours == e.hours && again.daysOfMonth == e.daysOfMonth
                && again.months == e.months && again.daysOfWeek == e.daysOfWeek
                && again.dayOfMonthIsStar == e.dayOfMonthIsStar && again.dayOfWeekIsStar == e.dayOfWeekIsStar
                && again.hourIsWildcard == e.hourIsWildcard, "\(text) → \(e.description)")
        }
    }
}
