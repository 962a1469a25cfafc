import Foundation

/// A console session as the database keeps it (§8). The browser holds a random token; only its SHA-256 is stored,
/// so a copy of the database cannot be used to log in.
public struct ConsoleSession: Sendable, Hashable {
    /// Lowercase hex SHA-256 of the cookie's token.
    public var tokenHash: String
    public var user: UserID
    /// The value every form of this session must send back as `csrf`.
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(tokenHash: String, user: UserID, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.tokenHash = tokenHash
        self.user = user
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }

    /// Sessions end after 8 hours without a request (§8).
    public static let idleLimit: TimeInterval = 8 * 3600

    /// Whether the session has been idle too long at `time`.
    public func isExpired(at time: Date) -> Bool { time.timeIntervalSince(lastSeenAt) > Self.idleLimit }
}
