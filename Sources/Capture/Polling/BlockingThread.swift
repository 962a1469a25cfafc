import Foundation
import Synchronization

/// Runs blocking work (libcurl, SQLite) on a thread of its own, off the cooperative pool (DESIGN.md house rule 5),
/// and resumes the awaiting task with its result. The work itself is never interrupted: it is asked to stop through
/// its own flag, so that a message in hand is always finished.
public enum BlockingThread {
    /// Runs `body` on a new thread and returns what it returned. When the awaiting task is cancelled first (a graceful
    /// shutdown past its time limit) and `whenCancelled` is given, that is returned at once and the thread is left to
    /// end on its own (a call blocked on a dead server ends with its timeout; nothing it has not committed counts).
    public static func run<T: Sendable>(
        name: String = "crmservice.poll", whenCancelled: T? = nil, _ body: @escaping @Sendable () -> T
    ) async -> T {
        let slot = Mutex<CheckedContinuation<T, Never>?>(nil)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
                slot.withLock { $0 = continuation }
                let thread = Thread {
                    let result = body()
                    slot.withLock { $0.take() }?.resume(returning: result)
                }
                thread.name = name
                thread.stackSize = 4 << 20
                thread.start()
                if Task.isCancelled, let whenCancelled { slot.withLock { $0.take() }?.resume(returning: whenCancelled) }
            }
        } onCancel: {
            if let whenCancelled { slot.withLock { $0.take() }?.resume(returning: whenCancelled) }
        }
    }
}
