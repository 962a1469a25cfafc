import CRMCore
import Foundation

/// One line of a user's digest: a message of theirs that found no customer (§11).
public struct DigestEntry: Sendable, Hashable {
    /// The unmatched entry (its console page is `<public_url>review/ID`).
    public var entry: Int64
    /// `noContactRecipient`: the user sent it; `unknownSender`: it reached the user.
    public var reason: DigestCandidate.Reason
    public var subject: String?
    /// The message's `Date`, else when it was captured.
    public var date: Date
    /// The addresses nobody in the address book has: the recipients of what the user sent, or the sender.
    public var unknownAddresses: [EmailAddress]
    /// The entry's console page.
    public var link: String

    public init(entry: Int64, reason: DigestCandidate.Reason, subject: String?, date: Date,
                unknownAddresses: [EmailAddress], link: String) {
        self.entry = entry
        self.reason = reason
        self.subject = subject
        self.date = date
        self.unknownAddresses = unknownAddresses
        self.link = link
    }
}
