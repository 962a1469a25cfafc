import CRMCore
import Foundation
import Jobs
import Store

/// The composition of the rating commands: the job and the rule check over one database.
public struct RatingService {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// `rating run [--full]`: runs the job and returns its outcome and a printable summary. `onlyWhenIdle` refuses to
    /// start while a run of the rating is `running` (`JobAlreadyRunning`), as the scheduler does.
    public func run(full: Bool, now: Date = Date(), onlyWhenIdle: Bool = false) throws
        -> (outcome: RatingJob.Outcome, summary: String) {
        let log: any JobRunLog = onlyWhenIdle ? IdleGuardedRunLog(database: database) : database
        let outcome = try RatingJob(store: database, log: log).run(full: full, now: now)
        var lines = ["rating run \(outcome.runID) (\(outcome.full ? "full" : "incremental")): "
            + "\(outcome.examined) accounts examined, \(outcome.changed) ratings changed, \(outcome.problems.count) problems"]
        lines += outcome.messages.map { "  \($0)" }
        return (outcome, lines.joined(separator: "\n") + "\n")
    }

    /// `rating validate [--repair]`: the findings and a printable report.
    public func validate(repair: Bool) throws -> (findings: [RuleValidator.Finding], report: String) {
        let findings = try RuleValidator.run(store: database, repair: repair)
        guard !findings.isEmpty else { return ([], "rating rules are clean\n") }
        var lines = findings.map(\.description)
        let repairable = findings.contains { if case .overlap = $0 { true } else { false } }
        if repair && repairable { lines.append("overlaps repaired (gaps are left as they are)") }
        return (findings, lines.joined(separator: "\n") + "\n")
    }
}
