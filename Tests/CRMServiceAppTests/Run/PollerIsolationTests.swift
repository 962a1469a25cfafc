import CRMCore
import CRMServiceApp
import Foundation
import TestSupport
import Logging
import ServiceLifecycle
import Testing

/// A poller that throws never ends `crmservice run`: the admin server keeps answering (issue #4).
@Suite("run: pollers never end the group")
struct PollerIsolationTests {
    struct PollerFailure: Error {}

    /// Reports a failed poll, then throws.
    struct FailingPoller: Service {
        let context: PollerContext
        func run() async throws {
            context.observer.pollFailed(mailbox: "corporate", at: Date(), kind: .connect, message: "connection refused")
            throw PollerFailure()
        }
    }

    @Test("a poller that throws leaves the admin server running, and /healthz shows its failure")
    func failingPoller() async throws {
        let world = try ConfigurationWorld()
        let password = try world.file("admin.password", "pw\n", mode: 0o600)
        let settings = ServiceConfiguration(
            database: .init(path: world.path("iso.sqlite")),
            mailboxes: [.init(name: "corporate", url: "imaps://imap.invalid/INBOX", user: "u", passwordFile: password)],
            admin: .init(host: "127.0.0.1", port: 0, passwordFile: password))
        var logger = Logger(label: "isolation-test")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = try ServiceApplication(
            configuration: settings, file: "iso.yaml", logger: logger,
            makePollers: { [FailingPoller(context: $0)] },
            onAdminServerRunning: { continuation.yield($0.port) })
        let running = Task { try await application.run() }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        try await Task.sleep(for: .milliseconds(200)) // the poller has thrown by now
        let reply = try await PlainHTTPClient.get(port: port, path: "/healthz", user: "admin", password: "pw")
        #expect(reply.status == 503)
        #expect(reply.body.contains(#""last_error_kind":"connect""#))
        #expect(reply.body.contains(#""last_error_message":"connection refused""#))
        running.cancel()
        _ = await running.result
    }
}
