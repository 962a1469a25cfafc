import Foundation
import Jobs
import Synchronization

/// A scheduler clock the test moves by hand: `sleep(until:)` returns when the test sets the time past the deadline.
final class TestSchedulerClock: SchedulerClock {
    private struct State {
        var now: Date
        var sleepers: [UUID: (deadline: Date, continuation: CheckedContinuation<Void, any Error>)] = [:]
    }

    private let state: Mutex<State>

    init(_ date: Date) { state = Mutex(State(now: date)) }

    func now() -> Date { state.withLock { $0.now } }

    /// Moves the time to `date` and wakes the sleepers whose deadline has come.
    func set(_ date: Date) {
        let due = state.withLock { s in
            s.now = date
            let ready = s.sleepers.filter { $0.value.deadline <= date }
            for id in ready.keys { s.sleepers[id] = nil }
            return ready.values.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }

    func sleep(until deadline: Date) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { s in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if s.now >= deadline { return .success(()) }
                    s.sleepers[id] = (deadline, continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            state.withLock { $0.sleepers.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
        }
    }
}
