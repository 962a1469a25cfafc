import CRMCore
import Foundation
import Jobs
import Logging
import Store

/// The composition of the scheduled jobs over one database: the jobs this build registers, the scheduler service,
/// and the `jobs` commands (§1, §7). The configuration defaults until `run --config` reads it (issue #4).
public struct JobsConsole: Sendable {
    let database: AppDatabase
    public let configuration: JobsConfiguration
    let clock: any SchedulerClock

    public init(database: AppDatabase, configuration: JobsConfiguration = JobsConfiguration(),
                clock: any SchedulerClock = SystemSchedulerClock()) {
        self.database = database
        self.configuration = configuration
        self.clock = clock
    }

    /// The jobs this build can run, plus `registered` (the poller adds `mail-poll` here).
    public func jobs(registering registered: [any Job] = []) -> [any Job] {
        [ScheduledRatingJob(store: database),
         LogTruncateJob(store: database, keepDays: configuration.logTruncateKeepDays),
         ArchiveJob(service: ArchiveService(database: database), months: configuration.archiveMonths)] + registered
    }

    /// The scheduler as a `Service` for the service group of `crmservice run`.
    /// `control` reaches it from the admin console (`JobsConsoleBoard`).
    public func schedulerService(logger: Logger, registering registered: [any Job] = [],
                                 observer: (@Sendable (SchedulerEvent) -> Void)? = nil,
                                 control: SchedulerControl? = nil) throws(JobsConfigurationError)
        -> SchedulerService {
        SchedulerService(jobs: jobs(registering: registered), definitions: try configuration.definitions(),
                         store: database, clock: clock, logger: logger, observer: observer, control: control,
                         pendingRecheck: Self.pendingRecheck)
    }

    /// How long after reading the pending runs and the mode the service's scheduler reads them again: a
    /// `jobs run NAME --at` or `jobs standby` from a terminal or another instance takes effect at most this late.
    public static let pendingRecheck: TimeInterval = 3

    /// `jobs run NAME`: runs the job now in this process, recorded in the run log; `audit` (the person's line) is
    /// written in the transaction that records the run's start.
    public func run(_ name: String, registering registered: [any Job] = [], audit: AuditLogEntry? = nil) async throws
        -> (report: JobRunner.Report, summary: String) {
        let job = try job(named: name, registering: registered)
        if try database.schedulerMode() == .standby {
            throw JobsCommandFailure("the scheduler is in standby: nothing runs until `jobs resume`")
        }
        let runner = JobRunner(store: database, clock: clock)
        // The command is the run's instance: it heartbeats while the run lasts (issue 14).
        switch try await CommandHeartbeat.during(database, { try await runner.run(job, audit: audit) }) {
        case .failure(let busy):
            throw JobsCommandFailure("\(busy.description); `jobs stop \(busy.runningRun)` or wait")
        case .success(let report):
            var lines = ["\(name) run \(report.runID) \(report.state): \(report.outcome.examined) examined, "
                + "\(report.outcome.changed) changed"]
            lines += report.outcome.messages.map { "  \($0)" }
            return (report, lines.joined(separator: "\n") + "\n")
        }
    }

    /// The job `name` of this build, or the error that names it.
    func job(named name: String, registering registered: [any Job] = []) throws -> any Job {
        let known = configuration.schedules.map(\.0.rawValue)
        guard let job = jobs(registering: registered).first(where: { $0.name.rawValue == name }) else {
            if known.contains(name) { throw JobsCommandFailure("\(name) is not available in this build yet") }
            throw JobsInputError(field: "NAME", value: name, problem: "is not a job (\(known.joined(separator: ", ")))")
        }
        return job
    }

    /// `jobs standby` / `jobs resume`: sets the persisted mode the live service reads at its next wake-up; `audit`
    /// (the CLI's line) is written in the same transaction.
    public func setMode(_ mode: SchedulerMode, audit: AuditLogEntry? = nil) throws -> String {
        if let audit {
            try database.setSchedulerMode(mode, at: clock.now(), audit: audit)
        } else {
            try database.setSchedulerMode(mode, at: clock.now())
        }
        return "scheduler: \(mode.rawValue)\n"
    }

    /// `jobs stop RUNID`: records a stop request for a running run; the process running it stops it at its next
    /// check (between batches for log-truncate; for rating within a few thousand rows, rolling its result back).
    public func stop(_ text: String, audit: AuditLogEntry? = nil) throws -> String {
        guard let value = Int64(text), value > 0 else {
            throw JobsInputError(field: "RUNID", value: text, problem: "is not a run id")
        }
        let id = JobRunID(rawValue: value)
        var entry = audit
        if entry?.target.isEmpty == true { entry?.target = "job-run \(id)" }
        let outcome = try entry.map { try database.requestStop(of: id, at: clock.now(), audit: $0) }
            ?? database.requestStop(of: id, at: clock.now())
        switch outcome {
        case .requested:
            return "stop of run \(id) requested\n"
        case .unknownRun:
            throw JobsInputError(field: "RUNID", value: text, problem: "is not a recorded run")
        case .notRunning(let state):
            throw JobsCommandFailure("run \(id) is \(state.rawValue), not running")
        }
    }
}
