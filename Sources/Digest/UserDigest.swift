import CRMCore
import Foundation

/// What one user is sent: the entries found since their last digest, in capture order.
public struct UserDigest: Sendable, Hashable {
    public var user: UserID
    public var name: String
    public var address: EmailAddress
    /// The start of the period listed (their last digest, or seven days before the run).
    public var since: Date
    public var entries: [DigestEntry]

    public init(user: UserID, name: String, address: EmailAddress, since: Date, entries: [DigestEntry]) {
        self.user = user
        self.name = name
        self.address = address
        self.since = since
        self.entries = entries
    }

    /// What they sent that found no contact among its recipients.
    public var sent: [DigestEntry] { entries.filter { $0.reason == .noContactRecipient } }
    /// What reached them from senders nobody knows.
    public var received: [DigestEntry] { entries.filter { $0.reason == .unknownSender } }
}
