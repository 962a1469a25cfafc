/// An account as lists show it.
public struct AccountSummary: Sendable, Hashable {
    public var id: AccountID
    public var name: String
    public var type: AccountType
    public var status: AccountStatus
    public var parent: AccountID?
    public var rating: Rating?

    public init(id: AccountID, name: String, type: AccountType, status: AccountStatus, parent: AccountID?,
                rating: Rating?) {
        self.id = id
        self.name = name
        self.type = type
        self.status = status
        self.parent = parent
        self.rating = rating
    }
}
