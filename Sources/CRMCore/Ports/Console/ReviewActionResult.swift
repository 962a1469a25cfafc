/// What an action on many review items did: the ids it acted on, and those it left because they were no longer
/// open (or no longer flagged) when it ran.
public struct ReviewActionResult: Sendable, Hashable {
    public var done: [Int64]
    public var skipped: [Int64]

    public init(done: [Int64] = [], skipped: [Int64] = []) {
        self.done = done
        self.skipped = skipped
    }
}
