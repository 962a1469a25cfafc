/// Debian's Xandikos 0.2 (Git-backed) as the tests' second CalDAV server. It has no authentication: every user's
/// calendar is a path of its own (`/USER/calendar/`) and the Authorization header is ignored. Its sync tokens and
/// ETags are Git object ids.
public enum Xandikos {
    public static var isAvailable: Bool { CalDAVServer.isAvailable(.xandikos) }
    public static let missing = CalDAVServer.missing(.xandikos)

    /// The Xandikos of this test process, started on first use.
    public static func shared() throws -> CalDAVServer { try CalDAVServer.shared(.xandikos) }
}
