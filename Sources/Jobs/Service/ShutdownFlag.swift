import Synchronization

/// Set once when the service begins a graceful shutdown; running jobs see it at their next `checkStop()`.
public final class ShutdownFlag: Sendable {
    private let value = Atomic<Bool>(false)

    public init() {}

    public var isSet: Bool { value.load(ordering: .acquiring) }
    public func set() { value.store(true, ordering: .releasing) }
}
