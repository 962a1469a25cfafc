import CRMCore

/// The rating rules of §6 as a pure function: accounts, their own contract totals, rules and rates in; the rating of
/// each examined account and the run log's problems out. No I/O.
public struct RatingCalculator {
    /// Why an account is not rated although it would be: reported in the run log.
    public enum Problem: Hashable, Sendable {
        /// The accounts on one cycle of parent links, in parent order; all skipped.
        case cycle([AccountID])
        /// A contract currency of the account's tree has no rate to the rules' currency valid on the day of the run.
        case notConvertible(AccountID, from: CurrencyCode, to: CurrencyCode, day: Day)
        /// The exact total is too large.
        case overflow(AccountID)
        /// The rules of one account type name more than one currency; the first rule's currency is used.
        case mixedRuleCurrencies(AccountType)
    }

    public struct Result: Sendable {
        /// The rating of every examined account (nil: not rated).
        public var ratings: [AccountID: Rating?] = [:]
        public var problems: [Problem] = []
    }

    let forest: AccountForest
    /// Own totals by forest index.
    let ownTotals: [[CurrencyTotal]]
    let rulesByType: [AccountType: [RatingRule]]
    let rates: EffectiveRates
    let day: Day

    init(forest: AccountForest, ownTotals: [AccountID: [CurrencyTotal]], rules: [RatingRule], rates: EffectiveRates, day: Day) {
        self.forest = forest
        var own = [[CurrencyTotal]](repeating: [], count: forest.accounts.count)
        for (id, totals) in ownTotals { if let i = forest.index[id] { own[i] = totals } }
        self.ownTotals = own
        self.rulesByType = Dictionary(grouping: rules, by: \.accountType).mapValues { rules in
            rules.sorted { ($0.amountFrom, $0.rating.rawValue) < ($1.amountFrom, $1.rating.rawValue) }
        }
        self.rates = rates
        self.day = day
    }

    /// Rates the accounts at `examined` (indexes into the forest); every account when `nil`. `checkStop` is called
    /// every few thousand accounts; what it throws ends the computation.
    func rate(_ examined: Set<Int>?, checkStop: () throws -> Void = {}) throws -> Result {
        var result = Result()
        var subtree = [[CurrencyTotal]?](repeating: nil, count: forest.accounts.count)
        let targets = examined.map { $0.sorted() } ?? Array(forest.accounts.indices)
        var reportedCycles = Set<Int>()
        for type in rulesByType.keys.sorted() where Set(rulesByType[type]!.map(\.currency)).count > 1 {
            result.problems.append(.mixedRuleCurrencies(type))
        }
        for (n, i) in targets.enumerated() {
            if n % 2_000 == 0 { try checkStop() }
            let account = forest.accounts[i]
            if let cycle = forest.cycleOf[i] {
                if reportedCycles.insert(cycle).inserted {
                    result.problems.append(.cycle(forest.cycles[cycle].map { forest.accounts[$0].id }))
                }
                result.ratings[account.id] = .some(nil)
                continue
            }
            guard account.type.isRated, account.status != .exit else {
                result.ratings[account.id] = .some(nil)
                continue
            }
            let totals = try subtreeTotals(i, memo: &subtree)
            guard totals.contains(where: { $0.contracts > 0 }), let rules = rulesByType[account.type],
                  let currency = rules.first?.currency else {
                result.ratings[account.id] = .some(nil)
                continue
            }
            var sum = Amount.zero
            var problem: Problem?
            for total in totals.sorted(by: { $0.currency < $1.currency }) {
                var value = total.amount
                if total.currency != currency {
                    guard let rate = rates.rate(from: total.currency, to: currency) else {
                        problem = .notConvertible(account.id, from: total.currency, to: currency, day: day)
                        break
                    }
                    guard let converted = value.multiplied(by: rate) else { problem = .overflow(account.id); break }
                    value = converted
                }
                guard let next = sum.adding(value) else { problem = .overflow(account.id); break }
                sum = next
            }
            if let problem {
                result.problems.append(problem)
                result.ratings[account.id] = .some(nil)
                continue
            }
            // Overlapping rules (see `rating validate`): the range that starts first wins, as the repair keeps it.
            let units = sum.roundedToWholeUnits()
            result.ratings[account.id] = .some(rules.first(where: { $0.covers(units) })?.rating)
        }
        return result
    }

    /// The totals per currency of the account's own contracts and those of all its subsidiaries (never called on a
    /// cycle member, whose descendants cannot be on a cycle). A handful of currencies: arrays, not dictionaries.
    private func subtreeTotals(_ root: Int, memo: inout [[CurrencyTotal]?]) throws -> [CurrencyTotal] {
        if let known = memo[root] { return known }
        // Iterative post-order: deep hierarchies never grow the call stack.
        var stack: [(node: Int, expanded: Bool)] = [(root, false)]
        while let (node, expanded) = stack.popLast() {
            if memo[node] != nil { continue }
            if !expanded {
                stack.append((node, true))
                for child in forest.children[node] where memo[child] == nil { stack.append((child, false)) }
                continue
            }
            var totals = ownTotals[node]
            for child in forest.children[node] {
                for total in memo[child]! { try Self.add(total, to: &totals) }
            }
            memo[node] = totals
        }
        return memo[root]!
    }

    private static func add(_ total: CurrencyTotal, to totals: inout [CurrencyTotal]) throws {
        if let i = totals.firstIndex(where: { $0.currency == total.currency }) {
            guard let sum = totals[i].amount.adding(total.amount) else { throw AmountOverflow() }
            totals[i].amount = sum
            totals[i].contracts += total.contracts
        } else {
            totals.append(total)
        }
    }
}

extension RatingCalculator.Problem: CustomStringConvertible {
    /// The run log's line for this problem (ids only, no names).
    public var description: String {
        switch self {
        case .cycle(let ids):
            let loop = (ids + ids.prefix(1)).map(\.rawValue).joined(separator: " -> ")
            return "cycle in parent links: \(loop); accounts skipped"
        case .notConvertible(let id, let from, let to, let day):
            return "account \(id) not rated: no exchange rate \(from) -> \(to) valid on \(day)"
        case .overflow(let id):
            return "account \(id) not rated: total too large to compute exactly"
        case .mixedRuleCurrencies(let type):
            return "rules of account type \(type) name more than one currency; the first rule's currency is used"
        }
    }
}
