import CRMCore
import Foundation

/// A run the scheduler has decided to start now.
public struct DueRun: Sendable, Hashable {
    /// Why the run starts.
    public enum Reason: Sendable, Hashable {
        /// Its fire time (or interval) came while the scheduler was running.
        case scheduled
        /// One or more fire times passed while the service was down; they are made up by this one run (§7).
        case catchUp
        /// An administrator asked for it (`jobs run NAME`).
        case manual
    }

    public var job: JobName
    /// The fire time the run stands for (the latest missed one for a catch-up; the request time for a manual run).
    public var scheduledFor: Date
    public var reason: Reason
    /// The pending one-off run (`jobs run NAME --at`) this run starts, claimed when it starts (reason `manual`).
    public var pendingRun: PendingRunID?

    public init(job: JobName, scheduledFor: Date, reason: Reason, pendingRun: PendingRunID? = nil) {
        self.job = job
        self.scheduledFor = scheduledFor
        self.reason = reason
        self.pendingRun = pendingRun
    }
}
