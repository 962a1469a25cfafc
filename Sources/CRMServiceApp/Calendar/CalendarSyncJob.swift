import CalendarSync
import CRMCore
import Jobs
import Store

/// The scheduled job `calendar-sync` (§7, §9): one sync of every configured user, each user's line in the run log;
/// a user stopped by the mass-deletion guard or a failed one is a message, and the run still completes for the
/// others. Registered only when the configuration has a `calendars:` section.
public struct CalendarSyncJob: Job {
    public let name: JobName = "calendar-sync"
    public let service: CalendarSyncService

    public init(service: CalendarSyncService) { self.service = service }

    /// The job when the configuration has a `calendars` section, else none (`jobs list` shows it not registered).
    public static func jobs(configuration: ServiceConfiguration?, database: AppDatabase) -> [any Job] {
        guard let settings = configuration?.calendars else { return [] }
        return [CalendarSyncJob(service: CalendarSyncService(database: database, settings: settings))]
    }

    public func run(_ context: JobContext) async throws -> JobOutcome {
        let reports = try await service.run()
        for report in reports {
            context.count(examined: 1, changed: report.changedSomething ? 1 : 0)
            if report.failure != nil || report.massDeletionStopped != nil || !report.unreadable.isEmpty
                || !report.deferred.isEmpty || report.changedSomething {
                context.note(report.description)
            }
        }
        return context.progress
    }
}
