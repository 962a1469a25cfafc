/// A `DAV:multistatus` answer (RFC 4918 §14.16) as the client reads it: per response its href, the status of the
/// response or of its properties, and the properties it asks for; and the collection's new `sync-token` (RFC 6578).
public struct Multistatus: Sendable {
    public struct Response: Sendable {
        public var href: DAVHref
        /// The response's own `status` (a removed member in a sync report: 404), else that of the propstat that holds
        /// the properties (200), else of the first propstat.
        public var status: Int?
        public var etag: String?
        /// `CALDAV:calendar-data`, as bytes.
        public var calendarData: [UInt8]?
        public var syncToken: String?
        public var ctag: String?
        /// `DAV:resourcetype` holds `DAV:collection`.
        public var isCollection = false
    }

    public var responses: [Response] = []
    /// The top-level `DAV:sync-token` of a sync-collection report.
    public var syncToken: String?
    /// The names of `DAV:error` children (`valid-sync-token`), for a refused report.
    public var errors: [String] = []
}
