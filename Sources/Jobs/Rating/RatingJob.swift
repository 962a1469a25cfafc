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
/// - The run reads everything from one snapshot and computes outside any write transaction (imports and capture go
///   on); then it writes its result in one short transaction, or nothing when another run committed meanwhile (it
///   then computes again, see `RatingPlan`). A change imported during the computation is after the watermark, so the
///   next run rates it.
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
            var outcome = try Self.execute(store: store, full: full, now: now)
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

    /// One run in two phases: computes from one snapshot of the database (imports and capture go on meanwhile), then
    /// writes the result in one transaction, so a run that stops or fails at any point leaves no partial ratings.
    /// `checkStop` is called every few thousand rows or accounts, also inside the write (a stop there rolls it back);
    /// `betweenPhases` once after each computation (the place for a check that reads the database). When another run
    /// committed while this one computed, this one is computed again from the other's result (`attempts` in all).
    static func execute(store: any RatingStore, full: Bool, now: Date, checkStop: @escaping () throws -> Void = {},
                        betweenPhases: () throws -> Void = {}, attempts: Int = 3) throws -> Outcome {
        var attempt = 1
        while true {
            let plan = try store.inRatingSnapshot(checkStop: checkStop) { snapshot in
                try RatingPlan(snapshot, full: full, now: now, checkStop: checkStop)
            }
            try betweenPhases()
            try checkStop()
            do {
                let changed = try store.inRatingWrite(checkStop: checkStop) { session in
                    try plan.commit(to: session, at: now, checkStop: checkStop)
                }
                return Outcome(runID: JobRunID(rawValue: 0), full: plan.full, examined: plan.examined, changed: changed,
                               problems: plan.problems)
            } catch is RatingRunOverlapped where attempt < attempts {
                attempt += 1
            }
        }
    }
}
