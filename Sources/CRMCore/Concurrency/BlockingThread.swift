import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs blocking work (libcurl, SQLite, the rating's computation) on a thread of its own, off the cooperative pool
/// (DESIGN.md house rule 5; the pool has one thread a core, two on the machines we run on), and resumes the awaiting
/// task with its result. The work itself is never interrupted: it is asked to stop through its own flag, so that the
/// item in hand is always finished or rolled back as a whole.
public enum BlockingThread {
    /// Runs `body` on a new thread and returns what it returned, or throws what it threw. When the awaiting task is
    /// cancelled first (a graceful shutdown past its time limit) and `whenCancelled` is given, that is returned at once
    /// and the thread is left to end on its own (a call blocked on a dead server ends with its timeout; nothing it has
    /// not committed counts). Without `whenCancelled` the task waits for the thread: the body sees its stop flag.
    /// `background` work (a job's batch computation) runs at a lower scheduling priority, so that on a busy machine it
    /// yields the CPU to the threads that answer requests (`/healthz`) and poll mail.
    public static func run<T: Sendable, Failure: Error>(
        name: String = "crmservice.blocking", whenCancelled: T? = nil, background: Bool = false,
        _ body: @escaping @Sendable () throws(Failure) -> T
    ) async throws(Failure) -> T {
        let slot = Mutex<CheckedContinuation<Result<T, Failure>, Never>?>(nil)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, Failure>, Never>) in
                slot.withLock { $0 = continuation }
                let thread = Thread {
                    if background { lowerPriority() }
                    let result: Result<T, Failure>
                    do throws(Failure) { result = .success(try body()) } catch { result = .failure(error) }
                    slot.withLock { $0.take() }?.resume(returning: result)
                }
                thread.name = name
                thread.stackSize = 4 << 20
                thread.start()
                if Task.isCancelled, let whenCancelled { slot.withLock { $0.take() }?.resume(returning: .success(whenCancelled)) }
            }
        } onCancel: {
            if let whenCancelled { slot.withLock { $0.take() }?.resume(returning: .success(whenCancelled)) }
        }
        return try result.get()
    }

    /// Nice 10 for the calling thread only (on Linux the nice value is per thread; `who` 0 is the caller).
    private static func lowerPriority() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
