import CRMCore
import Jobs

/// What `run --once` did: one line a job run (`rating run 4 completed: 12 examined, 3 changed`), and the mailboxes
/// whose poll failed.
public struct OnceSummary: Sendable, Equatable {
    public var lines: [String]
    /// Runs that ended `failed` or `stopped`.
    public var unsuccessful: Int
    /// The mailboxes whose last poll failed (in name order); their reasons are in the log.
    public var failedMailboxes: [String]

    init(_ reports: [(job: JobName, report: JobRunner.Report)], failedMailboxes: [String] = []) {
        self.failedMailboxes = failedMailboxes
        lines = reports.map { job, report in
            "\(job) run \(report.runID) \(report.state): \(report.outcome.examined) examined, \(report.outcome.changed) changed"
        }
        unsuccessful = reports.count { $0.report.state != .completed }
    }

    /// The lines for standard output, each ending in a line break.
    public var text: String { lines.map { $0 + "\n" }.joined() }
}
