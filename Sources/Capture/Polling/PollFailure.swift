import CRMCore

/// Why a poll of a mailbox ended early: the kind (for metrics and the backoff), a message naming the reason (never a
/// secret), and what the poll had committed before it failed.
public struct PollFailure: Error, Sendable, CustomStringConvertible {
    public var kind: PollErrorKind
    public var message: String
    /// The messages committed before the failure (they stay committed).
    public var summary: PollSummary

    public init(kind: PollErrorKind, message: String, summary: PollSummary = PollSummary()) {
        self.kind = kind
        self.message = message
        self.summary = summary
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
