/// A calendar object resource (RFC 4791 §4.1): its href, ETag and, when fetched, its iCalendar bytes.
public struct CalendarResource: Sendable, Hashable {
    public var href: DAVHref
    public var etag: String
    public var data: [UInt8]?

    public init(href: DAVHref, etag: String, data: [UInt8]? = nil) {
        self.href = href
        self.etag = etag
        self.data = data
    }
}

/// What changed in a collection since a sync token (RFC 6578), or, after a full listing, every member.
public struct CollectionChanges: Sendable {
    /// Members created or changed (with their ETag); after a full listing, every member.
    public var changed: [CalendarResource]
    /// Members removed since the token (never set by a full listing: the caller compares against what it knows).
    public var removed: [DAVHref]
    /// The token to send next time; nil when the server has none.
    public var newToken: String?
    /// True when this is a full listing (no token, a refused one, or no sync-collection): whatever the caller knows
    /// and is not in `changed` is gone from the server.
    public var isFullListing: Bool
}
