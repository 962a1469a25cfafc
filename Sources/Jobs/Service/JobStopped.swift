/// Thrown by `JobContext.checkStop()`: the run ends `stopped` with what it had committed (§7).
public struct JobStopped: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// `jobs stop RUNID` (from any process, through the database).
        case requested
        /// The service is shutting down gracefully.
        case shutdown
        /// The task was cancelled.
        case cancelled
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .requested: "stopped by jobs stop"
        case .shutdown: "stopped: the service is shutting down"
        case .cancelled: "stopped: cancelled"
        }
    }
}
