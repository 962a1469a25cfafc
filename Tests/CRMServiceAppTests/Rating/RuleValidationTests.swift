import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Store
import Testing

@Suite("§6 Rule validation") struct RuleValidationTests {
    let w: RatingWorld
    init() throws { w = try RatingWorld() }

    func rules() throws -> [String] {
        try w.database.allRules().map { "\($0.accountType) \($0.rating) \($0.amountFrom)-\($0.amountTo)" }.sorted()
    }

    @Test("§6 an overlap is listed with its repair: the later range starts one unit after the earlier ends")
    func overlap() throws {
        try w.load(.ratingRules, "account_type,rating,amount_from,amount_to,currency\nCustomer,2,100,200,EUR\nCustomer,1,150,300,EUR\n")
        let (findings, report) = try RatingService(database: w.database).validate(repair: false)
        #expect(findings.count == 1)
        #expect(report.contains("Customer: 150–300 (rating 1) overlaps 100–200 (rating 2); suggest 201–300"))
        #expect(try rules() == ["Customer 1 150-300", "Customer 2 100-200"]) // not repaired without --repair
    }

    @Test("§6 --repair applies the suggestions") func repair() throws {
        try w.load(.ratingRules, """
            account_type,rating,amount_from,amount_to,currency
            Customer,3,0,120,EUR
            Customer,2,100,200,EUR
            Customer,1,150,300,EUR
            Customer,4,160,170,EUR
            Reseller,1,0,10,EUR
            """)
        let (findings, _) = try RatingService(database: w.database).validate(repair: true)
        #expect(findings.count == 3)
        #expect(try rules() == ["Customer 1 201-300", "Customer 2 121-200", "Customer 3 0-120", "Reseller 1 0-10"])
        #expect(try RatingService(database: w.database).validate(repair: false).findings.isEmpty)
    }

    @Test("§6 gaps between ranges are reported") func gaps() throws {
        try w.load(.ratingRules, "account_type,rating,amount_from,amount_to,currency\nCustomer,2,0,99,EUR\nCustomer,1,200,300,EUR\n")
        let (findings, report) = try RatingService(database: w.database).validate(repair: true)
        #expect(findings == [.gap(.customer, from: 100, to: 199)])
        #expect(report.contains("Customer: no rule covers 100–199"))
        #expect(try rules().count == 2)
    }

    @Test("§6 clean rules give no findings") func clean() throws {
        try w.load(.ratingRules, "account_type,rating,amount_from,amount_to,currency\nCustomer,2,0,99,EUR\nCustomer,1,100,300,EUR\nReseller,1,50,60,EUR\n")
        #expect(try RatingService(database: w.database).validate(repair: false).findings.isEmpty)
    }

    @Test("§6 a repair recomputes the ratings of its account type") func repairRerates() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("R", "Reseller", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "180", "0", "EUR"), ("C2", "R", "1", "0", "EUR")]))
        try w.load(.ratingRules, "account_type,rating,amount_from,amount_to,currency\nCustomer,2,100,200,EUR\nCustomer,1,150,300,EUR\n")
        try w.run()
        // Overlapping rules: the range that starts first wins, as the repair keeps it.
        #expect(try w.rating("A") == 2)
        _ = try RatingService(database: w.database).validate(repair: true)
        let outcome = try w.run()
        #expect(outcome.examined == 1)
        #expect(outcome.changed == 0)
        #expect(try w.rating("A") == 2)
    }
}
