import Jobs
import ServiceLifecycle
import Synchronization

/// `DueJobs` as a service of the `--once` group; keeps the reports for `ServiceApplication.run` to return.
final class DueJobsService: Service, Sendable {
    let dueJobs: DueJobs
    let reports = Mutex<[(job: JobName, report: JobRunner.Report)]>([])

    init(dueJobs: DueJobs) { self.dueJobs = dueJobs }

    func run() async throws {
        let done = try await dueJobs.run()
        reports.withLock { $0 = done }
    }
}
