import Synchronization

/// Set once when work should stop taking new items (graceful shutdown, `jobs stop`, cancellation): a running job sees
/// it at its next `checkStop()`, a poll before its next message, and each finishes and commits what is in hand.
public final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)

    public init() {}

    public var isSet: Bool { value.load(ordering: .acquiring) }
    public func set() { value.store(true, ordering: .releasing) }
}
