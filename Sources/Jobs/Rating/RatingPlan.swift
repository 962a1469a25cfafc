import CRMCore
import Foundation

/// The first phase of a rating run (§6): everything it will write, computed from one snapshot of the database.
///
/// The plan is as of the snapshot: its watermark is the change sequence the snapshot saw, so what is imported while
/// the run computes stays marked for the next run. It may be written only over the watermark it was computed from:
/// when another run committed in between (whose watermark may be later, its marks already cleared), writing this one
/// would lose changes, so `commit` refuses (`RatingRunOverlapped`) and writes nothing; the job then computes again.
struct RatingPlan: Sendable {
    /// The watermark in the snapshot (nil before the first run).
    let seen: RatingWatermark?
    /// The watermark this run leaves.
    let next: RatingWatermark
    let full: Bool
    let examined: Int
    /// Own totals to save, replacing the saved totals of `replacing` (all when nil).
    let ownTotals: [AccountID: [CurrencyTotal]]
    let replacing: Set<AccountID>?
    /// The ratings that differ from the snapshot's, in account order.
    let ratings: [(AccountID, Rating?)]
    let problems: [RatingCalculator.Problem]

    /// Computes the run from `snapshot`. An incremental run with no earlier run is full.
    init(_ snapshot: any RatingSnapshot, full requestedFull: Bool, now: Date, checkStop: () throws -> Void) throws {
        let seq = try snapshot.currentChangeSeq()
        seen = try snapshot.watermark()
        let previous = requestedFull ? nil : seen
        let day = Day(utc: now)
        let rates = EffectiveRates(try snapshot.exchangeRates(), on: day)
        next = RatingWatermark(changeSeq: seq, rates: rates)
        full = previous == nil

        let forest: AccountForest
        var ownTotals: [AccountID: [CurrencyTotal]]
        let examined: Set<Int>?
        if let previous {
            let dirty = try snapshot.accountsChanged(after: previous.changeSeq)
            let changedTypes = try snapshot.accountTypesChanged(after: previous.changeSeq)
            let changedPairs = Set(previous.rates.rates.keys).union(rates.rates.keys)
                .filter { previous.rates.rates[$0] != rates.rates[$0] }
            let changedCurrencies = Set(changedPairs.map(\.from))
            if dirty.isEmpty && changedTypes.isEmpty && changedCurrencies.isEmpty {
                self.examined = 0
                self.ownTotals = [:]
                replacing = []
                ratings = []
                problems = []
                return
            }
            forest = AccountForest(try snapshot.accounts())
            let fresh = try snapshot.ownTotals(of: dirty)
            ownTotals = try snapshot.savedOwnTotals()
            for id in dirty { ownTotals[id] = fresh[id] }
            self.ownTotals = fresh
            replacing = dirty

            var seeds = Set(dirty.compactMap { forest.index[$0] })
            if !changedTypes.isEmpty || !changedCurrencies.isEmpty {
                for (i, account) in forest.accounts.enumerated() {
                    if changedTypes.contains(account.type) { seeds.insert(i); continue }
                    if let own = ownTotals[account.id], own.contains(where: { changedCurrencies.contains($0.currency) }) {
                        seeds.insert(i)
                    }
                }
            }
            examined = forest.withAncestors(seeds)
        } else {
            forest = AccountForest(try snapshot.accounts())
            ownTotals = try snapshot.ownTotals(of: nil)
            self.ownTotals = ownTotals
            replacing = nil
            examined = nil
        }
        try checkStop()
        let calculator = RatingCalculator(forest: forest, ownTotals: ownTotals, rules: try snapshot.rules(), rates: rates,
                                          day: day)
        let result = try calculator.rate(examined, checkStop: checkStop)
        ratings = result.ratings.sorted { $0.key < $1.key }.filter { id, rating in
            guard let i = forest.index[id] else { return false }
            return forest.accounts[i].rating != rating
        }
        problems = result.problems
        self.examined = examined?.count ?? forest.accounts.count
    }

    /// Writes the plan in the write transaction of `session`; returns how many ratings changed.
    func commit(to session: any RatingWriteSession, at now: Date, checkStop: () throws -> Void) throws -> Int {
        let committed = try session.watermark()
        guard committed == seen else {
            throw RatingRunOverlapped(seenChangeSeq: seen?.changeSeq, committedChangeSeq: committed?.changeSeq)
        }
        try session.saveOwnTotals(ownTotals, replacing: replacing)
        var changed = 0
        for (n, (id, rating)) in ratings.enumerated() {
            if n % 1_000 == 0 { try checkStop() }
            if try session.setRating(rating, of: id, at: now) { changed += 1 }
        }
        try session.saveWatermark(next)
        return changed
    }
}
