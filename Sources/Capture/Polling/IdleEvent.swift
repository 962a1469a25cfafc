import CRMCore

/// What a mailbox's IDLE watcher did (INTERFACE.md §11), for tests and logs.
public enum IdleEvent: Sendable, Equatable {
    /// Connected, EXAMINEd and in IDLE: changes now wake the poll at once.
    case listening
    /// The server reported a change (or UIDNEXT moved before an IDLE): the poll was woken.
    case woke
    /// The server does not advertise IDLE, or refused it: the mailbox is polled at its interval only.
    case unavailable(String)
    /// The scheduler is in standby: no IDLE connection until it runs again.
    case standby
    /// The connection failed or went dead; the next attempt comes after `retryIn` (the poller's backoff).
    case lost(kind: PollErrorKind, message: String, retryIn: Duration)
    /// A stop ended the watcher.
    case stopped
}
