/// One account as imported (§3 accounts.csv).
public struct AccountRecord: Hashable, Sendable {
    public var id: AccountID
    public var name: String
    public var type: AccountType
    public var status: AccountStatus
    public var parentID: AccountID?
    public var currency: CurrencyCode

    public init(id: AccountID, name: String, type: AccountType, status: AccountStatus, parentID: AccountID?,
                currency: CurrencyCode) {
        self.id = id
        self.name = name
        self.type = type
        self.status = status
        self.parentID = parentID
        self.currency = currency
    }
}

/// One contract as imported (§3 contracts.csv); `modifiedAt` is kept as the ISO 8601 text given.
public struct ContractRecord: Hashable, Sendable {
    public var id: ContractID
    public var accountID: AccountID
    public var itemValue: Amount
    public var serviceValue: Amount
    public var currency: CurrencyCode
    public var modifiedAt: String

    public init(id: ContractID, accountID: AccountID, itemValue: Amount, serviceValue: Amount,
                currency: CurrencyCode, modifiedAt: String) {
        self.id = id
        self.accountID = accountID
        self.itemValue = itemValue
        self.serviceValue = serviceValue
        self.currency = currency
        self.modifiedAt = modifiedAt
    }
}

/// What one import did: rows new, rows whose values changed, rows already as given.
public struct ImportSummary: Hashable, Sendable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}
