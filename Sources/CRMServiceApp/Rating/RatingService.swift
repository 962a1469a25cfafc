import CRMCore
import Foundation
import Jobs
import Store

/// The composition of the rating commands: the job and the rule check over one database.
public struct RatingService {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// `rating run [--full]`: runs the job and returns its outcome and a printable summary. `onlyWhenIdle` refuses to
    /// start while a run of the rating is `running` (`JobAlreadyRunning`), as the scheduler does. `audit` (a person's
    /// line; its target, when empty, the run) is written in the transaction that records the run's start.
    public func run(full: Bool, now: Date = Date(), onlyWhenIdle: Bool = false, audit: AuditLogEntry? = nil) throws
        -> (outcome: RatingJob.Outcome, summary: String) {
        let log: any JobRunLog = if let audit {
            AuditedRunLog(database: database, audit: audit, onlyWhenIdle: onlyWhenIdle)
        } else if onlyWhenIdle {
            IdleGuardedRunLog(database: database)
        } else {
            database
        }
        // A command is the run's instance: it heartbeats while the run lasts (issue 14).
        let outcome = try CommandHeartbeat.during(database) { try RatingJob(store: database, log: log).run(full: full, now: now) }
        var lines = ["rating run \(outcome.runID) (\(outcome.full ? "full" : "incremental")): "
            + "\(outcome.examined) accounts examined, \(outcome.changed) ratings changed, \(outcome.problems.count) problems"]
        lines += outcome.messages.map { "  \($0)" }
        return (outcome, lines.joined(separator: "\n") + "\n")
    }

    /// `rating validate [--repair]`: the findings and a printable report. With `repair` and `audit`, the repair and the
    /// audit line are one transaction (the line is written also when there was nothing to repair).
    public func validate(repair: Bool, audit: AuditLogEntry? = nil) throws -> (findings: [RuleValidator.Finding], report: String) {
        let findings: [RuleValidator.Finding]
        if repair, let audit {
            let (found, repaired) = RuleValidator.validate(try database.allRules())
            var types = Set<AccountType>()
            for case .overlap(let earlier, _, _) in found { types.insert(earlier.accountType) }
            try database.replaceRules(ofTypes: types, with: repaired.filter { types.contains($0.accountType) }, audit: audit)
            findings = found
        } else {
            findings = try RuleValidator.run(store: database, repair: repair)
        }
        guard !findings.isEmpty else { return ([], "rating rules are clean\n") }
        var lines = findings.map(\.description)
        let repairable = findings.contains { if case .overlap = $0 { true } else { false } }
        if repair && repairable { lines.append("overlaps repaired (gaps are left as they are)") }
        return (findings, lines.joined(separator: "\n") + "\n")
    }
}
