import IMAPClient
import Synchronization

/// The IDLE connections a mailbox's poll service opens one after the other (issue 14): one for each time it holds
/// the mailbox's lease. `endCurrent()` (the lease lost) interrupts the one open; `stop()` (shutdown) that one and any
/// later. `running` counts the watcher threads begun and not yet `ended()`: a stop abandons the thread (its connect
/// cannot be interrupted), and the lease is released only once none runs, so no connection of this instance is still
/// open on the mailbox when another instance takes it.
final class IdleTenures: Sendable {
    private let state = Mutex<(current: IdleInterrupt?, stopped: Bool, running: Int)>((nil, false, 0))

    /// The interrupt of a new connection, nil once stopped; the caller runs the connection's thread, which calls
    /// `ended()` when it has closed the connection.
    func begin() -> IdleInterrupt? {
        state.withLock { state in
            guard !state.stopped else { return nil }
            let interrupt = IdleInterrupt()
            state.current = interrupt
            state.running += 1
            return interrupt
        }
    }

    /// The thread of a connection `begin()` gave has ended (its connection closed).
    func ended() {
        state.withLock { $0.running -= 1 }
    }

    /// Watcher threads begun and not ended.
    var running: Int { state.withLock { $0.running } }

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
