/// The answer to `jobs cancel ID`.
public enum PendingRunCancellation: Sendable, Hashable {
    /// Removed; it will not run.
    case cancelled(PendingRun)
    /// It has started already, as this run.
    case alreadyStarted(JobRunID)
    /// No pending run has that id.
    case unknown
}
