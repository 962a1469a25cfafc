/// A customer rating, 1 (highest) to 7 (§3 rating-rules).
public struct Rating: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init?(rawValue: Int) {
        guard (1...7).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }
    public var description: String { String(rawValue) }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One rating rule: totals from `amountFrom` to `amountTo` whole units (inclusive) of `currency` give `rating`.
public struct RatingRule: Hashable, Sendable {
    public var accountType: AccountType
    public var rating: Rating
    public var amountFrom: Int64
    public var amountTo: Int64
    public var currency: CurrencyCode

    public init(accountType: AccountType, rating: Rating, amountFrom: Int64, amountTo: Int64, currency: CurrencyCode) {
        self.accountType = accountType
        self.rating = rating
        self.amountFrom = amountFrom
        self.amountTo = amountTo
        self.currency = currency
    }

    /// Whether the rounded total lies in this rule's inclusive range.
    public func covers(_ units: Int128) -> Bool { Int128(amountFrom) <= units && units <= Int128(amountTo) }
}

/// One exchange rate: one unit of `from` is `rate` units of `to` from the day `validFrom` on (§3).
public struct ExchangeRate: Hashable, Sendable {
    public var from: CurrencyCode
    public var to: CurrencyCode
    public var rate: Amount
    public var validFrom: Day

    public init(from: CurrencyCode, to: CurrencyCode, rate: Amount, validFrom: Day) {
        self.from = from
        self.to = to
        self.rate = rate
        self.validFrom = validFrom
    }
}
