import Foundation

/// What the scheduler keeps in the database (§7): its mode, how far each job's schedule is handled, stop requests, and
/// the run log's guarded start. Implemented by Store; every method is one transaction.
public protocol SchedulerStore: JobRunLog {
    /// The persisted mode; `running` until someone sets it.
    func schedulerMode() throws -> SchedulerMode
    func setSchedulerMode(_ mode: SchedulerMode, at time: Date) throws

    /// Per job, the instant through which its fire times are handled (run, skipped as overlapping, or let pass in
    /// standby): the schedule survives restarts, and only fire times after it are made up at start-up.
    func scheduleHandledThrough() throws -> [String: Date]
    /// Records that `job`'s fire times through `time` are handled (kept only when later than the one stored).
    func recordScheduleHandled(job: String, through time: Date) throws
    /// Per job, the start of its latest recorded run.
    func lastRunStarts() throws -> [String: Date]

    /// Records a run that starts now in state `running`, unless a run of `job` is already `running` (any process):
    /// then nothing is written and the running run's id is returned as `.busy`.
    func startRunIfIdle(job: String, at time: Date) throws -> GuardedRunStart
    /// `startRunIfIdle(job:at:)` of a person's action (`jobs run NAME`): `audit` (its target, when empty, the run)
    /// is written in the same transaction as the start, and only when the run starts.
    func startRunIfIdle(job: String, at time: Date, audit: AuditLogEntry?) throws -> GuardedRunStart
    /// Marks runs still `running` as `failed` with `message` (start-up after a crash); returns their ids. Only those
    /// this process's instance left, those of no instance, and those of instances whose lease expired
    /// (`InstanceRegistry.failRunsLeftRunning(by:at:message:)` for `ProcessInstance.name`).
    func failRunsLeftRunning(at time: Date, message: String) throws -> [JobRunID]
    /// Starts the run of `job` for a fire time, once across every instance (issue 14): in one transaction, unless a
    /// fire time at or after `bound` is recorded handled already (`handledElsewhere`), records `job` handled through
    /// `time`, then starts the run as `startRunIfIdle` does, or not in standby. `bound` is the fire time for a cron job.
    func claimScheduledRun(job: String, unhandledSince bound: Date, at time: Date) throws -> ScheduledRunClaim

    /// Asks the process running `run` to stop it (`jobs stop`); see `StopRequestOutcome`.
    func requestStop(of run: JobRunID, at time: Date) throws -> StopRequestOutcome
    /// Whether someone asked for `run` to stop.
    func isStopRequested(_ run: JobRunID) throws -> Bool

    /// The pending one-off runs (`jobs run NAME --at`), earliest first.
    func pendingRuns() throws -> [PendingRun]
    /// Starts pending run `id` at `time`: in one transaction it leaves the pending runs and is recorded `running`,
    /// unless a run of its job is `running` already (then it stays pending).
    func claimPendingRun(_ id: PendingRunID, at time: Date) throws -> PendingRunClaim

    /// One run, or nil.
    func jobRun(_ id: JobRunID) throws -> JobRun?
    /// The runs that started on `day` (UTC), in start order (`jobs runs --day`).
    func jobRuns(startedOn day: Day) throws -> [JobRun]
}

/// The answer to a guarded start.
public enum GuardedRunStart: Sendable, Hashable {
    case started(JobRunID)
    /// A run of that job is `running` already.
    case busy(JobRunID)
}

/// The answer to `jobs stop RUNID`.
public enum StopRequestOutcome: Sendable, Hashable {
    /// Recorded; the run stops at its next check.
    case requested
    /// No run has that id.
    case unknownRun
    /// The run is not `running` (its state is given); nothing recorded.
    case notRunning(JobRunState)
}
