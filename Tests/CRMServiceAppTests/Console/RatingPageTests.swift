import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing

/// The rating page over HTTP (§6, §8 Rating rules), against a live server and a real SQLite database.
@Suite("§6 Rating rules page") struct RatingPageTests {
    let world: ConsolePagesWorld
    init() throws {
        world = try ConsolePagesWorld()
        try world.w.load(.ratingRules, "account_type,rating,amount_from,amount_to,currency\nCustomer,2,100,200,EUR\nCustomer,1,150,300,EUR\n")
    }

    @Test("§6 the page shows the rules and the overlap with its suggested repair")
    func thePageShowsTheOverlap() async throws {
        let page = try await world.withServer { client in try await client("reader").get("/rating/rules") }
        #expect(page.status == 200)
        #expect(page.body.contains(#"data-account-type="Customer""#))
        #expect(page.body.contains(#"data-finding="overlap""#) && page.body.contains("suggest 201–300"))
    }

    @Test("§8 repair=1 without the right rating-rules is 403 and the rules stay as they were")
    func repairWithoutTheRightIsRefused() async throws {
        let reply = try await world.withServer { client in
            try await client("runner").post("/rating/validate", [("csrf", ConsolePagesWorld.csrf("runner")), ("repair", "1")])
        }
        #expect(reply.status == 403)
        #expect(try world.database.allRules().map(\.amountFrom).sorted() == [100, 150])
    }

    @Test("§6 repair=1 with the right rating-rules repairs the overlap, audited with the actor")
    func repairWithTheRight() async throws {
        let reply = try await world.withServer { client in
            try await client("rules").post("/rating/validate", [("csrf", ConsolePagesWorld.csrf("rules")), ("repair", "1")])
        }
        #expect(reply.status == 200)
        #expect(reply.body.contains("1 overlap(s) repaired"))
        #expect(reply.body.contains("The rules are clean"))
        #expect(try world.database.allRules().map(\.amountFrom).sorted() == [100, 201])
        let entry = try #require(try world.database.auditEntries().last)
        #expect(entry.actor == "rules" && entry.action == "rating-repair")
    }

    @Test("§6 a rating run from the page writes a run in the log and shows it; without rating-run 403")
    func aRunFromThePage() async throws {
        try world.w.load(.accounts, accountsCSV([("A", "Customer", "Active", "")]))
        try world.w.load(.contracts, contractsCSV([("C1", "A", "120", "0", "EUR")]))
        let (refused, ran) = try await world.withServer { client in
            (try await client("rules").post("/rating/run", [("csrf", ConsolePagesWorld.csrf("rules"))]),
             try await client("runner").post("/rating/run", [("csrf", ConsolePagesWorld.csrf("runner"))]))
        }
        #expect(refused.status == 403)
        #expect(ran.status == 200)
        let runs = try world.database.latestRuns(of: "rating", limit: 5)
        #expect(runs.count == 1 && runs.first?.state == .completed)
        let id = try #require(runs.first?.id)
        #expect(ran.body.contains(#"class="rating-last-run" data-job-run="\#(id)""#))
        #expect(try world.w.rating("A") == 2)
        let entry = try #require(try world.database.auditEntries().last)
        #expect(entry.actor == "runner" && entry.action == "rating-run" && entry.target == "job-run \(id)")
    }

    @Test("§7 run from the page while a rating run is running: 409, nothing started")
    func aRunWhileRunningIsRefused() async throws {
        let running = try world.database.startRun(job: "rating", at: Date())
        let reply = try await world.withServer { client in
            try await client("runner").post("/rating/run", [("csrf", ConsolePagesWorld.csrf("runner"))])
        }
        #expect(reply.status == 409)
        #expect(try world.database.latestRuns(of: "rating", limit: 5).map(\.id) == [running])
    }
}
