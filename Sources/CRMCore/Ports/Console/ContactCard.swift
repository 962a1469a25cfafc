/// A contact as the review queue's ranking sees it: who it is, on which account, with which addresses (§8).
public struct ContactCard: Sendable, Hashable {
    public var id: ContactID
    public var name: String
    public var account: AccountID
    public var accountName: String
    public var addresses: [EmailAddress]

    public init(id: ContactID, name: String, account: AccountID, accountName: String, addresses: [EmailAddress]) {
        self.id = id
        self.name = name
        self.account = account
        self.accountName = accountName
        self.addresses = addresses
    }
}
