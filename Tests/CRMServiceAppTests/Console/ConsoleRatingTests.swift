import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing

/// The console's rating port over the services of `crmservice rating` (§6, §8 Rating rules), on real SQLite.
@Suite("§6 Console rating") struct ConsoleRatingTests {
    let w: RatingWorld
    let rating: ConsoleRating
    let audit: AppDatabase
    init() throws {
        w = try RatingWorld()
        audit = w.database
        rating = ConsoleRating(database: w.database, audit: audit)
        try w.load(.ratingRules, "account_type,rating,amount_from,amount_to,currency\nCustomer,2,100,200,EUR\nCustomer,1,150,300,EUR\n")
    }

    @Test("§6 the rule sheet shows the overlap with its suggested repair (100–200 and 150–300 → 201–300)")
    func theSheetShowsTheOverlap() throws {
        let sheet = try rating.ruleSheet()
        #expect(sheet.groups.map(\.accountType) == [AccountType("Customer")])
        #expect(sheet.groups.first?.rules.map(\.amountFrom) == [100, 150])
        let overlap = try #require(sheet.findings.first { $0.kind == .overlap })
        #expect(overlap.suggested?.amountFrom == 201 && overlap.suggested?.amountTo == 300)
        #expect(overlap.text.contains("suggest 201–300"))
    }

    @Test("§6 the repair applies the suggestion and is audited with the actor")
    func theRepairIsApplied() throws {
        let found = try rating.repairRules(actor: "rita", at: w.now)
        #expect(found.contains { $0.kind == .overlap })
        #expect(try w.database.allRules().map(\.amountFrom).sorted() == [100, 201])
        #expect(try rating.ruleSheet().findings.isEmpty)
        let entry = try #require(try audit.auditEntries().last)
        #expect(entry.actor == "rita" && entry.action == "rating-repair" && entry.target == "rating-rules Customer")
    }

    @Test("§6 a rating run from the console writes a run in the log and is audited")
    func aRunIsLogged() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "120", "0", "EUR")]))
        let run = try rating.runRating(actor: "rita", at: w.now)
        #expect(run.job == "rating" && run.state == .completed && run.changed == 1)
        #expect(try rating.ratingRuns(limit: 5).map(\.id) == [run.id])
        #expect(try w.rating("A") == 2)
        let entry = try #require(try audit.auditEntries().last)
        #expect(entry.actor == "rita" && entry.action == "rating-run" && entry.target == "job-run \(run.id)")
    }

    @Test("§7 the console does not start a rating run while one is running")
    func noSecondRunAtOnce() throws {
        let running = try w.database.startRun(job: "rating", at: w.now)
        #expect(throws: JobAlreadyRunning(job: "rating", running: running)) {
            try rating.runRating(actor: "rita", at: w.now)
        }
        #expect(try w.database.latestRuns(of: "rating", limit: 5).map(\.id) == [running])
    }
}
