import CRMCore

/// Why a poll of a mailbox ended early: the kind (for metrics and the backoff), a message naming the reason (never a
/// secret), and what the poll had committed before it failed.
public struct PollFailure: Error, Sendable, CustomStringConvertible {
    public var kind: PollErrorKind
    public var message: String
    /// The messages committed before the failure (they stay committed).
    public var summary: PollSummary
    /// Issue 14: the poll stopped because its instance no longer holds the mailbox's lease (its transaction was
    /// refused and rolled back); not a failure of the mailbox: another instance polls it now.
    public var leaseLost: LeaseLost?

    public init(kind: PollErrorKind, message: String, summary: PollSummary = PollSummary()) {
        self.kind = kind
        self.message = message
        self.summary = summary
    }

    /// The failure of a poll whose transaction was refused by `requireLease`.
    public init(leaseLost: LeaseLost, summary: PollSummary = PollSummary()) {
        self.init(kind: .store, message: leaseLost.description, summary: summary)
        self.leaseLost = leaseLost
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

