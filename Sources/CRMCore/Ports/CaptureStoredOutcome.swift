/// The outcome the store keeps for a message.
public enum StoredOutcome: Sendable, Equatable {
    case activity(ActivityRecord, attachments: [AttachmentRecord])
    /// `reason` is the contract's word; `audit` the printable trail for `unmatched show`.
    case unmatched(reason: String, audit: String)
    /// §4.9: only the identity is kept (so later copies stay excluded); raw bytes and sources are dropped.
    case excluded
    /// Ignored `internal`: nothing of the message is kept.
    case discarded
}
