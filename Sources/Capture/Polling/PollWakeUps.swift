import Synchronization

/// Wake-ups of a mailbox's poll from its IDLE watcher (INTERFACE.md §11): the watcher calls `wake()` from its thread
/// whenever the server reports a change; the poll service waits for the interval or the next wake-up. Wake-ups while
/// nobody waits are kept as one, so a change seen during a poll (which may have read the mailbox before it) is
/// followed by another poll.
public final class PollWakeUps: Sendable {
    private struct State {
        var pending = false
        var waiter: (id: Int, continuation: CheckedContinuation<Void, any Error>)?
        var lastID = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiting poll service, or the next wait.
    public func wake() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume()
    }

    /// Forgets a wake-up that came before a poll starts: that poll sees the change.
    func consumePending() {
        state.withLock { $0.pending = false }
    }

    /// Returns at the next wake-up (at once when one is pending); throws `CancellationError` when cancelled.
    public func next() async throws {
        let id = state.withLock { state in
            state.lastID += 1
            return state.lastID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let now: Bool? = state.withLock { state in
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    // The handler below may have run before the waiter was stored: then it found nothing to resume.
                    if Task.isCancelled { return false }
                    state.waiter = (id, continuation)
                    return nil
                }
                if now == true { continuation.resume() } else if now == false { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let waiter = state.waiter, waiter.id == id else { return nil }
                state.waiter = nil
                return waiter.continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
