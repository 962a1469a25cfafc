/// A scheduler action the console could not do (nothing was changed): mapped to a notice on the jobs page.
public struct JobActionRefused: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case unknownJob(String)
        case standby
        /// A run of the job is in progress (its id when known).
        case busy(JobRunID?)
        case unknownRun(JobRunID)
        case notRunning(JobRunID, JobRunState)
        /// No scheduler runs in this process (the admin server is started without one).
        case noScheduler
        /// No pending run has that id.
        case unknownPending(PendingRunID)
        /// The pending run has started already, as that run.
        case pendingStarted(PendingRunID, JobRunID)
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .unknownJob(let name): "\(name) is not a job this service runs"
        case .standby: "the scheduler is in standby: nothing starts until it is set running"
        case .busy(let run): "a run of this job is in progress" + (run.map { " (run \($0))" } ?? "")
        case .unknownRun(let run): "run \(run) is not recorded"
        case .notRunning(let run, let state): "run \(run) is \(state.rawValue), not running"
        case .noScheduler: "no scheduler runs in this process"
        case .unknownPending(let id): "pending run \(id) does not exist"
        case .pendingStarted(let id, let run): "pending run \(id) has started already (run \(run))"
        }
    }
}
