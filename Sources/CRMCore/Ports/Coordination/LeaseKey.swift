/// What a lease is on (issue 14): `mailbox:NAME` (the mailbox's poll and IDLE connection) or `calendar:USERID` (that
/// user's calendar sync). One instance at a time holds a key.
public struct LeaseKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The key as stored, e.g. `mailbox:sales`.
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The lease of a configured mailbox (its `name`).
    public static func mailbox(_ name: String) -> LeaseKey { LeaseKey("mailbox:" + name) }

    /// The lease of a user's calendar sync.
    public static func calendar(_ user: UserID) -> LeaseKey { LeaseKey("calendar:" + user.rawValue) }

    public var description: String { rawValue }
    public static func < (lhs: LeaseKey, rhs: LeaseKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
