/// What reprocessing open entries made of them (§5): `activities` is the figure the page shows after "remember".
public struct ReprocessSummary: Sendable, Hashable {
    /// The entries reprocessed, by id, with their new outcome in the words of `unmatched reprocess`
    /// (`activity`, `unmatched unknown_sender`, `ignored excluded`).
    public var outcomes: [Int64: String]
    /// Entries given that were not open, left alone.
    public var skipped: [Int64]

    public init(outcomes: [Int64: String] = [:], skipped: [Int64] = []) {
        self.outcomes = outcomes
        self.skipped = skipped
    }

    /// How many entries became activities.
    public var activities: Int { outcomes.values.filter { $0 == "activity" }.count }
    /// How many were excluded (a never-capture address) or otherwise left the queue without becoming activities.
    public var ignored: Int { outcomes.values.filter { $0.hasPrefix("ignored") }.count }
    /// How many are still open.
    public var stillOpen: Int { outcomes.values.filter { $0.hasPrefix("unmatched") }.count }
}
