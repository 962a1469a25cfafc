import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Logging
import ServiceLifecycle
import Store
import Synchronization
import Testing

/// `run --once` in process: the jobs that are due run once and are recorded; the pollers get `once` and the observer.
@Suite("run --once")
struct RunOnceTests {
    let world: ConfigurationWorld
    let logger: Logger
    init() throws {
        world = try ConfigurationWorld()
        var logger = Logger(label: "run-once-test")
        logger.logLevel = .warning
        self.logger = logger
    }

    func configuration(rating: String) throws -> ServiceConfiguration {
        let password = try world.file("admin.password", "pw\n", mode: 0o600)
        var jobs = JobSettings()
        jobs.rating = .init(schedule: rating)
        jobs.logTruncate.enabled = false
        return ServiceConfiguration(database: .init(path: world.path("once.sqlite")),
                                    admin: .init(passwordFile: password), jobs: jobs)
    }

    final class Runs: Sendable {
        let once = Mutex<[Bool]>([])
    }

    /// A stand-in poller for the test: records that it ran and whether with `once`.
    struct RecordingPoller: Service {
        let context: PollerContext
        let runs: Runs

        func run() async throws {
            context.observer.captured(mailbox: "test", outcome: .activity)
            runs.once.withLock { $0.append(context.once) }
        }
    }

    @Test("§7 a fire time missed since the last run is made up by one run; a job that is not due does not run")
    func dueJobsRunOnce() async throws {
        let settings = try configuration(rating: "* * * * *")
        let database = try DatabaseOpener.open(settings.database.path)
        let earlier = Date().addingTimeInterval(-600)
        guard case .started(let id) = try database.startRunIfIdle(job: "rating", at: earlier) else {
            Issue.record("no run started"); return
        }
        try database.finishRun(id, state: .completed, at: earlier, examined: 0, changed: 0, messages: [])

        let application = try ServiceApplication(configuration: settings, file: "once.yaml", logger: logger)
        let summary = try await application.run(once: true)
        #expect(summary.lines.count == 1)
        #expect(summary.lines.first?.hasPrefix("rating run 2 completed") == true)
        #expect(summary.unsuccessful == 0)

        // Just made up: nothing is due any more.
        #expect(try await application.run(once: true).lines.isEmpty)
    }

    @Test("§7 a run left running by a crash is marked failed by run --once too, and no longer blocks its job")
    func crashLeftoverMarkedFailed() async throws {
        let settings = try configuration(rating: "* * * * *")
        let database = try DatabaseOpener.open(settings.database.path)
        let crashed = try database.startRun(job: "rating", at: Date().addingTimeInterval(-600))

        let application = try ServiceApplication(configuration: settings, file: "once.yaml", logger: logger)
        let summary = try await application.run(once: true)
        let run = try #require(try database.jobRun(crashed))
        #expect(run.state == .failed)
        #expect(run.endedAt != nil)
        #expect(run.messages.contains { $0.contains("marked failed by run --once") })
        // The fire time it missed is made up now.
        #expect(summary.lines.first?.hasPrefix("rating run 2 completed") == true)
    }

    /// Reports a failed poll and returns.
    struct FailingOncePoller: Service {
        let context: PollerContext
        func run() async throws {
            context.observer.pollFailed(mailbox: "corporate", at: Date(), kind: .auth, message: "LOGIN refused")
        }
    }

    @Test("a mailbox whose poll failed is named in the summary (crmservice run --once exits 1)")
    func failedPoll() async throws {
        let application = try ServiceApplication(
            configuration: try configuration(rating: "0 2 * * *"), file: "once.yaml", logger: logger,
            makePollers: { [FailingOncePoller(context: $0)] })
        #expect(try await application.run(once: true).failedMailboxes == ["corporate"])
    }

    @Test("the pollers are built with once and the admin state as their observer, and run to their end")
    func pollersGetOnce() async throws {
        let runs = Runs()
        let application = try ServiceApplication(
            configuration: try configuration(rating: "0 2 * * *"), file: "once.yaml", logger: logger,
            makePollers: { context in [RecordingPoller(context: context, runs: runs), RecordingPoller(context: context, runs: runs)] })
        _ = try await application.run(once: true)
        #expect(runs.once.withLock { $0 } == [true, true])
    }
}
