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
    private let progressState = Mutex(JobOutcome())

    init(runID: JobRunID, job: JobName, startedAt: Date, store: any SchedulerStore, shutdown: StopFlag) {
        self.runID = runID
        self.job = job
        self.startedAt = startedAt
        self.store = store
        self.shutdown = shutdown
    }

    /// Throws `JobStopped` when `jobs stop` asked for this run (read from the database, so any process can ask), when
    /// the service is shutting down, or when the task is cancelled. Call it between batches.
    public func checkStop() throws {
        if try store.isStopRequested(runID) { throw JobStopped(.requested) }
        if shutdown.isSet { throw JobStopped(.shutdown) }
        if Task.isCancelled { throw JobStopped(.cancelled) }
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
