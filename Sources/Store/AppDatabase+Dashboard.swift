import CRMCore
import Foundation

extension AppDatabase: DashboardSource {
    public func capturedPerDay(from first: Day, through last: Day) throws -> [DailyOutcomeCount] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT day, outcome, count FROM daily_outcomes WHERE day >= ? AND day <= ? AND count > 0
                ORDER BY day, outcome
                """, arguments: [first.rawValue, last.rawValue]).compactMap { row in
                guard let day = Day(rawValue: row[0]), let outcome = PolledOutcome(rawValue: row[1]) else {
                    throw CorruptValue(table: "daily_outcomes", column: "day")
                }
                return DailyOutcomeCount(day: day, outcome: outcome, count: row[2])
            }
        }
    }

    public func openEntriesByReason() throws -> [String: Int] {
        try writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT reason, count(*) FROM unmatched WHERE status = 'open' GROUP BY reason") {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }
}
