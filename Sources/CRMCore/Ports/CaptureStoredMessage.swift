/// A message the store already has.
public struct StoredMessage: Sendable, Equatable {
    public var id: Int64
    public var identity: MessageIdentity
    public var excluded: Bool
    /// The checksums of its stored copies.
    public var copies: [String]
    public var hasActivity: Bool
    /// The review status of its unmatched entry, nil when it has none.
    public var unmatchedStatus: String?
    public init(id: Int64, identity: MessageIdentity, excluded: Bool, copies: [String], hasActivity: Bool,
                unmatchedStatus: String?) {
        self.id = id
        self.identity = identity
        self.excluded = excluded
        self.copies = copies
        self.hasActivity = hasActivity
        self.unmatchedStatus = unmatchedStatus
    }
}
