import CRMCore

/// What capture does with one message (INTERFACE.md §4), with the audit trail of how it got there.
///
/// `duplicate` is not among the outcomes: whether a message was captured before is the writer's question to the store
/// (by `MessageIdentity`), asked before the decision is persisted.
public struct CaptureDecision: Sendable, Equatable {
    /// The outcome.
    public var outcome: CaptureOutcome
    /// Which rule decided and what each address and order reference resolved to.
    public var audit: AuditTrail
    /// Already-captured messages of the thread whose linked orders or flags change because of this message (§4.7:
    /// replies captured before the message they answer). Empty unless the outcome is an activity.
    public var threadUpdates: [ThreadOrderUpdate]

    public init(outcome: CaptureOutcome, audit: AuditTrail, threadUpdates: [ThreadOrderUpdate] = []) {
        self.outcome = outcome
        self.audit = audit
        self.threadUpdates = threadUpdates
    }

    /// The activity, when the outcome is one.
    public var activity: Activity? {
        if case .activity(let activity) = outcome { activity } else { nil }
    }
}
