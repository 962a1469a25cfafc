/// Debian's Radicale 3 as the tests' CalDAV server (htpasswd users, each only at its own collections; HTTPS with
/// `tls`). Sync tokens are `http://radicale.org/ns/sync/HASH`; a token it no longer knows gets 403 `valid-sync-token`.
public enum Radicale {
    public static var isAvailable: Bool { CalDAVServer.isAvailable(.radicale) }
    public static let missing = CalDAVServer.missing(.radicale)

    /// The Radicale of this test process, started on first use.
    public static func shared() throws -> CalDAVServer { try CalDAVServer.shared(.radicale) }
}
