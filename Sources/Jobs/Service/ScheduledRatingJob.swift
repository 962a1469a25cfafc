import CRMCore
import Foundation

/// The rating job (§6) as the scheduler runs it: one incremental run. Its work is one write transaction (the
/// watermark must match what was read), so a stop takes effect only before the run starts; once the transaction
/// has begun the run completes (and `jobs stop` waits for the write lock until it commits).
public struct ScheduledRatingJob: Job {
    let store: any RatingStore

    public init(store: any RatingStore) { self.store = store }

    public var name: JobName { JobName(rawValue: RatingJob.name) }

    public func run(_ context: JobContext) async throws -> JobOutcome {
        try context.checkStop()
        let outcome = try store.inRatingTransaction { session in
            try RatingJob.compute(session, full: false, now: context.startedAt)
        }
        return JobOutcome(examined: outcome.examined, changed: outcome.changed,
                          messages: [outcome.full ? "full run" : "incremental run"] + outcome.messages)
    }
}
