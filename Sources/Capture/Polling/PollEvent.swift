import CRMCore

/// What a `MailboxPollService` did at one turn of its loop, and how long it waits before the next.
public enum PollEvent: Sendable {
    /// The poll ended without error.
    case polled(PollSummary, next: Duration)
    /// The poll failed (what it had committed before stays); the wait is the backoff.
    case failed(PollFailure, next: Duration)
    /// The scheduler is in standby: nothing was polled.
    case standby(next: Duration)
    /// Issue 14: another instance holds the mailbox's lease (nil: unknown); it is asked for again after `next`.
    case leaseHeldElsewhere(by: InstanceName?, next: Duration)
    /// Graceful shutdown (or cancellation) began: the poll in progress stops after the message in hand.
    case stopRequested
}
