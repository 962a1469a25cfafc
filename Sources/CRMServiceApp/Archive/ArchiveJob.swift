import CRMCore
import Foundation
import Jobs

/// The scheduled job `archive` (§7, §10): `archive run` with `jobs.archive.months` as of the run's day, by the
/// scheduler (audited as `scheduler`). One transaction, so a stop or a crash leaves no half archive: a stop
/// requested before it starts is honoured; once it runs, it finishes.
public struct ArchiveJob: Job {
    public static let name: JobName = "archive"
    let service: ArchiveService
    let months: Int

    public init(service: ArchiveService, months: Int) {
        self.service = service
        self.months = months
    }

    public var name: JobName { Self.name }

    public func run(_ context: JobContext) async throws -> JobOutcome {
        let service = self.service, months = self.months
        return try await context.offPool {
            try context.checkStop()
            guard let record = try service.run(months: months, asOf: Day(utc: context.startedAt), actor: "scheduler",
                                               at: context.startedAt) else {
                return JobOutcome(messages: ["nothing older than \(months) months"])
            }
            let moved = record.activities + record.unmatched + record.jobRuns
            return JobOutcome(examined: moved, changed: moved, messages: [
                "archive \(record.id): \(record.activities) activities, \(record.unmatched) unmatched, "
                    + "\(record.jobRuns) job runs before \(record.cutoff), \(record.bytes) bytes",
            ])
        }
    }
}
