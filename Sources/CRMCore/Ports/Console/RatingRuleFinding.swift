/// One finding of `rating validate` (§6).
public struct RatingRuleFinding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Two ranges of one type overlap; `--repair` applies `suggested` (nil: the later range is removed).
        case overlap
        /// No rule covers a range between two rules; left as it is by the repair.
        case gap
    }

    public var kind: Kind
    public var accountType: AccountType
    /// The later, overlapping rule (nil for a gap).
    public var rule: RatingRule?
    /// The repaired rule the repair writes instead of `rule` (nil: removed, or a gap).
    public var suggested: RatingRule?
    /// As `rating validate` prints it.
    public var text: String

    public init(kind: Kind, accountType: AccountType, rule: RatingRule?, suggested: RatingRule?, text: String) {
        self.kind = kind
        self.accountType = accountType
        self.rule = rule
        self.suggested = suggested
        self.text = text
    }
}
