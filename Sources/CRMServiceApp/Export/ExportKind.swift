/// The KINDs of `crmservice export` (§1); activities, unmatched, contacts, users and orders arrive with issue #3.
public enum ExportKind: String, CaseIterable, Sendable {
    case activities, unmatched, accounts, contacts, users, orders, contracts
    case ratingRules = "rating-rules"
    case jobRuns = "job-runs"
    /// Every action of a person, console or CLI, oldest first (§8).
    case audit
    /// §9.
    case appointments
    /// The archives and their state (§10).
    case archives
}

/// The output formats of `export`.
public enum ExportFormat: String, CaseIterable, Sendable {
    case jsonl, csv
}

/// An export KIND that this build cannot export yet.
public struct ExportNotAvailable: Error, CustomStringConvertible {
    public var kind: ExportKind
    public var description: String { "export of \(kind.rawValue) is not available yet" }
}
