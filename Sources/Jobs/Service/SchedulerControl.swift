import CRMCore
import Foundation
import Synchronization

/// The way into the scheduler service running in this process (the admin console's "run now" and mode buttons):
/// requests go to its event loop, so a run started here is the scheduler's own (it never overlaps a scheduled run
/// of the same job, and a graceful shutdown stops it like any other). Without a running service every request is
/// answered `noScheduler`.
public final class SchedulerControl: Sendable {
    /// The answer to `runNow`.
    public enum RunNowAnswer: Sendable, Hashable {
        case started(JobRunID)
        /// A run of the job is in progress (its id when known).
        case busy(JobRunID?)
        case standby
        case unknownJob
        case noScheduler
        /// The start of the run could not be recorded.
        case failed(String)
    }

    enum Request: Sendable {
        case runNow(JobName, reply: @Sendable (RunNowAnswer) -> Void)
        /// The persisted mode changed: read it now rather than at the next wake-up.
        case modeChanged
    }

    private let handler = Mutex<(@Sendable (Request) -> Bool)?>(nil)

    public init() {}

    /// Asks the scheduler to start a run of `job` now; returns once the run is recorded (or refused).
    public func runNow(_ job: JobName) async -> RunNowAnswer {
        await withCheckedContinuation { continuation in
            let once = Mutex(false)
            let reply: @Sendable (RunNowAnswer) -> Void = { answer in
                guard once.withLock({ done in defer { done = true }; return !done }) else { return }
                continuation.resume(returning: answer)
            }
            if !(handler.withLock { $0 }?(.runNow(job, reply: reply)) ?? false) { reply(.noScheduler) }
        }
    }

    /// Tells the scheduler that the persisted mode changed.
    public func modeChanged() {
        _ = handler.withLock { $0 }?(.modeChanged)
    }

    /// Whether a scheduler service takes requests now.
    public var isAttached: Bool { handler.withLock { $0 != nil } }

    /// The service's event loop takes requests through `deliver` (false: the loop has ended).
    func attach(_ deliver: @escaping @Sendable (Request) -> Bool) { handler.withLock { $0 = deliver } }
    func detach() { handler.withLock { $0 = nil } }
}
