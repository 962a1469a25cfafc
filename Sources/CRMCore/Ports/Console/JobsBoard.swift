import Foundation

/// The scheduler as the console shows and drives it (§7, §8: `GET /jobs`, the dashboard's next runs, and the
/// `scheduler` right's actions). Implemented in CRMServiceApp over the `SchedulerStore` and the jobs' configuration,
/// sharing `crmservice jobs`; actions reach the scheduler of the running service. Every action is audited as `actor`.
public protocol JobsBoard: Sendable {
    /// The mode and every job with its schedule, state, last run and next fire times, as of now.
    func overview() throws -> SchedulerOverview
    /// The runs that started on `day` (UTC), in start order.
    func runs(startedOn day: Day) throws -> [JobRun]
    /// Sets the persisted mode (`jobs standby` / `jobs resume`); the running scheduler takes it at once.
    func setMode(_ mode: SchedulerMode, actor: String) async throws
    /// Asks the running scheduler to start a run of `job` now; returns its id once it is recorded. Throws
    /// `JobActionRefused` for an unknown job, in standby, while a run of it is in progress, or with no scheduler.
    func runNow(_ job: String, actor: String) async throws -> JobRunID
    /// Asks the process running `run` to stop it (`jobs stop`); throws `JobActionRefused` when it is not running.
    func stop(_ run: JobRunID, actor: String) throws
    /// The pending one-off runs (`jobs run NAME --at`), earliest first.
    func pendingRuns() throws -> [PendingRun]
    /// Removes a pending run before it starts (`jobs cancel`); throws `JobActionRefused` when there is none of that id
    /// or it has started.
    func cancelPending(_ id: PendingRunID, actor: String) throws
}
