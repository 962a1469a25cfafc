import AdminHTTP
import CRMCore
import Foundation
import Testing

/// The admin HTTP server over real HTTP (issue #4): `/healthz`, `/metrics` and basic authentication.
@Suite("Admin HTTP server")
struct AdminServerTests {
    let noon = Date(timeIntervalSince1970: 1_795_176_000) // 2026-11-20T12:00:00Z

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("/healthz before any poll: 200 ok, every configured mailbox with nulls and 0 failures")
    func healthBeforeAnyPoll() async throws {
        let state = AdminState(mailboxes: ["corporate", "sales"])
        try await LiveAdminServer.with(state) { server in
            let reply = try await server.get("/healthz", user: "admin")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(reply.body == """
                {"leases":{},"mailboxes":{"corporate":{"after_action_error":null,"consecutive_failures":0,"last_error":null,\
                "last_error_kind":null,"last_error_message":null,"last_success":null},"sales":{"after_action_error":null,\
                "consecutive_failures":0,"last_error":null,"last_error_kind":null,"last_error_message":null,\
                "last_success":null}},"status":"ok"}

                """)
        }
    }

    @Test("/healthz after a success: 200 and the time in ISO 8601 UTC")
    func healthAfterSuccess() async throws {
        let state = AdminState(mailboxes: ["corporate"])
        state.pollSucceeded(mailbox: "corporate", at: noon, duration: .milliseconds(300))
        try await LiveAdminServer.with(state) { server in
            let reply = try await server.get("/healthz", user: "admin")
            #expect(reply.status == 200)
            let mailbox = try #require(try json(reply.body)["mailboxes"] as? [String: [String: Any]])["corporate"]
            #expect(mailbox?["last_success"] as? String == "2026-11-20T12:00:00Z")
            #expect(mailbox?["consecutive_failures"] as? Int == 0)
        }
    }

    @Test("/healthz after a failure: 503 degraded with the kind and the message; a later success makes it ok again")
    func healthAfterFailure() async throws {
        let state = AdminState(mailboxes: ["corporate", "sales"])
        state.pollSucceeded(mailbox: "sales", at: noon, duration: .seconds(1))
        state.pollFailed(mailbox: "corporate", at: noon, kind: .auth, message: "LOGIN refused by imap.example.com")
        state.pollFailed(mailbox: "corporate", at: noon.addingTimeInterval(60), kind: .timeout, message: "no answer in 30 s")
        try await LiveAdminServer.with(state) { server in
            let reply = try await server.get("/healthz", user: "admin")
            #expect(reply.status == 503)
            let body = try json(reply.body)
            #expect(body["status"] as? String == "degraded")
            let mailboxes = try #require(body["mailboxes"] as? [String: [String: Any]])
            #expect(mailboxes["corporate"]?["last_error"] as? String == "2026-11-20T12:01:00Z")
            #expect(mailboxes["corporate"]?["last_error_kind"] as? String == "timeout")
            #expect(mailboxes["corporate"]?["last_error_message"] as? String == "no answer in 30 s")
            #expect(mailboxes["corporate"]?["consecutive_failures"] as? Int == 2)
            #expect(mailboxes["sales"]?["last_success"] as? String == "2026-11-20T12:00:00Z")
            // Without credentials: the status only.
            let anonymous = try await server.get("/healthz")
            #expect(anonymous.status == 503)
            #expect(anonymous.body == #"{"status":"degraded"}"# + "\n")

            state.pollSucceeded(mailbox: "corporate", at: noon.addingTimeInterval(120), duration: .seconds(2))
            let recovered = try await server.get("/healthz", user: "admin")
            #expect(recovered.status == 200)
            let corporate = try #require(try json(recovered.body)["mailboxes"] as? [String: [String: Any]])["corporate"]
            #expect(corporate?["consecutive_failures"] as? Int == 0)
            #expect(corporate?["last_error_kind"] as? String == "timeout") // the last error stays visible
        }
    }

    @Test("/metrics: counters by outcome and kind, pre-registered at 0, and the poll duration histogram")
    func metrics() async throws {
        let state = AdminState(mailboxes: ["corporate"])
        state.captured(mailbox: "corporate", outcome: .activity)
        state.captured(mailbox: "corporate", outcome: .activity)
        state.captured(mailbox: "corporate", outcome: .unmatched)
        state.pollSucceeded(mailbox: "corporate", at: noon, duration: .milliseconds(300))
        state.pollFailed(mailbox: "corporate", at: noon, kind: .tls, message: "certificate not trusted")
        try await LiveAdminServer.with(state) { server in
            let reply = try await server.get("/metrics", user: "admin")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let lines = Set(reply.body.split(separator: "\n").map(String.init))
            for expected in [
                #"crmservice_messages_total{mailbox="corporate",outcome="activity"} 2"#,
                #"crmservice_messages_total{mailbox="corporate",outcome="unmatched"} 1"#,
                #"crmservice_messages_total{mailbox="corporate",outcome="ignored"} 0"#,
                #"crmservice_messages_total{mailbox="corporate",outcome="duplicate"} 0"#,
                #"crmservice_poll_errors_total{mailbox="corporate",kind="tls"} 1"#,
                #"crmservice_poll_errors_total{mailbox="corporate",kind="auth"} 0"#,
                #"crmservice_poll_errors_total{mailbox="corporate",kind="protocol"} 0"#,
                #"crmservice_poll_duration_seconds_count{mailbox="corporate"} 1"#,
                #"crmservice_poll_duration_seconds_bucket{mailbox="corporate",le="0.25"} 0"#,
                #"crmservice_poll_duration_seconds_bucket{mailbox="corporate",le="0.5"} 1"#,
                "# TYPE crmservice_messages_total counter",
                "# TYPE crmservice_poll_errors_total counter",
                "# TYPE crmservice_poll_duration_seconds histogram",
            ] {
                #expect(lines.contains(expected), "missing: \(expected)")
            }
        }
    }

    @Test("authentication: none → 401 with a basic challenge, wrong password or user → 401, right → 200")
    func authentication() async throws {
        try await LiveAdminServer.with(AdminState(mailboxes: [])) { server in
            let none = try await server.get("/metrics")
            #expect(none.status == 401)
            #expect(none.header("WWW-Authenticate") == #"Basic realm="crmservice admin", charset="UTF-8""#)
            #expect(try await server.get("/metrics", user: "admin", password: "wrong").status == 401)
            #expect(try await server.get("/metrics", user: "root").status == 401)
            #expect(try await server.get("/metrics", user: "admin", password: LiveAdminServer.password + "x").status == 401)
            #expect(try await server.get("/metrics", user: "admin").status == 200)
            // Wrong credentials on /healthz are refused too. Other paths are the console's (its own login, tested in
            // ConsoleGateTests); without a console they do not exist, credentials or not.
            #expect(try await server.get("/healthz", user: "admin", password: "wrong").status == 401)
            #expect(try await server.get("/nothing").status == 404)
            #expect(try await server.get("/nothing", user: "admin").status == 404)
        }
    }
}
