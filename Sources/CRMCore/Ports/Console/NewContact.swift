/// "Add the contact" (§8): a new contact on an account, with one address, made from an unknown sender.
public struct NewContact: Sendable, Hashable {
    /// The contact's id; nil lets the store choose one (`console-N`).
    public var id: ContactID?
    public var account: AccountID
    public var name: String
    public var address: EmailAddress

    public init(id: ContactID? = nil, account: AccountID, name: String, address: EmailAddress) {
        self.id = id
        self.account = account
        self.name = name
        self.address = address
    }
}
