import CRMCore
import Foundation
import Jobs
import Store

/// The console's rating page (`RatingConsole`) over `RatingService`, the composition behind `crmservice rating`.
public struct ConsoleRating: RatingConsole {
    let database: AppDatabase
    let audit: any AuditLog

    public init(database: AppDatabase, audit: any AuditLog) {
        self.database = database
        self.audit = audit
    }

    public func ruleSheet() throws -> RatingRuleSheet {
        let rules = try database.allRules()
        let groups = Dictionary(grouping: rules, by: \.accountType).sorted { $0.key < $1.key }.map { type, rules in
            RatingRuleSheet.Group(accountType: type, rules: rules.sorted {
                ($0.amountFrom, $0.amountTo, $0.rating) < ($1.amountFrom, $1.amountTo, $1.rating)
            })
        }
        return RatingRuleSheet(groups: groups, findings: RuleValidator.validate(rules).findings.map(Self.finding))
    }

    public func repairRules(actor: String, at time: Date) throws -> [RatingRuleFinding] {
        let findings = try RatingService(database: database).validate(repair: true).findings.map(Self.finding)
        let overlaps = findings.filter { $0.kind == .overlap }
        let types = Set(overlaps.map(\.accountType.rawValue)).sorted().joined(separator: ",")
        try audit.appendAudit(AuditLogEntry(
            at: time, actor: actor, origin: .console, action: "rating-repair", target: "rating-rules \(types)",
            detail: overlaps.isEmpty ? "no overlaps to repair" : overlaps.map(\.text).joined(separator: "; ")))
        return findings
    }

    public func runRating(actor: String, at time: Date) throws -> JobRun {
        let outcome: RatingJob.Outcome
        do {
            outcome = try RatingService(database: database).run(full: false, now: time, onlyWhenIdle: true).outcome
        } catch {
            try audit.appendAudit(AuditLogEntry(at: time, actor: actor, origin: .console, action: "rating-run",
                                                target: "job rating", detail: "failed: \(error)"))
            throw error
        }
        try audit.appendAudit(AuditLogEntry(
            at: time, actor: actor, origin: .console, action: "rating-run", target: "job-run \(outcome.runID)",
            detail: "\(outcome.examined) accounts examined, \(outcome.changed) ratings changed, \(outcome.problems.count) problems"))
        guard let run = try database.jobRun(outcome.runID) else {
            return JobRun(id: outcome.runID, job: RatingJob.name, startedAt: time, endedAt: nil, state: .completed,
                          examined: outcome.examined, changed: outcome.changed, messages: outcome.messages)
        }
        return run
    }

    public func ratingRuns(limit: Int) throws -> [JobRun] {
        try database.latestRuns(of: RatingJob.name, limit: limit)
    }

    static func finding(_ finding: RuleValidator.Finding) -> RatingRuleFinding {
        switch finding {
        case .overlap(let earlier, let later, let suggested):
            RatingRuleFinding(kind: .overlap, accountType: earlier.accountType, rule: later, suggested: suggested,
                              text: finding.description)
        case .gap(let type, _, _):
            RatingRuleFinding(kind: .gap, accountType: type, rule: nil, suggested: nil, text: finding.description)
        }
    }
}
