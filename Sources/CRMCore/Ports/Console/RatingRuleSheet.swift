/// The stored rating rules grouped by account type, and what `rating validate` finds in them (§6).
public struct RatingRuleSheet: Sendable, Hashable {
    /// The rules of one account type, by range.
    public struct Group: Sendable, Hashable {
        public var accountType: AccountType
        public var rules: [RatingRule]
        public init(accountType: AccountType, rules: [RatingRule]) {
            self.accountType = accountType
            self.rules = rules
        }
    }

    /// By account type.
    public var groups: [Group]
    public var findings: [RatingRuleFinding]

    public init(groups: [Group], findings: [RatingRuleFinding]) {
        self.groups = groups
        self.findings = findings
    }
}
