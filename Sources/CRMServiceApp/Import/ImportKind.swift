/// The KINDs of `crmservice import` (§1).
public enum ImportKind: String, CaseIterable, Sendable {
    case accounts, contacts, users, orders, contracts
    case ratingRules = "rating-rules"
    case exchangeRates = "exchange-rates"
    case appointments

    /// One column of §3 and the value the kind's template shows in it.
    public struct Column: Sendable {
        public var name: String
        public var example: String
    }

    /// The columns of §3, in the order templates and exports write them, each with its template's example value.
    ///
    /// The examples import cleanly into an empty database in `templateOrder`: the rows of contacts, orders and
    /// contracts name the account of the accounts template (`ACME`), which is why that template comes first.
    public var columnTable: [Column] {
        func c(_ name: String, _ example: String) -> Column { Column(name: name, example: example) }
        return switch self {
        case .accounts:
            [c("id", "ACME"), c("name", "ACME Ltd"), c("type", "Customer"), c("status", "Active"), c("parent_id", ""),
             c("currency", "EUR")]
        case .contacts:
            [c("id", "C-1"), c("account_id", "ACME"), c("name", "Jane Doe"), c("email", "jane.doe@acme.example")]
        case .users:
            [c("id", "U-1"), c("name", "John Smith"), c("email", "john.smith@ourcompany.example")]
        case .orders:
            [c("number", "1001"), c("account_id", "ACME"), c("description", "First order")]
        case .contracts:
            [c("id", "K-1"), c("account_id", "ACME"), c("item_value", "1200.00"), c("service_value", "300.00"),
             c("currency", "EUR"), c("modified_at", "2026-01-15T09:30:00Z")]
        case .ratingRules:
            [c("account_type", "Customer"), c("rating", "1"), c("amount_from", "0"), c("amount_to", "9999"),
             c("currency", "EUR")]
        case .exchangeRates:
            [c("from_currency", "USD"), c("to_currency", "EUR"), c("rate", "0.92"), c("valid_from", "2026-01-01")]
        case .appointments:
            [c("id", "AP-1"), c("owner", "U-1"), c("title", "Quarterly review"), c("start", "2026-02-03T10:00"),
             c("end", "2026-02-03T11:00"), c("all_day", "false"), c("time_zone", "Europe/Berlin"),
             c("location", "ACME, Room 4"), c("description", "Contract renewal"),
             c("attendees", "jane.doe@acme.example;john.smith@ourcompany.example")]
        }
    }

    /// The columns of §3.
    public var columns: [String] { columnTable.map(\.name) }

    /// The kinds whose rows this kind's rows must find in the database (an account named by `account_id`).
    public var parents: [ImportKind] {
        switch self {
        case .contacts, .orders, .contracts: [.accounts]
        case .appointments: [.users]
        case .accounts, .users, .ratingRules, .exchangeRates: []
        }
    }

    /// Every kind, each after its parents: the order in which the templates import into an empty database.
    public static let templateOrder: [ImportKind] = [.accounts, .contacts, .users, .orders, .contracts, .ratingRules,
                                                     .exchangeRates, .appointments]
}

/// An import KIND that this build cannot import yet.
public struct ImportNotAvailable: Error, CustomStringConvertible {
    public var kind: ImportKind
    public var description: String { "import of \(kind.rawValue) is not available yet" }
}
