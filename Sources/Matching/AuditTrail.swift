import CRMCore

/// How a decision was reached: the rule that decided and, in evaluation order, what each address and reference
/// resolved to. Printable for `unmatched show` (it names addresses: show it to administrators, never log it).
public struct AuditTrail: Sendable, Equatable, CustomStringConvertible {
    /// The rule that settled the outcome (for an activity: §4.5, the recipient requirement that was met).
    public var decidingRule: CaptureRule
    public var entries: [AuditEntry]

    public init(decidingRule: CaptureRule, entries: [AuditEntry]) {
        self.decidingRule = decidingRule
        self.entries = entries
    }

    /// One line for the deciding rule, then one indented line per entry.
    public var description: String {
        (["decided by \(decidingRule)"] + entries.map { "  \($0)" }).joined(separator: "\n")
    }
}
