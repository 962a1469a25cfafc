import Foundation

/// What `/healthz` says about one mailbox: its last successful poll and its last failure.
public struct MailboxHealth: Sendable, Equatable {
    /// The end of the last poll that succeeded; nil until one has.
    public var lastSuccess: Date?
    /// The time of the last failed poll; nil until one has failed.
    public var lastError: Date?
    public var lastErrorKind: String?
    /// The failure's reason as the poller gave it (never a secret).
    public var lastErrorMessage: String?
    /// Failed polls since the last success (0 after a success).
    public var consecutiveFailures: Int
    /// Why the after-action cannot be carried out as configured (its folder cannot be created); nil when it can.
    public var afterActionError: String?

    public init(lastSuccess: Date? = nil, lastError: Date? = nil, lastErrorKind: String? = nil,
                lastErrorMessage: String? = nil, consecutiveFailures: Int = 0, afterActionError: String? = nil) {
        self.lastSuccess = lastSuccess
        self.lastError = lastError
        self.lastErrorKind = lastErrorKind
        self.lastErrorMessage = lastErrorMessage
        self.consecutiveFailures = consecutiveFailures
        self.afterActionError = afterActionError
    }

    /// Healthy when the mailbox has not polled yet or has succeeded since its last failure, and its after-action works.
    public var isHealthy: Bool { consecutiveFailures == 0 && afterActionError == nil }
}
