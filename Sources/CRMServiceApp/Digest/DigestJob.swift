import CRMCore
import Digest
import Jobs
import Store

/// The scheduled job `digest` (§7, §11). A refused recipient is a message of a completed run (the others were
/// sent); a connection that fails (STARTTLS missing, TLS, login) fails the run, and every unsent entry waits for
/// the next one.
struct DigestJob: Job {
    let sending: DigestSending
    var name: JobName { "digest" }

    func run(_ context: JobContext) async throws -> JobOutcome {
        let run = try sending.makeRun()
        let now = context.startedAt
        let report = try await context.offPool {
            try run.run(now: now, dryRun: false, checkStop: { try context.checkStopWithoutReading() })
        }
        for line in report.lines { context.note(line) }
        context.count(examined: report.sent.count + report.refused.count + report.notAttempted.count,
                      changed: report.sent.count)
        if let stopped = report.stoppedBy { throw DigestConnectionFailed(error: stopped) }
        return context.progress
    }
}

/// The SMTP connection failed during a digest run.
struct DigestConnectionFailed: Error, CustomStringConvertible {
    var error: SMTPSendError
    var description: String { "the digest could not be sent: \(error)" }
}

extension DigestSending {
    /// The job `digest` when the configuration has a `digest` section, none otherwise.
    public static func jobs(configuration: ServiceConfiguration?, file: String?, store: any DigestStore) -> [any Job] {
        guard let configuration, let file, configuration.digest != nil,
              let sending = try? DigestSending(configuration: configuration, file: file, store: store) else { return [] }
        return [DigestJob(sending: sending)]
    }

    /// `jobs(configuration:file:store:)` over the service's database.
    public static func jobs(configuration: ServiceConfiguration?, file: String?, database: AppDatabase) -> [any Job] {
        jobs(configuration: configuration, file: file, store: database)
    }
}
