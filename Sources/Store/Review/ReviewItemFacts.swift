import CRMCore
import Foundation

/// What the store keeps of one review item (an unmatched entry or a flagged activity): the pipeline side parses
/// the copies for headers, text and attachments.
public struct ReviewItemFacts: Sendable {
    public var ref: ReviewItemRef
    /// The `messages` row.
    public var message: Int64
    public var identity: MessageIdentity
    /// The unmatched reason, or `privacy_review`.
    public var reason: String
    /// `open`/`assigned`/`dismissed`; for an activity `flagged`, or `kept` when the flag is gone.
    public var status: String
    /// The stored audit trail of an unmatched entry (empty for an activity: it keeps none).
    public var captureTrail: String
    public var messageID: String?
    public var date: Date?
    public var fromAddress: String?
    public var fromName: String?
    public var subject: String?
    public var assignedContact: ContactID?
    public var dismissReason: String?
    /// In commit order: the first is the copy the content comes from (§12).
    public var copies: [RawCopy]
    public var sources: [MessageSource]
    /// The audit log's entries on this item, oldest first.
    public var actions: [AuditLogEntry]
}
