import Foundation

/// The answer to claiming a scheduled run (`SchedulerStore.claimScheduledRun`): every instance computes the same fire
/// times, and the claim (the fire time recorded handled, and the run recorded `running`, in one transaction) makes a
/// fire time run once across all of them.
public enum ScheduledRunClaim: Sendable, Hashable {
    /// Claimed: recorded `running` as this run.
    case started(JobRunID)
    /// Another instance (or this one before a restart) handled this fire time already: nothing to do.
    case handledElsewhere(handledThrough: Date)
    /// Claimed, but a run of the job is `running` (this one, in some process): the fire time is skipped.
    case busy(JobRunID)
    /// The persisted mode is `standby`: the fire time passes unrun (recorded handled).
    case standby
}
