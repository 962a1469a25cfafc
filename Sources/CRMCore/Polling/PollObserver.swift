import Foundation

/// What became of one polled message, as the admin server counts it (`crmservice_messages_total{outcome}`).
public enum PolledOutcome: String, Sendable, CaseIterable {
    case activity, unmatched, ignored, duplicate
}

/// The kinds of poll failure, as the admin server counts them (`crmservice_poll_errors_total{kind}`). Kept small and
/// fixed so that metrics have a bounded label set; the message of the failure goes to `/healthz` and the log.
public enum PollErrorKind: String, Sendable, CaseIterable {
    /// The server could not be reached (refused, DNS, network down).
    case connect
    /// A connect or transfer timeout.
    case timeout
    /// TLS failed (certificate not trusted, STARTTLS not offered).
    case tls
    /// The login was denied (wrong password, expired token).
    case auth
    /// The server answered something we cannot use, or dropped the connection mid-command.
    case protocolError = "protocol"
    /// The secret file could not be read or is readable by others.
    case credentials
    /// The database refused a write (full disk, locked, corrupt).
    case store
}

/// Receives what the mail pollers do. The poller (Capture) reports; the admin HTTP server (AdminHTTP) turns the
/// reports into `/healthz` and `/metrics`. Calls come from poller tasks, concurrently for different mailboxes.
public protocol PollObserver: Sendable {
    /// A message's outcome was committed (before its after-action).
    func captured(mailbox: String, outcome: PolledOutcome)
    /// A poll of `mailbox` ended without error after `duration`.
    func pollSucceeded(mailbox: String, at time: Date, duration: Duration)
    /// A poll of `mailbox` failed; `message` names the reason and never holds a secret.
    func pollFailed(mailbox: String, at time: Date, kind: PollErrorKind, message: String)
    /// The after-action of `mailbox` cannot be carried out as configured (`reason`, never a secret: its folder cannot
    /// be created) and the poller falls back to another; nil once it can again. The mailbox is unhealthy meanwhile,
    /// although its polls succeed.
    func afterActionProblem(mailbox: String, at time: Date, reason: String?)
}

extension PollObserver {
    /// Observers that do not show health ignore it.
    public func afterActionProblem(mailbox: String, at time: Date, reason: String?) {}
}

/// An observer that drops everything (commands that poll without an admin server).
public struct IgnoringPollObserver: PollObserver {
    public init() {}
    public func captured(mailbox: String, outcome: PolledOutcome) {}
    public func pollSucceeded(mailbox: String, at time: Date, duration: Duration) {}
    public func pollFailed(mailbox: String, at time: Date, kind: PollErrorKind, message: String) {}
}
