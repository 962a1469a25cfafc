import CRMCore
import Testing
@testable import Jobs

@Suite struct AccountForestTests {
    func account(_ id: String, parent: String?) -> RatingAccount {
        RatingAccount(id: AccountID(id), type: .customer, status: .active, parentID: parent.map { AccountID($0) }, rating: nil)
    }

    @Test("§6 a cycle is found, never looped on") func cycles() {
        let forest = AccountForest([account("A", parent: "B"), account("B", parent: "A"), account("C", parent: "A"),
                                    account("D", parent: "D"), account("E", parent: nil)])
        #expect(forest.cycles.count == 2)
        #expect(Set(forest.cycleOf.keys.map { forest.accounts[$0].id.rawValue }) == ["A", "B", "D"])
        #expect(forest.withAncestors([forest.index[AccountID("C")]!]).count == 3)
    }

    @Test("§6 a subsidiary's contracts count at any depth (100 000 levels, no recursion)") func veryDeep() throws {
        let depth = 100_000
        let accounts = (0..<depth).map { account("L\($0)", parent: $0 == 0 ? nil : "L\($0 - 1)") }
        let forest = AccountForest(accounts)
        let eur = CurrencyCode(rawValue: "EUR")!
        let calculator = RatingCalculator(
            forest: forest, ownTotals: [AccountID("L\(depth - 1)"): [CurrencyTotal(currency: eur, amount: Amount("5")!, contracts: 1)]],
            rules: [RatingRule(accountType: .customer, rating: Rating(rawValue: 4)!, amountFrom: 0, amountTo: 10, currency: eur)],
            rates: EffectiveRates(), day: Day(rawValue: "2026-01-01")!)
        let result = try calculator.rate(nil)
        #expect(result.ratings[AccountID("L0")] == .some(Rating(rawValue: 4)))
        #expect(forest.cycles.isEmpty)
    }
}

@Suite struct RuleValidatorTests {
    let eur = CurrencyCode(rawValue: "EUR")!
    func rule(_ r: Int, _ a: Int64, _ b: Int64, _ t: AccountType = .customer) -> RatingRule {
        RatingRule(accountType: t, rating: Rating(rawValue: r)!, amountFrom: a, amountTo: b, currency: eur)
    }

    @Test("§6 100–200 and 150–300 → 201–300") func example() {
        let (findings, repaired) = RuleValidator.validate([rule(1, 150, 300), rule(2, 100, 200)])
        #expect(findings == [.overlap(earlier: rule(2, 100, 200), later: rule(1, 150, 300), suggested: rule(1, 201, 300))])
        #expect(Set(repaired) == [rule(2, 100, 200), rule(1, 201, 300)])
    }

    @Test func aRangeInsideAnotherIsSuggestedForRemoval() {
        let (findings, repaired) = RuleValidator.validate([rule(1, 0, 300), rule(2, 100, 200)])
        #expect(findings == [.overlap(earlier: rule(1, 0, 300), later: rule(2, 100, 200), suggested: nil)])
        #expect(repaired == [rule(1, 0, 300)])
    }

    @Test func typesAreCheckedSeparately() {
        #expect(RuleValidator.validate([rule(1, 0, 10), rule(1, 5, 20, .reseller), rule(2, 11, 20)]).findings.isEmpty)
    }

    @Test func gapsAreFound() {
        #expect(RuleValidator.validate([rule(1, 0, 10), rule(2, 12, 20)]).findings == [.gap(.customer, from: 11, to: 11)])
    }
}

@Suite struct EffectiveRatesTests {
    @Test("§6 the newest rate valid on the day; direct pairs only") func newest() {
        let usd = CurrencyCode(rawValue: "USD")!, eur = CurrencyCode(rawValue: "EUR")!
        let day = { Day(rawValue: $0)! }
        let rates = EffectiveRates([
            ExchangeRate(from: usd, to: eur, rate: Amount("0.8")!, validFrom: day("2025-01-01")),
            ExchangeRate(from: usd, to: eur, rate: Amount("0.9")!, validFrom: day("2026-01-01")),
            ExchangeRate(from: usd, to: eur, rate: Amount("1.0")!, validFrom: day("2026-01-02")),
            ExchangeRate(from: eur, to: usd, rate: Amount("1.1")!, validFrom: day("2020-01-01")),
        ], on: day("2026-01-01"))
        #expect(rates.rate(from: usd, to: eur) == Amount("0.9"))
        #expect(rates.rate(from: eur, to: usd) == Amount("1.1"))
        #expect(rates.rate(from: usd, to: CurrencyCode(rawValue: "CHF")!) == nil)
    }
}
