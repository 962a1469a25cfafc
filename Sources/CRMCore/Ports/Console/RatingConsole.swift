import Foundation

/// The console's rating page (§8 Rating rules, §6): the rules per account type with the overlap check and its
/// suggested repair, the repair, and "run the rating now" with the run's log. Implemented in CRMServiceApp over the
/// services behind `crmservice rating`.
public protocol RatingConsole: Sendable {
    /// The stored rules by account type, and what `rating validate` finds in them.
    func ruleSheet() throws -> RatingRuleSheet
    /// `rating validate --repair`: applies the suggested repairs of the overlaps in one transaction, audited as
    /// `actor`; returns what was found before the repair.
    func repairRules(actor: String, at time: Date) throws -> [RatingRuleFinding]
    /// `rating run` (incremental), audited as `actor`; the run is in the job-run log. Throws `JobAlreadyRunning` when
    /// a run of the rating is in progress (§7).
    func runRating(actor: String, at time: Date) throws -> JobRun
    /// The newest runs of the rating job, newest first, at most `limit`.
    func ratingRuns(limit: Int) throws -> [JobRun]
}
