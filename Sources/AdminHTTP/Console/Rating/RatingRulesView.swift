import CRMCore
import Foundation

/// What the rating page's template sees.
enum RatingRulesView {
    static func page(_ sheet: RatingRuleSheet, runs: [JobRun], notice: String?, lastRun: JobRun?) -> [String: Any] {
        var view: [String: Any] = [
            "groups": sheet.groups.map { group -> [String: Any] in
                ["accountType": group.accountType.rawValue, "rules": group.rules.map { rule -> [String: Any] in
                    ["rating": rule.rating.rawValue, "from": rule.amountFrom, "to": rule.amountTo,
                     "currency": rule.currency.rawValue]
                }]
            },
            "findings": sheet.findings.map { finding -> [String: Any] in
                ["kind": finding.kind.rawValue, "text": finding.text]
            },
            "hasFindings": !sheet.findings.isEmpty,
            "hasOverlaps": sheet.findings.contains { $0.kind == .overlap },
            "runs": runs.map(run),
        ]
        if let notice { view["notice"] = notice }
        if let lastRun { view["lastRun"] = run(lastRun) }
        return view
    }

    static func run(_ run: JobRun) -> [String: Any] {
        [
            "id": run.id.rawValue, "state": run.state.rawValue,
            "started": run.startedAt.formatted(.iso8601),
            "ended": run.endedAt?.formatted(.iso8601) ?? "",
            "examined": run.examined, "changed": run.changed, "messages": run.messages,
            "hasMessages": !run.messages.isEmpty,
        ]
    }
}
