/// An account with its parent, its subsidiaries and the rating rules of its type.
public struct AccountProfile: Sendable, Hashable {
    /// A subsidiary and how far below the account it is (1: a direct one).
    public struct Subsidiary: Sendable, Hashable {
        public var depth: Int
        public var account: AccountSummary
        public init(depth: Int, account: AccountSummary) {
            self.depth = depth
            self.account = account
        }
    }

    public var account: AccountSummary
    public var parent: AccountSummary?
    /// Every subsidiary at any depth, in tree order (each right after its parent's subtree starts).
    public var subsidiaries: [Subsidiary]
    /// The rules of the account's type, best rating first.
    public var ratingRules: [RatingRule]

    public init(account: AccountSummary, parent: AccountSummary?, subsidiaries: [Subsidiary], ratingRules: [RatingRule]) {
        self.account = account
        self.parent = parent
        self.subsidiaries = subsidiaries
        self.ratingRules = ratingRules
    }
}
