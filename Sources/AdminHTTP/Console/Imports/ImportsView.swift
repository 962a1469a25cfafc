import CRMCore
import Foundation

/// What the imports templates see.
enum ImportsView {
    static func index(_ kinds: [ImportKindSheet]) -> [String: Any] {
        ["kinds": kinds.map { kind -> [String: Any] in
            var view: [String: Any] = ["name": kind.name, "columns": kind.columns.joined(separator: ",")]
            // An empty string still opens a mustache section: leave the key out instead.
            if let note = kind.templateNote { view["note"] = note }
            return view
        }]
    }

    /// A check (`csv` given: the confirm form carries it) or an import's result (`written` set, or its problems).
    static func report(_ report: ImportReport, csv: [UInt8]?) -> [String: Any] {
        var view: [String: Any] = [
            "kind": report.kind,
            "goodRows": report.goodRows,
            "hasProblems": !report.problems.isEmpty,
            "problemCount": report.problems.count,
            "problems": report.problems.map { problem -> [String: Any] in
                ["line": problem.line, "field": problem.field ?? "(the row)", "message": problem.message]
            },
        ]
        if let written = report.written {
            view["written"] = ["inserted": written.inserted, "updated": written.updated, "unchanged": written.unchanged]
        }
        if let csv, report.problems.isEmpty { view["confirm"] = ["csv64": Data(csv).base64EncodedString()] }
        return view
    }
}
