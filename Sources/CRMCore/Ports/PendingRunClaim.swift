/// The answer to claiming a pending run: the pending run's removal and its run's start are one transaction, so two
/// schedulers can never both start it.
public enum PendingRunClaim: Sendable, Hashable {
    /// Removed from the pending runs and recorded `running` as this run.
    case started(JobRunID)
    /// A run of the job is `running` (this one); the pending run stays for a later try.
    case busy(JobRunID)
    /// Cancelled, or started by another process, in the meantime.
    case gone
}
