/// What one poll of a mailbox did: the outcomes it committed and what happened around them.
public struct PollSummary: Sendable, Equatable {
    /// Outcomes per kind (the counts `replay` prints too).
    public var outcomes = ReplaySummary()
    /// The mailbox's UIDVALIDITY at this poll (nil before STATUS answered).
    public var uidValidity: UInt32?
    /// The last UID whose outcome is committed (the checkpoint after this poll).
    public var lastUID: UInt32?
    /// UIDVALIDITY differed from the checkpoint's, so the mailbox was scanned from its first UID.
    public var rescanned = false
    /// New UIDs found above the checkpoint.
    public var found = 0
    /// After-actions (`seen`, `move`, `none`) that failed; their messages stay captured.
    public var afterActionFailures = 0
    /// The poll stopped early on request (graceful shutdown) after committing the message in hand.
    public var stopped = false

    public init() {}

    /// `12 messages: 10 activities, 1 unmatched (unknown_sender 1), 0 ignored, 1 duplicates` plus what else happened.
    public var text: String {
        var line = outcomes.text
        if rescanned { line += "; UIDVALIDITY changed, mailbox rescanned" }
        if afterActionFailures > 0 { line += "; \(afterActionFailures) after-actions failed" }
        if stopped { line += "; stopped, \(found - outcomes.messages) left for the next poll" }
        return line
    }
}
