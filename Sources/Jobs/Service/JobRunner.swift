import CRMCore
import Foundation

/// Runs one job and records it in the run log (§7): started `running` unless a run of the same job is running
/// already (in any process), ended `completed`, `failed` or `stopped` with the counts and messages.
/// Used by the scheduler service and by `jobs run NAME`. Its database calls run on threads of their own, never on the
/// cooperative pool (a write waits for SQLite's lock while another transaction commits).
public struct JobRunner: Sendable {
    let store: any SchedulerStore
    let clock: any WallClock

    public init(store: any SchedulerStore, clock: any WallClock = SystemWallClock()) {
        self.store = store
        self.clock = clock
    }

    /// The answer to `begin`.
    public enum Start: Sendable {
        case started(JobContext)
        /// A run of the job is `running` already; nothing was started.
        case busy(JobRunID)
    }

    /// How a run ended.
    public struct Report: Sendable, Hashable {
        public var runID: JobRunID
        public var state: JobRunState
        public var outcome: JobOutcome
    }

    /// Records the start of a run of `job`, unless one is running; `audit` (a person's `jobs run`) is written in the
    /// same transaction.
    public func begin(_ job: JobName, shutdown: StopFlag = StopFlag(), audit: AuditLogEntry? = nil) async throws -> Start {
        let now = clock.now()
        let store = self.store
        switch try await BlockingThread.run({ try store.startRunIfIdle(job: job.rawValue, at: now, audit: audit) }) {
        case .busy(let id):
            return .busy(id)
        case .started(let id):
            return .started(JobContext(runID: id, job: job, startedAt: now, store: store, shutdown: shutdown))
        }
    }

    /// The answer to `claimScheduled`.
    public enum ScheduledStart: Sendable {
        case started(JobContext)
        /// Another instance (or this one before a restart) handled the fire time through this instant.
        case handledElsewhere(Date)
        case busy(JobRunID)
        /// The persisted mode is standby.
        case standby
    }

    /// Starts the scheduled run of `job` for a fire time, once across the instances sharing the database: see
    /// `SchedulerStore.claimScheduledRun` (`bound` from `SchedulerCore.claimBound(of:)`).
    public func claimScheduled(_ job: JobName, unhandledSince bound: Date, shutdown: StopFlag = StopFlag()) async throws
        -> ScheduledStart {
        let now = clock.now()
        let store = self.store
        switch try await BlockingThread.run({ try store.claimScheduledRun(job: job.rawValue, unhandledSince: bound, at: now) }) {
        case .handledElsewhere(let through): return .handledElsewhere(through)
        case .busy(let id): return .busy(id)
        case .standby: return .standby
        case .started(let id):
            return .started(JobContext(runID: id, job: job, startedAt: now, store: store, shutdown: shutdown))
        }
    }

    /// Starts pending run `pending` of `job` (`jobs run NAME --at`): its claim and the start of its run are one
    /// transaction. Nil when it was cancelled or started elsewhere in the meantime.
    public func claim(_ pending: PendingRunID, of job: JobName, shutdown: StopFlag = StopFlag()) async throws -> Start? {
        let now = clock.now()
        let store = self.store
        switch try await BlockingThread.run({ try store.claimPendingRun(pending, at: now) }) {
        case .gone: return nil
        case .busy(let id): return .busy(id)
        case .started(let id):
            return .started(JobContext(runID: id, job: job, startedAt: now, store: store, shutdown: shutdown))
        }
    }

    /// Runs `job` in the run `context` began and records its end. Throws only when the end cannot be recorded (the
    /// run then stays `running` until the next start-up marks it `failed`).
    public func execute(_ job: any Job, in context: JobContext) async throws -> Report {
        var state = JobRunState.completed
        var outcome: JobOutcome
        do {
            outcome = try await job.run(context)
        } catch let stopped as JobStopped {
            state = .stopped
            outcome = context.progress
            outcome.messages.append(stopped.description)
        } catch {
            state = .failed
            outcome = context.progress
            outcome.messages.append("\(job.name) failed: \(error)")
        }
        let store = self.store, end = clock.now(), finished = outcome, ended = state
        try await BlockingThread.run {
            try store.finishRun(context.runID, state: ended, at: end, examined: finished.examined,
                                changed: finished.changed, messages: finished.messages)
        }
        return Report(runID: context.runID, state: state, outcome: outcome)
    }

    /// `begin` and `execute` in one; `Busy` when a run of the job is in progress.
    public func run(_ job: any Job, audit: AuditLogEntry? = nil) async throws -> Result<Report, Busy> {
        switch try await begin(job.name, audit: audit) {
        case .busy(let id): return .failure(Busy(job: job.name, runningRun: id))
        case .started(let context): return .success(try await execute(job, in: context))
        }
    }

    /// A run of the job is in progress already.
    public struct Busy: Error, Sendable, Hashable, CustomStringConvertible {
        public var job: JobName
        public var runningRun: JobRunID
        public var description: String { "\(job) is running already (run \(runningRun))" }
    }
}
