import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Store
import Testing

@Suite("§6 Rating rules") struct RatingRulesTests {
    let w: RatingWorld
    init() throws {
        w = try RatingWorld()
        try w.loadStandardRules()
    }

    @Test("§6 the contract value is item_value + service_value") func contractValue() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "600", "400", "EUR")]))
        try w.run()
        #expect(try w.rating("A") == 2)
    }

    @Test("§6 a subsidiary's contracts count at any depth") func anyDepth() throws {
        var rows = [("L0", "Customer", "Active", "")]
        for d in 1...12 { rows.append(("L\(d)", "Customer", "Active", "L\(d - 1)")) }
        try w.load(.accounts, accountsCSV(rows))
        try w.load(.contracts, contractsCSV([("C1", "L12", "20000", "0", "EUR")]))
        try w.run()
        for d in 0...12 { #expect(try w.rating("L\(d)") == 1) }
    }

    @Test("§6 subsidiaries count whatever their type or status") func subsidiariesOfAnyTypeAndStatus() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("S", "Supplier", "Exit", "A"),
                                           ("P", "Prospect", "Active", "S")]))
        try w.load(.contracts, contractsCSV([("C1", "S", "500", "0", "EUR"), ("C2", "P", "500", "0", "EUR")]))
        try w.run()
        #expect(try w.rating("A") == 2)
        #expect(try w.rating("S") == nil)
        #expect(try w.rating("P") == nil)
    }

    @Test("§6 Exit accounts are not rated") func exitNotRated() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Exit", ""), ("B", "Customer", "Active", "A")]))
        try w.load(.contracts, contractsCSV([("C1", "B", "50000", "0", "EUR")]))
        try w.run()
        #expect(try w.rating("A") == nil)
        #expect(try w.rating("B") == 1)
    }

    @Test("§6 only Customer and Reseller accounts are rated", arguments: ["Supplier", "Prospect", "Partner"])
    func nonCustomersNotRated(_ type: String) throws {
        try w.load(.accounts, accountsCSV([("A", type, "Active", ""), ("R", "Reseller", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "50000", "0", "EUR"), ("C2", "R", "5", "0", "EUR")]))
        try w.run()
        #expect(try w.rating("A") == nil)
        #expect(try w.rating("R") == 3)
    }

    @Test("§6 an account without contracts in its tree is not rated") func noContracts() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("B", "Customer", "Active", "A")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "0", "0", "EUR")]))
        try w.run()
        #expect(try w.rating("A") == 3) // one contract worth 0 counts
        #expect(try w.rating("B") == nil)
    }

    @Test("§6 no rule covering the total means no rating") func noRule() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("B", "Customer", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "-10", "0", "EUR"), ("C2", "B", "1000000000", "0", "EUR")]))
        try w.run()
        #expect(try w.rating("A") == nil)
        #expect(try w.rating("B") == nil)
    }

    @Test("§6 totals are rounded half up to whole units before the lookup") func halfUp() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("B", "Customer", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "999.25", "0.25", "EUR"), ("C2", "B", "999.2", "0.29", "EUR")]))
        try w.run()
        #expect(try w.rating("A") == 2) // 999.50 → 1000
        #expect(try w.rating("B") == 3) // 999.49 → 999
    }

    @Test("§6 sums are exact decimals") func exactSums() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "")]))
        // 10 000 × 0.1 + 999.4 is 1999.4 (→ 1999) exactly; in binary floating point it drifts.
        let rows = (0..<1000).map { ("C\($0)", "A", "0.1", "0", "EUR") } + [("X", "A", "899.45", "0.05", "EUR")]
        try w.load(.contracts, contractsCSV(rows))
        try w.run()
        #expect(try w.rating("A") == 2)
    }

    @Test("§6 contracts in another currency use the newest rate valid on the day of the run") func conversion() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "1000", "0", "USD"), ("C2", "A", "100", "0", "EUR")]))
        try w.load(.exchangeRates, """
            from_currency,to_currency,rate,valid_from
            USD,EUR,20,2020-01-01
            USD,EUR,0.5,2026-06-01
            USD,EUR,50,2026-06-16
            EUR,USD,100,2026-01-01
            """)
        try w.run()
        #expect(try w.rating("A") == 3) // 1000 × 0.5 + 100 = 600; the rate of tomorrow does not count yet
        w.now = w.now.addingTimeInterval(86_400)
        let outcome = try w.run()
        #expect(try w.rating("A") == 1) // 1000 × 50 + 100
        #expect(outcome.examined == 1)
    }

    @Test("§6 an account with a contract that cannot be converted is not rated and named in the run log")
    func notConvertible() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("B", "Customer", "Active", "A")]))
        try w.load(.contracts, contractsCSV([("C1", "B", "10", "0", "JPY"), ("C2", "A", "100", "0", "EUR")]))
        // Only the inverse pair exists, and only from a later day.
        try w.load(.exchangeRates, "from_currency,to_currency,rate,valid_from\nEUR,JPY,160,2020-01-01\nJPY,EUR,0.006,2027-01-01\n")
        try w.run()
        #expect(try w.rating("A") == nil)
        #expect(try w.rating("B") == nil)
        let messages = try #require(try w.database.jobRuns().last).messages
        #expect(messages.contains("account A not rated: no exchange rate JPY -> EUR valid on 2026-06-15"))
        #expect(messages.contains("account B not rated: no exchange rate JPY -> EUR valid on 2026-06-15"))
    }

    @Test("§6 a cycle is reported and skipped, never looped on") func cycle() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "C"), ("B", "Customer", "Active", "A"),
                                           ("C", "Customer", "Active", "B"), ("D", "Customer", "Active", "A"),
                                           ("S", "Customer", "Active", "S"), ("E", "Customer", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "D", "5000", "0", "EUR"), ("C2", "A", "1", "0", "EUR"),
                                             ("C3", "E", "1", "0", "EUR")]))
        let outcome = try w.run()
        let ratings = try w.ratings().mapValues { $0 ?? 0 } // 0: not rated
        #expect(ratings == ["A": 0, "B": 0, "C": 0, "D": 2, "S": 0, "E": 3])
        let messages = try #require(try w.database.jobRuns().last).messages
        #expect(messages.count == 2)
        #expect(messages.contains { $0.hasPrefix("cycle in parent links:") && $0.contains("A") && $0.contains("B") && $0.contains("C") })
        #expect(messages.contains("cycle in parent links: S -> S; accounts skipped"))
        #expect(outcome.problems.count == 2)
    }

    @Test("§6 an account row is written only when its rating changes") func noNeedlessWrites() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("B", "Customer", "Active", ""),
                                           ("N", "Supplier", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "5", "0", "EUR"), ("C2", "B", "5", "0", "EUR")]))
        var outcome = try w.run()
        #expect(outcome.changed == 2)
        let before = try w.modifiedAt()
        w.now = w.now.addingTimeInterval(3600)
        outcome = try w.run(full: true)
        #expect(outcome.changed == 0)
        #expect(try w.modifiedAt() == before)
        // B's contract changes but its rating stays: its row is not written; A's rating changes: written.
        try w.load(.contracts, contractsCSV([("C1", "A", "5000", "0", "EUR"), ("C2", "B", "6", "0", "EUR")]))
        outcome = try w.run()
        #expect(outcome.changed == 1)
        let after = try w.modifiedAt()
        #expect(after["B"] == before["B"])
        #expect(after["N"] == before["N"])
        #expect(after["A"] != before["A"])
    }

    @Test("§6 every run is recorded in the job-run log") func runLog() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "5", "0", "EUR")]))
        try w.run()
        try w.run()
        let runs = try w.database.jobRuns()
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0.job == "rating" && $0.state == .completed && $0.endedAt != nil })
        #expect(runs[0].examined == 1 && runs[0].changed == 1)
        #expect(runs[1].examined == 0 && runs[1].changed == 0)
    }
}
