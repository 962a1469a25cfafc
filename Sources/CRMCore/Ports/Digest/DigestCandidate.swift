import Foundation

/// An open unmatched entry that found no customer, as the digest lists it (§11).
public struct DigestCandidate: Sendable, Hashable {
    /// The unmatched reasons a digest lists.
    public enum Reason: String, Sendable, Hashable {
        /// A user sent it and no recipient is a contact: listed to that user.
        case noContactRecipient = "no_contact_recipient"
        /// Its sender is nobody known: listed to the users among its recipients.
        case unknownSender = "unknown_sender"
    }

    /// The unmatched entry's id (its console page is `review/ID`).
    public var entry: Int64
    public var reason: Reason
    /// When the message was captured.
    public var capturedAt: Date
    /// Its `Date` header, nil when absent or unreadable.
    public var date: Date?
    public var subject: String?
    /// The start of its first stored copy, at least its header section (the recipients are read from it).
    public var header: [UInt8]

    public init(entry: Int64, reason: Reason, capturedAt: Date, date: Date?, subject: String?, header: [UInt8]) {
        self.entry = entry
        self.reason = reason
        self.capturedAt = capturedAt
        self.date = date
        self.subject = subject
        self.header = header
    }
}
