import AdminHTTP
import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing

/// §8 "by person" in the console: `GET /review/people` and `POST /review/reject` over a real database with a
/// replayed message and the real candidate ranking.
@Suite("§8 console: the review queue by person")
struct PeopleConsoleTests {
    /// The harness's database with Globex's contacts and one unknown sender named like Gina Globex; anna may review.
    static func harness() throws -> ConsoleHarness {
        let harness = try ConsoleHarness()
        let importer = ReferenceImporter(database: harness.database)
        _ = try importer.importBytes(.accounts, Array("id,name,type,status,parent_id,currency\nA2,Globex,Customer,Active,,EUR\n".utf8),
                                     file: "accounts.csv")
        _ = try importer.importBytes(.contacts, Array("id,account_id,name,email\nc3,A2,Greg Globex,greg@globex.example\nc4,A2,Gina Globex,gina@globex.example\n".utf8),
                                     file: "contacts.csv")
        _ = try importer.importBytes(.users, Array("id,name,email\nanna,Anna Berg,anna@company.example\nbob,Bob,bob@company.example\n".utf8),
                                     file: "users.csv")
        let mail = harness.directory.appendingPathComponent("quote.eml")
        try Data("Message-ID: <q@home.example>\r\nDate: 1 Oct 2026 10:00:00 +0000\r\nFrom: Gina Globex <gina@home.example>\r\nTo: anna@company.example\r\nSubject: <script>Quote</script>\r\n\r\nhi\r\n".utf8)
            .write(to: mail)
        _ = try ReplayService(database: harness.database).replay([mail.path], mailbox: "corporate")
        try harness.database.grant([.review], to: UserID("anna"), actor: "test", at: harness.now)
        return harness
    }

    static func withServer(_ harness: ConsoleHarness, _ body: (ConsoleClient) async throws -> Void) async throws {
        var services = try harness.services()
        services.candidates = ReviewCandidateService(database: harness.database)
        // The review pages too: `/review/people` must win over their `/review/:id`.
        services.review = ConsoleReviewQueue(database: harness.database)
        try await LiveAdminServer.with(harness.state, console: services) { server in
            try await body(ConsoleClient(port: server.port))
        }
    }

    @Test("§8 by person: one row per address with its count, newest subject (as text), best candidate and reason, and a link to its entries")
    func page() async throws {
        let harness = try Self.harness()
        try await Self.withServer(harness) { client in
            try await client.logIn("bob", ConsoleHarness.bobPassword)
            let page = try await client.get("/review/people")
            #expect(page.status == 200)
            #expect(page.body.contains(#"data-unknown-address="gina@home.example""#))
            #expect(page.body.contains(#"data-candidate-contact="c4""#))
            #expect(page.body.contains("same name as the sender&#39;s display name")
                    || page.body.contains("same name as the sender&#x27;s display name"), "\(page.body)")
            #expect(page.body.contains(#"href="/review?q=gina%40home.example""#))
            #expect(page.body.contains("&lt;script&gt;Quote&lt;/script&gt;") && !page.body.contains("<script>Quote"))
            // bob may read but not act: no reject button.
            #expect(!page.body.contains(#"action="/review/reject""#))
        }
    }

    @Test("§8 POST /review/reject: needs the right review (403, nothing changed); with it the suggestion is gone for that address")
    func reject() async throws {
        let harness = try Self.harness()
        let gina = EmailAddress("gina@home.example")!
        try await Self.withServer(harness) { client in
            try await client.logIn("bob", ConsoleHarness.bobPassword)
            let bobToken = try #require(try await client.csrf())
            let refused = try await client.post("/review/reject", [("address", gina.value), ("contact", "c4"), ("csrf", bobToken)])
            #expect(refused.status == 403)
            #expect(try harness.database.rejectedSuggestions(of: [gina]).isEmpty)
        }
        try await Self.withServer(harness) { client in
            try await client.logIn("anna", ConsoleHarness.annaPassword)
            let page = try await client.get("/review/people")
            #expect(page.body.contains(#"action="/review/reject""#))
            let token = try #require(ConsoleClient.hiddenField("csrf", in: page.body))
            let done = try await client.post("/review/reject", [("address", gina.value), ("contact", "c4"), ("csrf", token),
                                                                ("next", "/review/people")])
            #expect(done.status == 303)
            #expect(try harness.database.rejectedSuggestions(of: [gina]) == [gina: [ContactID("c4")]])
            let audit = try #require(try harness.database.auditEntries().last)
            #expect(audit.actor == "anna" && audit.origin == .console && audit.action == "reject-suggestion")
            #expect(!(try await client.get("/review/people")).body.contains(#"data-candidate-contact="c4""#))
            let bad = try await client.post("/review/reject", [("address", "nobody"), ("contact", "c4"), ("csrf", token)])
            #expect(bad.status == 400)
        }
    }
}
