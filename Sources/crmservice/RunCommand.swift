import ArgumentParser
import CRMServiceApp
import Foundation

/// `crmservice run --config FILE [--once]` (§1, issue #4): the mail pollers, the scheduler and the admin HTTP server in
/// one process until SIGTERM/SIGINT.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the service: mail pollers, scheduler and admin HTTP server, until SIGTERM or SIGINT.",
        discussion: """
            The configuration file (YAML; environment variables override its keys) must name admin.password_file, \
            a file of mode 0600 or stricter holding the admin HTTP password (user admin). The admin server listens \
            on admin.host:admin.port (default 127.0.0.1:8025): GET /healthz (status without a password, details with \
            it; 200 ok, 503 degraded) and GET /metrics (Prometheus). SIGTERM or SIGINT stops taking new mail, lets \
            the message in hand commit and exits 0 within 10 seconds.

            --once polls every mailbox once, runs the jobs that are due and exits: 0, or 1 if a job run or a \
            mailbox's poll failed. It starts no admin server.
            """)

    @Option(help: "The service configuration (YAML).")
    var config: String

    @Flag(help: "Poll every mailbox once, run the jobs that are due, and exit.")
    var once = false

    func run() async throws {
        let configuration: ServiceConfiguration
        let application: ServiceApplication
        do {
            configuration = try ServiceConfiguration(contentsOf: config)
            // database.password_file: unreadable or readable by others is bad input naming the key, before starting.
            _ = try DatabaseChoice.location(db: nil, passwordFile: nil, configuration: configuration.database, environment: [:])
            application = try ServiceApplication(configuration: configuration, file: config,
                                                 makePollers: MailboxPolling.pollers)
        } catch {
            throw CommandFailure.badInput(String(describing: error))
        }
        let summary: OnceSummary
        do { summary = try await application.run(once: once) } catch {
            throw CommandFailure.failed("crmservice run: \(error)")
        }
        print(summary.text, terminator: "")
        var failures: [String] = []
        if summary.unsuccessful > 0 { failures.append("\(summary.unsuccessful) job run(s) did not complete") }
        if !summary.failedMailboxes.isEmpty {
            failures.append("the poll of \(summary.failedMailboxes.joined(separator: ", ")) failed (see the log)")
        }
        if !failures.isEmpty { throw CommandFailure.failed(failures.joined(separator: "; ")) }
    }
}
