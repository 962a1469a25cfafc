import CRMCore
import Foundation

/// The rating job (§6): recomputes the accounts that changes since the last run can affect (all with `full`), writes
/// only ratings that change, and records the run in the job-run log.
public struct RatingJob: Sendable {
    /// The job's name in the job-run log.
    public static let name = "rating"

    /// What one run did.
    public struct Outcome: Sendable {
        public var runID: JobRunID
        public var full: Bool
        public var examined: Int
        public var changed: Int
        public var problems: [RatingCalculator.Problem]
        public var messages: [String] { problems.map(\.description) }
    }

    let store: any RatingStore
    let log: any JobRunLog

    public init(store: any RatingStore, log: any JobRunLog) {
        self.store = store
        self.log = log
    }

    /// Runs once at `now` (its UTC day picks the exchange rates). An incremental run with no earlier run is full.
    public func run(full: Bool, now: Date = Date()) throws -> Outcome {
        let runID = try log.startRun(job: Self.name, at: now)
        do {
            var outcome = try store.inRatingTransaction { session in try Self.compute(session, full: full, now: now) }
            outcome.runID = runID
            try log.finishRun(runID, state: .completed, at: Date(), examined: outcome.examined,
                              changed: outcome.changed, messages: outcome.messages)
            return outcome
        } catch {
            try? log.finishRun(runID, state: .failed, at: Date(), examined: 0, changed: 0,
                               messages: ["rating failed: \(error)"])
            throw error
        }
    }

    static func compute(_ session: any RatingSession, full requestedFull: Bool, now: Date) throws -> Outcome {
        let seq = try session.currentChangeSeq()
        let previous = requestedFull ? nil : try session.watermark()
        let forest = AccountForest(try session.accounts())
        let rules = try session.rules()
        let day = Day(utc: now)
        let rates = EffectiveRates(try session.exchangeRates(), on: day)

        var ownTotals: [AccountID: [CurrencyTotal]]
        let examined: Set<Int>?
        if let previous {
            let dirty = try session.accountsChanged(after: previous.changeSeq)
            let fresh = try session.ownTotals(of: dirty)
            ownTotals = try session.savedOwnTotals()
            for id in dirty { ownTotals[id] = fresh[id] }
            try session.saveOwnTotals(fresh, replacing: dirty)

            var seeds = Set(dirty.compactMap { forest.index[$0] })
            let changedTypes = try session.accountTypesChanged(after: previous.changeSeq)
            let changedPairs = Set(previous.rates.rates.keys).union(rates.rates.keys)
                .filter { previous.rates.rates[$0] != rates.rates[$0] }
            let changedCurrencies = Set(changedPairs.map(\.from))
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
            ownTotals = try session.ownTotals(of: nil)
            try session.saveOwnTotals(ownTotals, replacing: nil)
            examined = nil
        }

        let calculator = RatingCalculator(forest: forest, ownTotals: ownTotals, rules: rules, rates: rates, day: day)
        let result = try calculator.rate(examined)
        var changed = 0
        for account in forest.accounts {
            guard let rating = result.ratings[account.id], rating != account.rating else { continue }
            try session.setRating(rating, of: account.id, at: now)
            changed += 1
        }
        try session.saveWatermark(RatingWatermark(changeSeq: seq, rates: rates))
        return Outcome(runID: JobRunID(rawValue: 0), full: previous == nil, examined: examined?.count ?? forest.accounts.count,
                       changed: changed, problems: result.problems)
    }
}
