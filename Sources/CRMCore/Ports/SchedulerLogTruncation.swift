import Foundation

/// The store side of the `log-truncate` job (§7): old run records deleted in bounded batches.
public protocol SchedulerLogTruncation: Sendable {
    /// In one write transaction: deletes up to `limit` runs that started before `cutoff` and are not `running`,
    /// oldest first; then, if a stop of `run` was requested, rolls the batch back instead of committing it.
    func deleteRuns(startedBefore cutoff: Date, limit: Int, unlessStopRequestedFor run: JobRunID) throws
        -> TruncationBatch
}

/// What one truncation batch did.
public enum TruncationBatch: Sendable, Hashable {
    /// Committed: this many runs deleted (fewer than the limit: nothing older is left).
    case deleted(Int)
    /// A stop was requested: the batch (this many deletions) was rolled back.
    case stopRequested(rolledBack: Int)
}
