import CRMCore
import Foundation

/// `log-truncate` (§7): deletes run records that started more than `keepDays` days before the run, oldest first, in
/// batches of `batchSize`, each batch its own short transaction, so capture's writes wait at most one batch.
/// The batches run on a thread of their own (SQLite never holds a thread of the cooperative pool). Between batches it
/// checks for a stop; a stop requested while a batch is in progress rolls that batch back (the
/// store checks inside the batch's transaction), the batches before it stay deleted.
public struct LogTruncateJob: Job {
    public static let name: JobName = "log-truncate"

    let store: any SchedulerLogTruncation
    public let keepDays: Int
    public let batchSize: Int

    public init(store: any SchedulerLogTruncation, keepDays: Int, batchSize: Int = 500) {
        precondition(keepDays >= 1 && batchSize >= 1)
        self.store = store
        self.keepDays = keepDays
        self.batchSize = batchSize
    }

    public var name: JobName { Self.name }

    public func run(_ context: JobContext) async throws -> JobOutcome {
        let cutoff = context.startedAt.addingTimeInterval(-TimeInterval(keepDays) * 86_400)
        let store = self.store, batchSize = self.batchSize, keepDays = self.keepDays
        return try await context.offPool {
            var deleted = 0
            while true {
                try context.checkStop()
                switch try store.deleteRuns(startedBefore: cutoff, limit: batchSize, unlessStopRequestedFor: context.runID) {
                case .stopRequested(let rolledBack):
                    context.note("batch of \(rolledBack) deletions rolled back")
                    throw JobStopped(.requested)
                case .deleted(let count):
                    deleted += count
                    context.count(examined: count, changed: count)
                    if count < batchSize {
                        return JobOutcome(examined: deleted, changed: deleted,
                                          messages: context.progress.messages + ["\(deleted) runs older than \(keepDays) days deleted"])
                    }
                }
            }
        }
    }
}
