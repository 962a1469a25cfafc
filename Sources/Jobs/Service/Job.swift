import CRMCore

/// A job the scheduler runs (§7): `mail-poll`, `rating`, `log-truncate`, later `archive`. The service builds the
/// list it is given (`[any Job]`): that list is the registration point (the poller registers `mail-poll`).
public protocol Job: Sendable {
    /// The name in the configuration and the run log.
    var name: JobName { get }
    /// Does the work. Its blocking part (SQLite, long computations) runs in `context.offPool`, never on the
    /// cooperative pool. Long jobs commit in bounded batches and call `context.checkStop()` between them (or
    /// `checkStopWithoutReading()` inside a store transaction); a thrown `JobStopped` records the run `stopped`, another
    /// error `failed`.
    func run(_ context: JobContext) async throws -> JobOutcome
}

/// What a run did: its counts and messages, as the run log records them.
public struct JobOutcome: Sendable, Hashable {
    public var examined: Int
    public var changed: Int
    public var messages: [String]

    public init(examined: Int = 0, changed: Int = 0, messages: [String] = []) {
        self.examined = examined
        self.changed = changed
        self.messages = messages
    }
}
