import CRMCore
import Foundation

/// What the scheduler service did, for an observer (tests, metrics later); the logger says the same in words.
public enum SchedulerEvent: Sendable, Hashable {
    /// A run started.
    case started(DueRun, JobRunID)
    /// A run ended.
    case finished(JobName, JobRunID, JobRunState)
    /// A fire time was dropped: the job was still running (in this process or, with the id, in another).
    case skipped(JobName, runningRun: JobRunID?)
    /// A fire time was claimed by another instance sharing the database (issue 14): it runs there, not here.
    case handledElsewhere(JobName)
    /// The mode read from the database changed.
    case modeChanged(SchedulerMode)
    /// The service waits for its next wake-up (nil: none) with this many runs in progress.
    case idle(nextWakeUp: Date?, running: Int)
}
