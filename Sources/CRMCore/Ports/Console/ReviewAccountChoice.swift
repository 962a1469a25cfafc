/// An account offered for "add the contact" (§8): its id, name, and whether its contacts share the sender's domain.
public struct ReviewAccountChoice: Sendable, Hashable {
    public var account: AccountID
    public var name: String
    public var sharesDomain: Bool

    public init(account: AccountID, name: String, sharesDomain: Bool) {
        self.account = account
        self.name = name
        self.sharesDomain = sharesDomain
    }
}
