import IMAPClient
import Synchronization

/// The IDLE connections a mailbox's poll service opens one after the other (issue 14): one for each time it holds
/// the mailbox's lease. `endCurrent()` (the lease lost) interrupts the one open; `stop()` (shutdown) that one and any
/// later.
final class IdleTenures: Sendable {
    private let state = Mutex<(current: IdleInterrupt?, stopped: Bool)>((nil, false))

    /// The interrupt of a new connection, nil once stopped.
    func begin() -> IdleInterrupt? {
        state.withLock { state in
            guard !state.stopped else { return nil }
            let interrupt = IdleInterrupt()
            state.current = interrupt
            return interrupt
        }
    }

    /// Interrupts the connection open now, if any.
    func endCurrent() {
        state.withLock { $0.current }?.signal()
    }

    /// Interrupts the connection open now and refuses any later one.
    func stop() {
        state.withLock { state -> IdleInterrupt? in
            state.stopped = true
            return state.current
        }?.signal()
    }

    var isStopped: Bool { state.withLock { $0.stopped } }
}
