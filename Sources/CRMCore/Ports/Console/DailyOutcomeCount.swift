/// How many messages captured on one UTC day ended with one outcome.
public struct DailyOutcomeCount: Sendable, Hashable {
    public var day: Day
    public var outcome: PolledOutcome
    public var count: Int

    public init(day: Day, outcome: PolledOutcome, count: Int) {
        self.day = day
        self.outcome = outcome
        self.count = count
    }
}
