import CalendarSync
import CRMCore
import Jobs

/// The scheduled job `calendar-sync` (§7, §9): one sync of every configured user, each user's line in the run log;
/// a user stopped by the mass-deletion guard or a failed one is a message, and the run still completes for the
/// others. Registered only when the configuration has a `calendars:` section.
public struct CalendarSyncJob: Job {
    public let name: JobName = "calendar-sync"
    public let service: CalendarSyncService

    public init(service: CalendarSyncService) { self.service = service }

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
