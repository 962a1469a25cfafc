import AdminHTTP
import Capture
import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing

/// The dashboard, jobs and account pages over HTTP (§8), on a real database.
@Suite("§8 console: dashboard, jobs, accounts") struct DashboardPagesTests {
    static let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!

    /// An address book with one account A (contact kim@a.example) and user una@example.com.
    func world() throws -> DashboardConsoleWorld {
        let world = try DashboardConsoleWorld(now: Self.now)
        let importer = ReferenceImporter(database: world.database)
        _ = try importer.importFile(.accounts, path: try world.file("a.csv", "id,name,type,status,parent_id,currency\nA,Alpha <&>,Customer,Active,,EUR\nB,Beta,Customer,Active,A,EUR\n"))
        _ = try importer.importFile(.users, path: try world.file("u.csv", "id,name,email\nboss,Boss,una@example.com\nclerk,Clerk,clerk@example.com\n"))
        _ = try importer.importFile(.contacts, path: try world.file("c.csv", "id,account_id,name,email\nk,B,Kim,kim@a.example\n"))
        return world
    }

    func capture(_ world: DashboardConsoleWorld, _ mails: [(String, Date)]) throws {
        let policy = CapturePolicy(neverCaptureDomains: ["secret.example"])
        let pipeline = CapturePipeline(book: try world.database.addressBook(policy: policy))
        _ = try world.database.inCaptureTransaction { tx in
            try mails.enumerated().map { n, mail in
                try pipeline.capture(RawMessage(bytes: Array(mail.0.utf8), source: MessageSource(mailbox: "m", ref: "\(n)")),
                                     in: tx, at: mail.1)
            }
        }
    }

    static func mail(_ id: String, from: String, subject: String = "s") -> String {
        "Message-ID: <\(id)@t>\r\nFrom: \(from)\r\nTo: una@example.com\r\nDate: Thu, 19 Nov 2026 10:00:00 +0000\r\nSubject: \(subject)\r\n\r\nb\r\n"
    }

    @Test("§8 the dashboard draws messages captured per day stacked by outcome, with the counts of each day's bar")
    func dashboardChart() async throws {
        let world = try world()
        let yesterday = Self.now.addingTimeInterval(-86_400), old = Self.now.addingTimeInterval(-86_400 * 40)
        try capture(world, [
            (Self.mail("a1", from: "kim@a.example"), yesterday),       // activity
            (Self.mail("u1", from: "who@nowhere.example"), yesterday), // unmatched
            (Self.mail("u1", from: "who@nowhere.example"), yesterday), // duplicate
            (Self.mail("x1", from: "spy@secret.example"), yesterday),  // ignored
            (Self.mail("u2", from: "who@nowhere.example"), Self.now),
            (Self.mail("u3", from: "who@nowhere.example"), Self.now),
            (Self.mail("u4", from: "who@nowhere.example"), old),        // outside the 30 days
        ])
        let boss = try world.session("boss")
        let page = try await world.withServer { try await $0.get("/", as: boss) }
        #expect(page.status == 200)
        let body = page.body
        #expect(body.contains(#"<g class="bar" data-day="2026-11-19" data-total="4">"#))
        for outcome in ["activity", "unmatched", "ignored", "duplicate"] {
            #expect(body.contains(#"data-outcome="\#(outcome)" data-count="1"><title>2026-11-19 \#(outcome): 1</title>"#))
        }
        #expect(body.contains(#"<g class="bar" data-day="2026-11-20" data-total="2">"#))
        #expect(body.contains(#"data-outcome="unmatched" data-count="2"><title>2026-11-20 unmatched: 2</title>"#))
        #expect(body.contains(#"<g class="bar" data-day="2026-10-22" data-total="0">"#)) // the first of 30 days
        #expect(!body.contains("2026-10-11")) // 40 days ago: outside the chart
        // The highest bar (4) is the full plot height: its four segments of 40 px each.
        #expect(body.components(separatedBy: #"height="40" fill="#).count - 1 == 4)
        // The open queue by reason (u1 and u2, u3, u4) and the scheduler's state.
        #expect(body.contains(#"<tr data-reason="unknown_sender"><td><a href="/review?reason=unknown_sender">unknown_sender</a></td><td>4</td></tr>"#))
        #expect(body.contains(#"data-scheduler-mode="running""#))
        #expect(body.contains("2026-11-21T02:00:00Z")) // rating's next run
        #expect(!body.contains("<script>") && !body.contains("style="))
    }

    @Test("§8 POST /jobs/standby without the right scheduler is 403 and the mode stays; with it the scheduler is in standby, audited")
    func standbyNeedsTheRight() async throws {
        let world = try world()
        let clerk = try world.session("clerk"), boss = try world.session("boss")
        try await world.withServer { client in
            let refused = try await client.post("/jobs/standby", as: clerk)
            #expect(refused.status == 403)
            #expect(try world.database.schedulerMode() == .running)
            let done = try await client.post("/jobs/standby", as: boss)
            #expect(done.status == 303 && done.header("location") == "/jobs?done=standby")
            #expect(try world.database.schedulerMode() == .standby)
            let page = try await client.get("/jobs?done=standby", as: boss)
            #expect(page.body.contains(#"data-scheduler-mode="standby""#))
            #expect(page.body.contains(#"action="/jobs/running""#))
            // The clerk sees the page but no button.
            #expect(!(try await client.get("/jobs", as: clerk)).body.contains(#"action="/jobs/running""#))
        }
        let audit = try world.database.auditEntries().filter { $0.action.hasPrefix("jobs") }
        #expect(audit.map { "\($0.actor) \($0.origin) \($0.action)" } == ["boss console jobs standby"])
    }

    @Test("§8 POST /jobs/runs/RUNID/stop records the stop request of a running run (right scheduler); the day's runs are listed")
    func stopRun() async throws {
        let world = try world()
        let run = try world.database.startRun(job: "rating", at: Self.now.addingTimeInterval(-60))
        let done = try world.database.startRun(job: "log-truncate", at: Self.now.addingTimeInterval(-120))
        try world.database.finishRun(done, state: .completed, at: Self.now.addingTimeInterval(-100), examined: 3,
                                     changed: 2, messages: ["deleted <2> runs"])
        let clerk = try world.session("clerk"), boss = try world.session("boss")
        try await world.withServer { client in
            let page = try await client.get("/jobs?day=2026-11-20", as: boss)
            #expect(page.body.contains(#"<tr data-run="\#(run)">"#) && page.body.contains(#"action="/jobs/runs/\#(run)/stop""#))
            #expect(page.body.contains("deleted &lt;2&gt; runs"))
            #expect(!page.body.contains(#"action="/jobs/runs/\#(done)/stop""#))
            #expect(try await client.post("/jobs/runs/\(run)/stop", as: clerk).status == 403)
            #expect(try world.database.isStopRequested(run) == false)
            let stopped = try await client.post("/jobs/runs/\(run)/stop", as: boss)
            #expect(stopped.status == 303 && stopped.header("location") == "/jobs?done=stop&run=\(run)")
            #expect(try world.database.isStopRequested(run))
            let again = try await client.post("/jobs/runs/\(done)/stop", as: boss)
            #expect(again.header("location") == "/jobs?refused=not-running")
            // Run now with no scheduler in this process: refused, nothing started.
            let now = try await client.post("/jobs/rating/run", as: boss)
            #expect(now.header("location") == "/jobs?refused=no-scheduler")
            #expect(try world.database.jobRuns().count == 2)
            #expect(try await client.get("/jobs?day=2025-01-01", as: boss).body.contains("No run started on this day."))
        }
    }

    @Test("§8 GET /accounts/ID shows the account, its subsidiary's mail, its rating rules; escaped; 404 for none")
    func accountPage() async throws {
        let world = try world()
        try capture(world, [(Self.mail("a1", from: "kim@a.example", subject: "<script>alert(1)</script> Order:9"), Self.now)])
        let boss = try world.session("boss")
        try await world.withServer { client in
            let page = try await client.get("/accounts/A", as: boss)
            #expect(page.status == 200)
            #expect(page.body.contains("Alpha &lt;&amp;&gt;"))
            #expect(page.body.contains(#"<div class="subsidiary" data-depth="1">1: <a href="/accounts/B">Beta</a> (B)</div>"#))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.body.contains("<script>alert"))
            #expect(page.body.contains("<td>Kim<br></td><td>Boss<br></td>"))
            #expect(page.body.contains("<tr><th>Parent</th><td>–</td></tr>"))
            let child = try await client.get("/accounts/B", as: boss).body
            #expect(child.contains("data-activity-id") && child.contains(#"<a href="/accounts/A">Alpha &lt;&amp;&gt;</a> (A)"#))
            #expect(try await client.get("/accounts/nope", as: boss).status == 404)
            let list = try await client.get("/accounts?q=alp", as: boss)
            #expect(list.body.contains(#"data-account-id="A""#) && !list.body.contains(#"data-account-id="B""#))
        }
    }

    @Test("§8 §9 GET /accounts/ID shows an appointment with the account's contact among the mail, escaped")
    func accountPageAppointment() async throws {
        let world = try world()
        try capture(world, [(Self.mail("a1", from: "kim@a.example", subject: "Hello"), Self.now)])
        _ = try world.database.addAppointment(AppointmentDraft(
            owner: UserID("boss"), title: "Visit <b>Alpha</b>",
            start: AppointmentTime(CivilTime(year: 2030, month: 1, day: 2, hour: 9), .utc),
            end: AppointmentTime(CivilTime(year: 2030, month: 1, day: 2, hour: 10), .utc),
            location: "Plant 2", attendees: [EmailAddress("kim@a.example")!]), at: Self.now)
        let boss = try world.session("boss")
        try await world.withServer { client in
            let body = try await client.get("/accounts/A", as: boss).body
            let appointment = try #require(body.range(of: "data-appointment-id="))
            let activity = try #require(body.range(of: "data-activity-id="))
            #expect(appointment.lowerBound < activity.lowerBound, "the later appointment first")
            #expect(body.contains("<td>Visit &lt;b&gt;Alpha&lt;/b&gt; (Plant 2)</td>") && body.contains("2030-01-02T09:00:00Z"))
            #expect(body.contains("<td>Kim<br></td><td>Boss<br></td><td></td></tr>"))
        }
    }
}
