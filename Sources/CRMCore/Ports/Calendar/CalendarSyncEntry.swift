/// What the last sync knew of one event of a user's calendar (§9): where it lives, its ETag then, the appointment
/// version the two sides agreed on, and a hash of the resource then (SHA-256 hex), which recognises our own write
/// coming back with a new ETag, or a PUT whose answer was lost.
public struct CalendarSyncEntry: Sendable, Hashable {
    public var uid: String
    /// The resource's path on the server (`/alice/calendar/x.ics`).
    public var href: String
    public var etag: String
    /// The appointment's `version` when both sides last agreed: a higher one changed in the CRM since.
    public var version: Int64
    public var resourceHash: String

    public init(uid: String, href: String, etag: String, version: Int64, resourceHash: String) {
        self.uid = uid
        self.href = href
        self.etag = etag
        self.version = version
        self.resourceHash = resourceHash
    }
}

/// One user's sync state: the collection's sync token (RFC 6578) and an entry per event synced.
public struct CalendarSyncState: Sendable {
    public var token: String?
    public var entries: [CalendarSyncEntry]
    /// `--allow-mass-delete` was given for this user and not spent by a sync yet.
    public var massDeleteAllowed: Bool

    public init(token: String? = nil, entries: [CalendarSyncEntry] = [], massDeleteAllowed: Bool = false) {
        self.token = token
        self.entries = entries
        self.massDeleteAllowed = massDeleteAllowed
    }
}
