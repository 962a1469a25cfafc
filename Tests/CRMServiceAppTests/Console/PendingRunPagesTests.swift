import AdminHTTP
import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing

/// The jobs page's pending one-off runs and console imports in the run log (§7, §8), over HTTP on a real database.
@Suite("§8 console: pending runs and import runs on the jobs page") struct PendingRunPagesTests {
    static let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!

    /// Users boss (right scheduler) and clerk (none).
    func world() throws -> DashboardConsoleWorld { try DashboardConsoleWorld(now: Self.now) }

    @Test("§7 GET /jobs lists pending runs with a cancel button for the right scheduler; POST /jobs/pending/ID/cancel removes one, audited")
    func pendingListedAndCancelled() async throws {
        let world = try world()
        let audit = AuditLogEntry(at: Self.now, actor: "boss", origin: .cli, action: "job-run-at", target: "", detail: "")
        let id = try world.database.addPendingRun(job: "rating", at: Self.now.addingTimeInterval(3600), audit: audit)
        let clerk = try world.session("clerk"), boss = try world.session("boss")
        try await world.withServer { client in
            let page = try await client.get("/jobs", as: boss)
            #expect(page.body.contains(#"<tr data-pending-run="\#(id)"><td>\#(id)</td><td>rating</td><td>2026-11-20T13:00:00Z</td><td>boss</td>"#))
            #expect(page.body.contains(#"action="/jobs/pending/\#(id)/cancel""#))
            #expect(!(try await client.get("/jobs", as: clerk)).body.contains(#"action="/jobs/pending/\#(id)/cancel""#))
            #expect(try await client.post("/jobs/pending/\(id)/cancel", as: clerk).status == 403)
            #expect(try world.database.pendingRuns().count == 1)
            let done = try await client.post("/jobs/pending/\(id)/cancel", as: boss)
            #expect(done.status == 303 && done.header("location") == "/jobs?done=cancel&pending=\(id)")
            #expect(try world.database.pendingRuns().isEmpty)
            let again = try await client.post("/jobs/pending/\(id)/cancel", as: boss)
            #expect(again.header("location") == "/jobs?refused=unknown-pending")
        }
        let cancels = try world.database.auditEntries().filter { $0.action == "job-cancel" }
        #expect(cancels.map { "\($0.actor) \($0.origin) \($0.target)" } == ["boss console pending-run \(id)"])
    }

    @Test("§7 a console import is a run of the job import on the jobs page, with its counts")
    func consoleImportIsARun() async throws {
        let world = try world()
        let imports = ConsoleImports(database: world.database, audit: world.database)
        _ = try imports.importCSV(kind: "accounts", csv: Array(ImportTemplate(.accounts).text.utf8), actor: "boss", at: Self.now)
        let run = try #require(try world.database.jobRuns().last)
        #expect(run.job == "import" && run.state == .completed)
        #expect(run.imported == ImportRunCounts(created: 1, updated: 0, unchanged: 0, rejected: 0))
        let boss = try world.session("boss")
        try await world.withServer { client in
            let page = try await client.get("/jobs?day=2026-11-20", as: boss)
            #expect(page.body.contains(#"<tr data-run="\#(run.id)"><td>\#(run.id)</td><td>import</td><td>completed</td>"#))
            #expect(page.body.contains("1 created, 0 updated, 0 unchanged, 0 rejected<br>accounts from accounts.csv"))
        }
    }
}
