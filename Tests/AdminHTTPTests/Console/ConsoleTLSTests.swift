import AdminHTTP
import CRMCore
import Foundation
import Logging
import ServiceLifecycle
import Testing
import TestSupport

/// The console over HTTPS (§8: `admin.tls_cert_file`/`admin.tls_key_file`): a certificate the test makes with openssl,
/// and curl as the client.
@Suite("Console over TLS (§8)")
struct ConsoleTLSTests {
    static var toolsAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")
    }

    @Test("§8 served over TLS, the session and login cookies are Secure (and still HttpOnly, SameSite=Strict)",
          .enabled(if: Prerequisite.met(toolsAvailable), "needs /usr/bin/openssl and /usr/bin/curl"))
    func secureCookies() async throws {
        try Prerequisite.require(Self.toolsAvailable, "/usr/bin/openssl and /usr/bin/curl")
        let harness = try ConsoleHarness()
        let cert = harness.directory.appendingPathComponent("cert.pem").path
        let key = harness.directory.appendingPathComponent("key.pem").path
        let made = try await run([
            "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
            "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ])
        try #require(made.status == 0, "openssl: \(made.err)")
        let tls = try AdminTLS(certificateFile: cert, keyFile: key)

        let (ports, continuation) = AsyncStream.makeStream(of: AdminServer.Address.self)
        var logger = Logger(label: "console-tls-test")
        logger.logLevel = .warning
        let server = try AdminServer(
            address: .init(host: "127.0.0.1", port: 0), password: "scraper password", state: harness.state,
            console: try harness.services(), tls: tls, logger: logger,
            onServerRunning: { continuation.yield($0) })
        let group = ServiceGroup(services: [server], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let address = try #require(await iterator.next())
            #expect(address.secure && address.description.hasPrefix("https://127.0.0.1:"))
            let base = "https://127.0.0.1:\(address.port)"
            let form = try await run(["/usr/bin/curl", "-s", "-i", "--cacert", cert, base + "/login"])
            #expect(form.out.hasPrefix("HTTP/1.1 200"))
            let loginCookie = try #require(Self.setCookie("crm_login", in: form.out))
            #expect(loginCookie.contains("; Secure") && loginCookie.contains("HttpOnly")
                && loginCookie.contains("SameSite=Strict"))
            let token = try #require(ConsoleClient.hiddenField("csrf", in: form.out))
            let login = try await run([
                "/usr/bin/curl", "-s", "-i", "--cacert", cert, "-H", "Cookie: crm_login=\(token)",
                "--data-urlencode", "user=anna", "--data-urlencode", "password=\(ConsoleHarness.annaPassword)",
                "--data-urlencode", "csrf=\(token)", base + "/login",
            ])
            #expect(login.out.hasPrefix("HTTP/1.1 303"))
            let session = try #require(Self.setCookie("crm_session", in: login.out))
            #expect(session.contains("; Secure") && session.contains("HttpOnly") && session.contains("SameSite=Strict"))
            // Plain HTTP on the TLS port gets no page.
            let plain = try await run(["/usr/bin/curl", "-s", "-i", "http://127.0.0.1:\(address.port)/login"])
            #expect(!plain.out.contains("HTTP/1.1 200"))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test("§8 a TLS file that cannot be used is an error naming which file")
    func badFiles() throws {
        let harness = try ConsoleHarness()
        let junk = harness.directory.appendingPathComponent("junk.pem").path
        try Data("not a certificate\n".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(throws: AdminTLSError(file: .certificate, path: junk, reason: "is not valid PEM")) {
            try AdminTLS(certificateFile: junk, keyFile: junk)
        }
        let missing = harness.directory.appendingPathComponent("missing.pem").path
        #expect(throws: AdminTLSError(file: .certificate, path: missing, reason: "cannot be read")) {
            try AdminTLS(certificateFile: missing, keyFile: junk)
        }
    }

    static func setCookie(_ name: String, in reply: String) -> String? {
        reply.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: \(name)=") }
    }

    func run(_ arguments: [String]) async throws -> Spawn.Ran {
        try await BlockingThread.run { try Spawn.run(arguments) }
    }
}
