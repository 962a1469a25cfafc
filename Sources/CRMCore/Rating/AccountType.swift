/// An account's type (§3: Customer, Reseller, Supplier, Prospect, …); an open vocabulary, compared exactly.
public struct AccountType: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public static let customer = AccountType("Customer")
    public static let reseller = AccountType("Reseller")
    public static let supplier = AccountType("Supplier")
    public static let prospect = AccountType("Prospect")

    /// §6: only Customer and Reseller accounts are rated.
    public var isRated: Bool { self == .customer || self == .reseller }
}

/// An account's status (§3: Active, Exit, …); an open vocabulary, compared exactly.
public struct AccountStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let active = AccountStatus("Active")
    public static let exit = AccountStatus("Exit")
}
