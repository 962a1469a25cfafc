import CRMCore
import Foundation

/// The rating job (§6) as the scheduler runs it: one incremental run, on a thread of its own.
///
/// A stop (`jobs stop`, graceful shutdown, cancellation) is honoured at any point: the run reads from a snapshot and
/// checks for a stop every few thousand rows, then writes its whole result in one transaction that a stop also rolls
/// back. Either all ratings of the run land or none, so a stopped run is simply done again by the next one.
public struct ScheduledRatingJob: Job {
    let store: any RatingStore

    public init(store: any RatingStore) { self.store = store }

    public var name: JobName { JobName(rawValue: RatingJob.name) }

    public func run(_ context: JobContext) async throws -> JobOutcome {
        let store = self.store
        let outcome = try await context.offPool {
            try context.checkStop()
            return try RatingJob.execute(store: store, full: false, now: context.startedAt,
                                         checkStop: context.checkStopWithoutReading, betweenPhases: context.checkStop)
        }
        return JobOutcome(examined: outcome.examined, changed: outcome.changed,
                          messages: [outcome.full ? "full run" : "incremental run"] + outcome.messages)
    }
}
