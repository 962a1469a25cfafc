import CRMCore
import Jobs

/// What `run --once` did with the jobs: one line a run (`rating run 4 completed: 12 examined, 3 changed`).
public struct OnceSummary: Sendable, Equatable {
    public var lines: [String]
    /// Runs that ended `failed` or `stopped`.
    public var unsuccessful: Int

    init(_ reports: [(job: JobName, report: JobRunner.Report)]) {
        lines = reports.map { job, report in
            "\(job) run \(report.runID) \(report.state): \(report.outcome.examined) examined, \(report.outcome.changed) changed"
        }
        unsuccessful = reports.count { $0.report.state != .completed }
    }

    /// The lines for standard output, each ending in a line break.
    public var text: String { lines.map { $0 + "\n" }.joined() }
}
