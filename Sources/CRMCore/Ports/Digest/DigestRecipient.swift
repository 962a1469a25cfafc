import Foundation

/// A user as the digest sees them: where their digest goes and when they last got one.
public struct DigestRecipient: Sendable, Hashable {
    public var user: UserID
    /// The name of `users.csv` (may be empty).
    public var name: String
    /// The user's first address; nil for a user without one (they get no digest).
    public var address: EmailAddress?
    /// The end of the period of the last digest the server accepted for them; nil before their first.
    public var lastDigest: Date?

    public init(user: UserID, name: String, address: EmailAddress?, lastDigest: Date?) {
        self.user = user
        self.name = name
        self.address = address
        self.lastDigest = lastDigest
    }
}
