/// What the rating needs of one account: its place in the hierarchy, what decides whether it is rated, its rating.
public struct RatingAccount: Hashable, Sendable {
    public var id: AccountID
    public var type: AccountType
    public var status: AccountStatus
    public var parentID: AccountID?
    public var rating: Rating?

    public init(id: AccountID, type: AccountType, status: AccountStatus, parentID: AccountID?, rating: Rating?) {
        self.id = id
        self.type = type
        self.status = status
        self.parentID = parentID
        self.rating = rating
    }
}

/// The sum of some contract values (`item_value + service_value`) in one currency, and how many contracts.
public struct CurrencyTotal: Hashable, Sendable {
    public var currency: CurrencyCode
    public var amount: Amount
    public var contracts: Int

    public init(currency: CurrencyCode, amount: Amount, contracts: Int) {
        self.currency = currency
        self.amount = amount
        self.contracts = contracts
    }
}

/// The exchange rates in force on one day, one per (from, to) pair: the newest valid on or before that day.
public struct EffectiveRates: Hashable, Sendable {
    public struct Pair: Hashable, Sendable {
        public var from: CurrencyCode
        public var to: CurrencyCode
        public init(from: CurrencyCode, to: CurrencyCode) { self.from = from; self.to = to }
    }

    public var rates: [Pair: Amount]

    public init(rates: [Pair: Amount] = [:]) { self.rates = rates }

    /// Picks, for each pair, the rate with the newest `validFrom` not after `day`. Only direct rates count: an
    /// inverse pair (to → from) is not used, because 1/rate is not an exact decimal.
    public init(_ all: [ExchangeRate], on day: Day) {
        var best: [Pair: ExchangeRate] = [:]
        for rate in all where rate.validFrom <= day {
            let pair = Pair(from: rate.from, to: rate.to)
            if let current = best[pair], current.validFrom >= rate.validFrom { continue }
            best[pair] = rate
        }
        rates = best.mapValues(\.rate)
    }

    public func rate(from: CurrencyCode, to: CurrencyCode) -> Amount? { rates[Pair(from: from, to: to)] }
}

/// What the last rating run left for the next incremental one.
public struct RatingWatermark: Hashable, Sendable {
    /// The database change sequence the run saw; changes with a higher sequence are new.
    public var changeSeq: Int64
    /// The exchange rates the run used; a different rate today recomputes the accounts holding that currency.
    public var rates: EffectiveRates

    public init(changeSeq: Int64, rates: EffectiveRates) {
        self.changeSeq = changeSeq
        self.rates = rates
    }
}
