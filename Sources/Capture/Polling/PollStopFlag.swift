import Synchronization

/// Set once when a poller should stop taking new mail (graceful shutdown, cancellation); the poll in progress sees it
/// before its next message and returns after committing the one in hand.
public final class PollStopFlag: Sendable {
    private let value = Atomic<Bool>(false)

    public init() {}

    public var isSet: Bool { value.load(ordering: .acquiring) }
    public func set() { value.store(true, ordering: .releasing) }
}
