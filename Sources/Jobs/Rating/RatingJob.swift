import CRMCore
import Foundation

/// The rating job (§6): recomputes the accounts that changes since the last run can affect (all with `full`), writes
/// only ratings that change, and records the run in the job-run log.
///
/// How the incremental run finds what to recompute:
/// - Every import that changes something advances one database change sequence and, in the same transaction, marks
///   accounts for the rating: an account whose type, status or parent changed, its former parent, the account of a
///   new or changed contract and its former account; a rules import that changes a type's rules marks the type.
///   Rows whose values do not change are not written and mark nothing.
/// - The run keeps a watermark (the sequence it saw and the exchange rates it used) and each account's own contract
///   totals per currency. The next run re-reads the contracts of the marked accounts only, takes the other own
///   totals from the saved ones, adds the accounts of marked types and the accounts holding a currency whose rate in
///   force changed (a new rate, or a new day), then every ancestor of all these, and rates exactly that set.
/// - The whole run is one write transaction: imports wait, and the watermark matches what was read.
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
        let day = Day(utc: now)
        let rates = EffectiveRates(try session.exchangeRates(), on: day)

        let forest: AccountForest
        var ownTotals: [AccountID: [CurrencyTotal]]
        let examined: Set<Int>?
        if let previous {
            let dirty = try session.accountsChanged(after: previous.changeSeq)
            let changedTypes = try session.accountTypesChanged(after: previous.changeSeq)
            let changedPairs = Set(previous.rates.rates.keys).union(rates.rates.keys)
                .filter { previous.rates.rates[$0] != rates.rates[$0] }
            let changedCurrencies = Set(changedPairs.map(\.from))
            if dirty.isEmpty && changedTypes.isEmpty && changedCurrencies.isEmpty {
                try session.saveWatermark(RatingWatermark(changeSeq: seq, rates: rates))
                return Outcome(runID: JobRunID(rawValue: 0), full: false, examined: 0, changed: 0, problems: [])
            }
            forest = AccountForest(try session.accounts())
            let fresh = try session.ownTotals(of: dirty)
            ownTotals = try session.savedOwnTotals()
            for id in dirty { ownTotals[id] = fresh[id] }
            try session.saveOwnTotals(fresh, replacing: dirty)

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
            forest = AccountForest(try session.accounts())
            ownTotals = try session.ownTotals(of: nil)
            try session.saveOwnTotals(ownTotals, replacing: nil)
            examined = nil
        }

        let calculator = RatingCalculator(forest: forest, ownTotals: ownTotals, rules: try session.rules(), rates: rates,
                                          day: day)
        let result = try calculator.rate(examined)
        var changed = 0
        for (id, rating) in result.ratings.sorted(by: { $0.key < $1.key }) {
            guard let i = forest.index[id], forest.accounts[i].rating != rating else { continue }
            try session.setRating(rating, of: id, at: now)
            changed += 1
        }
        try session.saveWatermark(RatingWatermark(changeSeq: seq, rates: rates))
        return Outcome(runID: JobRunID(rawValue: 0), full: previous == nil, examined: examined?.count ?? forest.accounts.count,
                       changed: changed, problems: result.problems)
    }
}
