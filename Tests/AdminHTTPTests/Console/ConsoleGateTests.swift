import AdminHTTP
import CRMCore
import Foundation
import Store
import Testing

/// The console's gate over real HTTP and a real SQLite store (§8): sessions, CSRF, lockout, idle expiry, cookies.
@Suite("Console gate (§8)")
struct ConsoleGateTests {
    @Test("§8 no valid session: a GET is redirected (303) to /login keeping the local path, anything else gets 401")
    func noSession() async throws {
        let harness = try ConsoleHarness()
        try await harness.withServer { client in
            let get = try await client.get("/review?reason=no_match&page=2")
            #expect(get.status == 303)
            #expect(get.header("Location") == "/login?next=/review%3Freason%3Dno_match%26page%3D2")
            let unknown = try await client.get("/nothing")
            #expect(unknown.status == 303)
            #expect(try await client.post("/review/dismiss", [("ids", "1"), ("why", "spam")]).status == 401)
            // A made-up token is no session either.
            client.setCookie("crm_session", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            #expect(try await client.get("/").status == 303)
            #expect(try await client.post("/logout", []).status == 401)
        }
    }

    @Test("§8 login: a session cookie HttpOnly, SameSite=Strict, Path=/ (no Secure over plain HTTP); the page greets")
    func logIn() async throws {
        let harness = try ConsoleHarness()
        try await harness.withServer { client in
            let form = try await client.get("/login?next=/jobs")
            #expect(form.status == 200)
            let loginCookie = try #require(form.setCookies.first { $0.hasPrefix("crm_login=") })
            #expect(loginCookie.contains("HttpOnly") && loginCookie.contains("SameSite=Strict"))
            let reply = try await client.logIn("anna", ConsoleHarness.annaPassword, next: "/jobs")
            #expect(reply.status == 303)
            #expect(reply.header("Location") == "/jobs")
            let cookie = try #require(reply.setCookies.first { $0.hasPrefix("crm_session=") })
            let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(attributes.isSuperset(of: ["HttpOnly", "SameSite=Strict", "Path=/"]))
            #expect(!attributes.contains("Secure"))
            // Only the hash of the token is stored.
            let token = try #require(client.cookie("crm_session"))
            #expect(token.count == 43)
            #expect(try harness.database.session(tokenHash: token) == nil)
            #expect(try harness.database.session(tokenHash: SHA256.hexDigest(Array(token.utf8)))?.user == UserID("anna"))
            let page = try await client.get("/")
            #expect(page.status == 200)
            #expect(page.body.contains("Anna Berg"))
            #expect(page.body.contains(#"action="/logout""#))
        }
    }

    @Test("§8 a new session on each login: the session held before logging in again ends (no fixation)")
    func newSessionEachLogin() async throws {
        let harness = try ConsoleHarness()
        try await harness.withServer { client in
            try await client.logIn("anna", ConsoleHarness.annaPassword)
            let first = try #require(client.cookie("crm_session"))
            // A browser holding a session (planted or its own) that logs in again: the form, then the POST with it.
            client.setCookie("crm_session", nil)
            let token = try #require(ConsoleClient.hiddenField("csrf", in: try await client.get("/login").body))
            client.setCookie("crm_session", first)
            let again = try await client.post(
                "/login", [("user", "anna"), ("password", ConsoleHarness.annaPassword), ("csrf", token)])
            #expect(again.status == 303)
            let second = try #require(client.cookie("crm_session"))
            #expect(first != second)
            client.setCookie("crm_session", first)
            #expect(try await client.get("/").status == 303)
            client.setCookie("crm_session", second)
            #expect(try await client.get("/").status == 200)
        }
    }

    @Test("§8 a POST without the session's csrf, or with a wrong one, gets 403 and nothing changes")
    func csrf() async throws {
        let harness = try ConsoleHarness()
        try await harness.withServer { client in
            try await client.logIn("anna", ConsoleHarness.annaPassword)
            let token = try #require(try await client.csrf())
            #expect(try await client.post("/logout", []).status == 403)
            #expect(try await client.post("/logout", [("csrf", "x" + token.dropFirst())]).status == 403)
            #expect(try await client.post("/logout", [("csrf", "")]).status == 403)
            // The session is still there: the refused logouts changed nothing.
            #expect(try await client.get("/").status == 200)
            #expect(try await client.post("/logout", [("csrf", token)]).status == 303)
            #expect(try await client.get("/").status == 303)
        }
    }

    @Test("§8 POST /login needs the login form's token (double submit): without it 403, no attempt recorded")
    func loginCSRF() async throws {
        let harness = try ConsoleHarness()
        try await harness.withServer { client in
            _ = try await client.get("/login")
            let refused = try await client.post("/login", [("user", "anna"), ("password", ConsoleHarness.annaPassword)])
            #expect(refused.status == 403)
            let wrong = try await client.post(
                "/login", [("user", "anna"), ("password", ConsoleHarness.annaPassword), ("csrf", "forged")])
            #expect(wrong.status == 403)
            #expect(client.cookie("crm_session") == nil)
            #expect(try harness.database.auditEntries().filter { $0.action.contains("login") }.isEmpty)
        }
    }

    @Test("§8 five wrong passwords in 15 minutes lock the login; the right one then gets the same refusal")
    func lockout() async throws {
        let harness = try ConsoleHarness()
        try await harness.withServer { client in
            var refusals: [String] = []
            for _ in 0..<5 {
                let reply = try await client.logIn("anna", "not the password")
                #expect(reply.status == 200)
                refusals.append(reply.body)
                harness.advance(60)
            }
            let right = try await client.logIn("anna", ConsoleHarness.annaPassword)
            #expect(right.status == 200)
            #expect(right.body == refusals[0])
            #expect(client.cookie("crm_session") == nil)
            // An unknown user and a user without password read the same.
            let unknown = try await client.logIn("nobody", "whatever it is")
            #expect(unknown.body.replacingOccurrences(of: #"value="nobody""#, with: #"value="anna""#) == refusals[0])
            harness.advance(15 * 60)
            #expect(try await client.logIn("anna", ConsoleHarness.annaPassword).status == 303)
        }
    }

    @Test("§8 sessions are in the database: one survives a restart of the server on the same database")
    func survivesRestart() async throws {
        let harness = try ConsoleHarness()
        let token = try await harness.withServer { client in
            try await client.logIn("anna", ConsoleHarness.annaPassword)
            return try #require(client.cookie("crm_session"))
        }
        try await harness.withServer(reopen: true) { client in
            client.setCookie("crm_session", token)
            let page = try await client.get("/")
            #expect(page.status == 200)
            #expect(page.body.contains("Anna Berg"))
        }
    }

    @Test("§8 sessions expire after 8 hours idle; a request touches the session")
    func idleExpiry() async throws {
        let harness = try ConsoleHarness()
        try await harness.withServer { client in
            try await client.logIn("anna", ConsoleHarness.annaPassword)
            let token = try #require(client.cookie("crm_session"))
            harness.advance(7 * 3600)
            #expect(try await client.get("/").status == 200)
            harness.advance(7 * 3600)
            #expect(try await client.get("/").status == 200)
            harness.advance(8 * 3600 + 1)
            #expect(try await client.get("/").status == 303)
            #expect(try harness.database.session(tokenHash: SHA256.hexDigest(Array(token.utf8))) == nil)
        }
    }

    @Test("§8 security headers on every answer: CSP without inline script or style, nosniff, DENY, no-store")
    func securityHeaders() async throws {
        let harness = try ConsoleHarness()
        try await harness.withServer { client in
            var replies = [try await client.get("/login"), try await client.get("/"), try await client.get("/healthz")]
            try await client.logIn("anna", ConsoleHarness.annaPassword)
            replies += [try await client.get("/"), try await client.get("/nothing"), try await client.post("/logout", [])]
            for reply in replies {
                let csp = try #require(reply.header("Content-Security-Policy"))
                #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"))
                #expect(csp.contains("default-src 'none'") && csp.contains("script-src 'self'")
                    && csp.contains("frame-ancestors 'none'"))
                #expect(reply.header("X-Content-Type-Options") == "nosniff")
                #expect(reply.header("X-Frame-Options") == "DENY")
                #expect(reply.header("Referrer-Policy") == "no-referrer")
                #expect(reply.header("Cache-Control") == "no-store")
            }
            #expect(replies[4].status == 404)
            #expect(try await client.get("/static/console.css").header("Content-Type")?.hasPrefix("text/css") == true)
        }
    }

    @Test("§8 what a user typed is shown as text; `next` only leads to a local path")
    func escapingAndNext() async throws {
        let harness = try ConsoleHarness()
        try await harness.withServer { client in
            let refused = try await client.logIn("<script>alert(1)</script>", "whatever it is")
            #expect(!refused.body.contains("<script>alert"))
            #expect(refused.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            for hostile in ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"] {
                client.setCookie("crm_session", nil)
                let reply = try await client.logIn("anna", ConsoleHarness.annaPassword, next: hostile)
                #expect(reply.header("Location") == "/", "next=\(hostile)")
            }
            // Bob's name holds markup: the layout escapes it.
            client.setCookie("crm_session", nil)
            try await client.logIn("bob", ConsoleHarness.bobPassword)
            #expect(try await client.get("/").body.contains("Bob &lt;Stein&gt;"))
        }
    }
}
