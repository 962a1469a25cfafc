import Foundation

/// The dashboard's counts (§8): messages captured per day by outcome, and the open review queue by reason.
/// Implemented by Store.
public protocol DashboardSource: Sendable {
    /// For each UTC day from `first` through `last` (both included), the messages fetched or replayed that day with
    /// each outcome; a day and outcome with none is absent.
    func capturedPerDay(from first: Day, through last: Day) throws -> [DailyOutcomeCount]
    /// The open entries of the review queue by reason (`unknown_sender`…); reasons with none are absent.
    func openEntriesByReason() throws -> [String: Int]
}
