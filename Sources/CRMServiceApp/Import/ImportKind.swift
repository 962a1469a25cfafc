/// The KINDs of `crmservice import` (§1); contacts, users and orders arrive with the capture pipeline (issue #3).
public enum ImportKind: String, CaseIterable, Sendable {
    case accounts, contacts, users, orders, contracts
    case ratingRules = "rating-rules"
    case exchangeRates = "exchange-rates"

    /// The columns of §3.
    public var columns: [String] {
        switch self {
        case .accounts: ["id", "name", "type", "status", "parent_id", "currency"]
        case .contacts: ["id", "account_id", "name", "email"]
        case .users: ["id", "name", "email"]
        case .orders: ["number", "account_id", "description"]
        case .contracts: ["id", "account_id", "item_value", "service_value", "currency", "modified_at"]
        case .ratingRules: ["account_type", "rating", "amount_from", "amount_to", "currency"]
        case .exchangeRates: ["from_currency", "to_currency", "rate", "valid_from"]
        }
    }
}

/// An import KIND that this build cannot import yet.
public struct ImportNotAvailable: Error, CustomStringConvertible {
    public var kind: ImportKind
    public var description: String { "import of \(kind.rawValue) is not available yet" }
}
