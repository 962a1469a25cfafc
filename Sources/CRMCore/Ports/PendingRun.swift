import Foundation

/// A one-off run of a job asked for at a time (`jobs run NAME --at ISO8601`, §7): listed until the scheduler starts
/// it, at `runAt` or, when the service was down then, at its next start-up.
public struct PendingRun: Hashable, Sendable {
    public var id: PendingRunID
    public var job: String
    public var runAt: Date
    public var requestedAt: Date
    /// Who asked (the audit log's actor).
    public var requestedBy: String

    public init(id: PendingRunID, job: String, runAt: Date, requestedAt: Date, requestedBy: String) {
        self.id = id
        self.job = job
        self.runAt = runAt
        self.requestedAt = requestedAt
        self.requestedBy = requestedBy
    }
}
