import CRMCore
import Foundation
import Hummingbird
import Logging
import Testing
@testable import AdminHTTP

/// Rights in the console (§8): reading needs a login, acting needs the right. The console's real router and
/// middleware with one extra route that acts the way page handlers do (`context.require` first, then the change).
@Suite("Console rights (§8)")
struct ConsoleRightsTests {
    @Test("§8 a missing right gets a 403 page and nothing changes; with the right (or admin) the action happens")
    func missingRight() async throws {
        let harness = try ConsoleHarness()
        try harness.database.grant([.review], to: UserID("anna"), actor: "test", at: harness.now)
        let services = try harness.services()
        let server = try AdminServer(
            address: .init(host: "127.0.0.1", port: 0), password: "scraper password", state: harness.state,
            console: services, logger: Logger(label: "console-rights-test"))
        let router = server.makeRouter()
        router.post("/test/act") { _, context in
            let login = try context.require(.review)
            try services.audit.appendAudit(AuditLogEntry(
                at: services.now(), actor: login.user.rawValue, origin: .console, action: "test-act",
                target: context.form["target"] ?? "", detail: ""))
            return context.redirect(to: "/")
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "console-rights-test")
        logger.logLevel = .warning
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let acted = { try harness.database.auditEntries().filter { $0.action == "test-act" }.map(\.actor) }
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await application.runService() }
            var iterator = ports.makeAsyncIterator()
            let client = ConsoleClient(port: try #require(await iterator.next()))

            try await client.logIn("bob", ConsoleHarness.bobPassword)
            #expect(try await client.get("/").status == 200, "a login without rights reads")
            let bobToken = try #require(try await client.csrf())
            let refused = try await client.post("/test/act", [("target", "1"), ("csrf", bobToken)])
            #expect(refused.status == 403)
            #expect(refused.body.contains("lacks the right “review”"))
            #expect(refused.header("Content-Security-Policy") != nil)
            #expect(try acted().isEmpty)

            client.setCookie("crm_session", nil)
            try await client.logIn("anna", ConsoleHarness.annaPassword)
            let annaToken = try #require(try await client.csrf())
            #expect(try await client.post("/test/act", [("target", "1"), ("csrf", annaToken)]).status == 303)
            #expect(try acted() == ["anna"])

            // admin allows everything.
            try harness.database.grant([.admin], to: UserID("bob"), actor: "test", at: harness.now)
            client.setCookie("crm_session", nil)
            try await client.logIn("bob", ConsoleHarness.bobPassword)
            let token = try #require(try await client.csrf())
            #expect(try await client.post("/test/act", [("target", "2"), ("csrf", token)]).status == 303)
            #expect(try acted() == ["anna", "bob"])
            tasks.cancelAll()
        }
    }
}
