import CRMCore
import Foundation
import Synchronization

/// What a running job sees of the scheduler: its run, a cooperative stop check, and a place for its counts and
/// messages (kept when the run stops or fails part-way).
public final class JobContext: Sendable {
    public let runID: JobRunID
    public let job: JobName
    /// When the run started (the clock the scheduler was given).
    public let startedAt: Date

    private let store: any SchedulerStore
    private let shutdown: StopFlag
    /// Set once a `jobs stop` for this run has been read from the database.
    private let requested = StopFlag()
    /// Set when the task awaiting `offPool` work is cancelled (its thread has no task to ask).
    private let cancelled = StopFlag()
    private let progressState = Mutex(JobOutcome())

    init(runID: JobRunID, job: JobName, startedAt: Date, store: any SchedulerStore, shutdown: StopFlag) {
        self.runID = runID
        self.job = job
        self.startedAt = startedAt
        self.store = store
        self.shutdown = shutdown
    }

    /// Throws `JobStopped` when `jobs stop` asked for this run (read from the database, so any process can ask), when
    /// the service is shutting down, or when the task is cancelled. Call it between batches, outside any store
    /// transaction (it reads the database); inside one, call `checkStopWithoutReading()`.
    public func checkStop() throws {
        if try store.isStopRequested(runID) { requested.set() }
        try checkStopWithoutReading()
    }

    /// `checkStop()` from what is known without reading the database: safe inside a store transaction and cheap
    /// enough for every few thousand rows. A `jobs stop` is seen once `checkStop()` or the watcher of `offPool` has
    /// read it.
    public func checkStopWithoutReading() throws {
        if requested.isSet { throw JobStopped(.requested) }
        if shutdown.isSet { throw JobStopped(.shutdown) }
        if cancelled.isSet || Task.isCancelled { throw JobStopped(.cancelled) }
    }

    /// Runs `body` on a thread of its own, at a lower scheduling priority (SQLite and long computations never hold a
    /// thread of the cooperative pool, which serves `/healthz` and the pollers, nor take the CPU from it). While it runs, `jobs stop` requests are read from the database every
    /// `interval` (on a thread of their own too) for `checkStopWithoutReading()` to see, and a cancellation of the
    /// awaiting task is passed on to the checks.
    public func offPool<T: Sendable>(watchEvery interval: Duration = .milliseconds(250),
                                     _ body: @escaping @Sendable () throws -> T) async throws -> T {
        let store = self.store, runID = self.runID, requested = self.requested
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while !requested.isSet {
                    try await Task.sleep(for: interval)
                    if try await BlockingThread.run(name: "crmservice.job-stop-watch", { try store.isStopRequested(runID) }) {
                        requested.set()
                    }
                }
            }
            defer { group.cancelAll() }
            let cancelled = self.cancelled
            return try await withTaskCancellationHandler {
                try await BlockingThread.run(name: "crmservice.job \(job)", background: true, body)
            } onCancel: {
                cancelled.set()
            }
        }
    }

    /// Adds to the run's counts (committed work only).
    public func count(examined: Int = 0, changed: Int = 0) {
        progressState.withLock {
            $0.examined += examined
            $0.changed += changed
        }
    }

    /// Adds a message to the run's log entry.
    public func note(_ message: String) {
        progressState.withLock { $0.messages.append(message) }
    }

    /// The counts and messages so far.
    public var progress: JobOutcome { progressState.withLock { $0 } }
}
